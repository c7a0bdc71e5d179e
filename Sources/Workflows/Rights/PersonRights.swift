import CRM
import Consent
import Foundation

/// A person's rights, exercised by the office's admin (web or command line), each written to the
/// audit log: access and portability (one zip), erasure, objection.
public struct PersonRights: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// The person whose rights are exercised, within the caller's office: `notFound` for another office's.
    public func person(contactID: Int64, by caller: Caller) throws -> Contact { try desk.crm.contacts.contact(id: contactID, by: caller) }

    var crm: any CRMStores { desk.crm }

    /// The office's contact with this address.
    public func contact(email: String, by caller: Caller) throws -> Contact {
        guard let contact = try crm.contacts.contact(email: email, by: caller) else {
            throw CRMError.notFound("contact with the address \(email)")
        }
        return contact
    }

    /// Everything the office holds about the person, as a zip of JSON and CSV files.
    public func export(contactID: Int64, by caller: Caller) throws -> (fileName: String, zip: Data) {
        try requireAdmin(caller)
        let contact = try crm.contacts.contact(id: contactID, by: caller)
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        let requests = try crm.requests.list(contactID: contactID, by: caller)
        let baskets = try requests.flatMap { try crm.baskets.list(requestID: $0.id, by: caller) }
        var messages = try requests.flatMap { try crm.outbox.list(requestID: $0.id, by: caller) }
        if let email = contact.email {
            let known = Set(messages.map(\.id))
            messages += try crm.outbox.list(recipient: email, by: caller).filter { !known.contains($0.id) }
        }
        let events = try contact.email.map { try desk.store.events(officeID: office.id, subject: desk.keys.subject(email: $0)) } ?? []
        let zip = try PersonExport(office: office.name, contact: contact, requests: requests, baskets: baskets, events: events,
                                   messages: messages.sorted { $0.id < $1.id }, at: Date()).zip()
        try crm.audit.record(.contactExported, contactID: contactID, detail: "requests \(requests.count), events \(events.count), messages \(messages.count)",
                             by: caller)
        return ("donnees-contact-\(contactID).zip", zip)
    }

    /// Erases the person from the office: their data goes from every table (requests stay, without
    /// identity, for the statistics); the keyed hashes of their address and phones stay on the
    /// suppression list so no import or form adds them back.
    public func erase(contactID: Int64, by caller: Caller) throws -> ContactErasure {
        try requireAdmin(caller)
        let office = try caller.office()
        // One transaction: the suppression (the person is never re-added), the consent events'
        // erasure, the CRM's and the audit entry commit together, or none does.
        return try crm.transaction { crm in
            let contact = try crm.contacts.contact(id: contactID, by: caller)
            let subject = contact.email.map(desk.keys.subject)
            try desk.store.suppress([subject].compactMap { $0 } + [contact.phone, contact.mobile].compactMap { $0 }.map(desk.keys.phone), officeID: office)
            if let subject { _ = try desk.store.erase(subject: subject, officeID: office) }
            let erasure = try crm.contacts.erase(contactID, keepingRequests: true, by: caller)
            try crm.audit.record(.contactErased, contactID: contactID, detail: erasure.summary, by: caller)
            return erasure
        }
    }

    /// The person objects to any use of their data for the office's communications: every purpose
    /// and channel stops, and they are never asked again.
    public func object(contactID: Int64, heard: String?, by caller: Caller) throws {
        try ConsentRecord(desk: desk).object(contactID: contactID, heard: heard, by: caller)
    }

    func requireAdmin(_ caller: Caller) throws {
        guard caller.role == .officeAdmin else { throw CRMError.forbidden("les droits d'une personne sont exercés par l'administrateur de l'office") }
    }
}
