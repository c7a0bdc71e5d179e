import CRM
import Foundation
import Records

/// Records what a visitor asked — at the counter, on the phone, by email — with who they are and
/// the records chosen for them: the contact, the request and its basket are written in one
/// transaction, so a refusal anywhere (an unknown theme, a wrong email, an unknown record) leaves
/// nothing behind. The web form and `guichet request add` both come here.
public struct RecordRequest: Sendable {
    public let crm: any CRMStores
    public let records: RecordStore

    public init(crm: any CRMStores, records: RecordStore) { self.crm = crm; self.records = records }

    public struct Input: Sendable {
        /// nil: an anonymous request (counted, never answered by email).
        public var contact: Contact?
        public var request: InformationRequest
        public var basket: BasketSource

        public init(contact: Contact?, request: InformationRequest, basket: BasketSource = .none) {
            self.contact = contact; self.request = request; self.basket = basket
        }
    }

    public enum BasketSource: Sendable {
        case none
        /// The agent's draft basket at the desk goes with the request (when it holds records).
        case draft
        /// These records, in this order.
        case records(ids: [Int], layout: String, language: String)
    }

    public struct Output: Sendable {
        public var request: InformationRequest
        public var contact: Contact?
        public var basket: Basket?
        /// The entry (`request.entryID`) was recorded before: nothing new was written.
        public var replayed = false
    }

    func basketIsEmpty(_ source: BasketSource, _ caller: Caller) throws -> Bool {
        switch source {
        case .none: true
        case .draft: try crm.baskets.draft(by: caller).isEmpty
        case let .records(ids, _, _): ids.isEmpty
        }
    }

    public func run(_ input: Input, by caller: Caller) throws -> Output {
        if let contact = input.contact, !contact.isIdentified {
            throw CRMError.invalid(field: "lastName", reason: "un nom, une société ou une adresse e-mail est nécessaire pour enregistrer la personne")
        }
        if input.contact == nil, input.request.saysNothing, try basketIsEmpty(input.basket, caller) {
            // An empty form saved by mistake would count as a visit and could not be removed.
            throw CRMError.invalid(field: "request", reason: "le formulaire est vide : indiquez au moins l'origine du visiteur, un thème, l'objet, le groupe ou le séjour")
        }
        if case let .records(ids, _, language) = input.basket {
            guard VisitorLanguages.codes.contains(language) else { throw WorkflowError.unknownLanguage(language) }
            let office = try crm.offices.office(id: try caller.office(), by: caller)
            if let unknown = try RecordScope.outside(ids, for: office, in: records).first { throw WorkflowError.unknownRecord(unknown) }
        }
        let output = try crm.transaction { tx -> Output in
            // A device sending its offline entry again (the network dropped before the answer): the first is the one.
            if let entryID = input.request.entryID, let earlier = try tx.requests.request(entryID: entryID, by: caller) {
                return Output(request: earlier, contact: try earlier.contactID.map { try tx.contacts.contact(id: $0, by: caller) },
                              basket: nil, replayed: true)
            }
            let contact = try input.contact.map { try tx.contacts.add($0, by: caller) }
            var request = input.request
            request.contactID = contact?.id
            let saved = try tx.requests.add(request, by: caller)
            var basket: Basket?
            switch input.basket {
            case .none: break
            case .draft:
                var draft = try tx.baskets.draft(by: caller)
                if !draft.isEmpty {
                    draft.requestID = saved.id
                    basket = try tx.baskets.save(draft, by: caller)
                }
            case let .records(ids, layout, language):
                basket = try tx.baskets.save(Basket(requestID: saved.id, recordIDs: ids, layout: layout, language: language), by: caller)
            }
            return Output(request: saved, contact: contact, basket: basket)
        }
        // Records chosen here for the first time count toward their popularity (a draft's were
        // counted as they were added). A counter, not part of the request: after the commit.
        if !output.replayed, case let .records(ids, _, _) = input.basket {
            for id in Set(ids) { try records.addPopularity(id: id) }
        }
        return output
    }
}

extension Contact {
    /// Enough to know who the person is: a name, a company or an email address.
    var isIdentified: Bool {
        [lastName, company, email].contains { !($0?.trimmingCharacters(in: .whitespaces).isEmpty ?? true) }
    }
}

extension InformationRequest {
    /// Nothing was said of the visit but how it came (the contact mode): no origin, theme, subject,
    /// party, stay, type, criteria or notes.
    var saysNothing: Bool {
        func blank(_ text: String?) -> Bool { text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true }
        return blank(subject) && blank(notes) && blank(originCountry) && blank(originDepartment) && blank(originCommune)
            && themes.isEmpty && extra.isEmpty && party?.size == nil && party?.kind == nil && requestType == nil
            && (stay.map { $0.from == nil && $0.to == nil && $0.nights == nil && blank($0.zone) && blank($0.accommodation) } ?? true)
    }
}
