import CRM
import Foundation

/// What an agent sees of a contact: the office's profile, its requests and replies, possible
/// duplicates, the consent record. Every look is written to the office's audit log.
public struct ContactPage: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Contents: Sendable {
        public var contact: Contact
        public var requests: [InformationRequest]
        public var replies: [OutboxEntry]
        public var duplicates: [Contact]
        public var consent: ConsentRecord.View?
        /// What partner offices share of the person, where the person allowed it.
        public var shares: [SharedIdentity.Share]
    }

    public func load(contactID: Int64, by caller: Caller) throws -> Contents {
        let crm = desk.crm
        let contact = try crm.contacts.contact(id: contactID, by: caller)
        let requests = try crm.requests.list(contactID: contactID, by: caller)
        let contents = Contents(contact: contact, requests: requests, replies: try requests.flatMap { try crm.outbox.list(requestID: $0.id, by: caller) },
                                duplicates: try crm.contacts.duplicates(of: contactID, by: caller),
                                consent: try ConsentRecord(desk: desk).view(contactID: contactID, by: caller),
                                shares: try SharedIdentity(desk: desk).shares(contactID: contactID, by: caller))
        try crm.audit.record(.contactViewed, contactID: contactID, by: caller)
        return contents
    }

    /// The profile alone (the API), the look logged the same way.
    public func contact(id: Int64, by caller: Caller) throws -> Contact {
        let contact = try desk.crm.contacts.contact(id: id, by: caller)
        try desk.crm.audit.record(.contactViewed, contactID: id, by: caller)
        return contact
    }
}
