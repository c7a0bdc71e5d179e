import CRM
import Consent
import Foundation

/// The office's consent settings as its admin sets them: the wordings people agree to (a new
/// version each time one changes), the partners named in them, the region's partner offices.
public struct ConsentSettings: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Current: Sendable {
        /// The texts as shown (the default until one is stored) and the stored versions.
        public var ownWording: String
        public var partnersWording: String
        public var ownVersion: Int?
        public var partnersVersion: Int?
        public var partners: [String]
        public var partnerOffices: Set<Int64>
    }

    public func settings(officeID: Int64, office: Office) throws -> Current {
        let store = desk.store
        return Current(ownWording: try desk.displayedWording(.own, office: office),
                       partnersWording: try desk.displayedWording(.partners, office: office),
                       ownVersion: try store.wording(officeID: officeID, purpose: .own)?.version,
                       partnersVersion: try store.wording(officeID: officeID, purpose: .partners)?.version,
                       partners: try store.partners(officeID: officeID), partnerOffices: Set(try store.partnerOffices(officeID: officeID)))
    }

    /// Saved together: a wording left nil stays as it is; partners one a line.
    public func save(ownWording: String?, partnersWording: String?, partners: String, partnerOffices: [Int64], by caller: Caller) throws {
        let office = try caller.office()
        let store = desk.store
        try desk.crm.transaction { _ in
            if let ownWording { _ = try store.setWording(officeID: office, purpose: .own, text: ownWording) }
            if let partnersWording { _ = try store.setWording(officeID: office, purpose: .partners, text: partnersWording) }
            try store.setPartners(partners.split(whereSeparator: \.isNewline).map(String.init), officeID: office)
            try store.setPartnerOffices(partnerOffices, officeID: office)
        }
    }
}
