import CRM
import Consent
import Foundation

/// What other offices share of a person with the caller's office: only offices that name it among
/// their partner offices, only while the person's consent to their partners' box holds (a
/// withdrawal stops the sharing at once: it is decided at each reading), only identity fields.
public struct SharedIdentity: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Share: Sendable {
        public var officeID: Int64
        public var office: String
        /// When the person confirmed the partners' box with that office.
        public var since: Date?
        /// Field name → value, the fields that office holds.
        public var fields: [(name: String, value: String)]
    }

    public func shares(contactID: Int64, by caller: Caller) throws -> [Share] {
        let mine = try caller.office()
        let contact = try desk.crm.contacts.contact(id: contactID, by: caller)
        guard let email = contact.email else { return [] }
        let subject = desk.keys.subject(email: email)
        var allowed: [Int64: Date?] = [:]
        for office in try desk.store.offices(namingPartner: mine) {
            let events = try desk.store.events(officeID: office, subject: subject)
            guard ConsentState.derive(events, purpose: .partners, channel: .email) == .confirmed else { continue }
            allowed[office] = events.last { $0.purpose == .partners && $0.kind == .confirmed }?.at
        }
        guard !allowed.isEmpty else { return [] }
        return try desk.crm.contacts.sharedProfiles(of: contactID, offices: allowed.keys.sorted(), by: caller).map { officeID, identity in
            Share(officeID: officeID, office: try desk.crm.offices.office(id: officeID, by: .regionalAdmin).name, since: allowed[officeID] ?? nil,
                  fields: EditContact.fields.compactMap { field in identity[keyPath: field.path].map { (field.name, $0) } })
        }
    }
}
