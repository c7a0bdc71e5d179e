import CRM
import Consent
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
        /// The records chosen for each request (by request id).
        public var baskets: [Int64: Basket]
        /// The Apidae entities the contact is synced from (professional contacts).
        public var apidae: [ApidaeContactLink] = []

        /// Everything that happened with the person, newest first: requests (with their basket),
        /// messages written to them, consent events.
        public var timeline: [Moment] {
            var moments = requests.map { Moment.request($0, baskets[$0.id]) } + replies.map(Moment.message)
            moments += (consent?.events ?? []).map(Moment.consent)
            return moments.sorted { $0.date > $1.date }
        }
    }

    public enum Moment: Sendable {
        case request(InformationRequest, Basket?)
        case message(OutboxEntry)
        case consent(ConsentEvent)

        public var date: Date {
            switch self {
            case let .request(r, _): r.date
            case let .message(m): m.sentAt ?? m.createdAt
            case let .consent(e): e.at
            }
        }
    }

    public func load(contactID: Int64, by caller: Caller) throws -> Contents {
        let crm = desk.crm
        let contact = try crm.contacts.contact(id: contactID, by: caller)
        let requests = try crm.requests.list(contactID: contactID, by: caller)
        var baskets: [Int64: Basket] = [:]
        for request in requests { baskets[request.id] = try crm.baskets.list(requestID: request.id, by: caller).first }
        var replies = try requests.flatMap { try crm.outbox.list(requestID: $0.id, by: caller) }
        if let email = contact.email {
            // Confirmation emails, campaigns: written to the person outside a request.
            let known = Set(replies.map(\.id))
            replies += try crm.outbox.list(recipient: email, by: caller).filter { !known.contains($0.id) }
        }
        var contents = Contents(contact: contact, requests: requests, replies: replies,
                                duplicates: try crm.contacts.duplicates(of: contactID, by: caller),
                                consent: try ConsentRecord(desk: desk).view(contactID: contactID, by: caller),
                                shares: try SharedIdentity(desk: desk).shares(contactID: contactID, by: caller), baskets: baskets)
        contents.apidae = try crm.apidaeContacts.links(contactID: contactID, by: caller)
        try crm.audit.record(.contactViewed, contactID: contactID, by: caller)
        return contents
    }

    /// What the office did with the contact (for its admin): the audit log's 50 latest entries
    /// about them, looks left out.
    public func history(contactID: Int64, by caller: Caller) throws -> [AuditEntry] {
        try desk.crm.audit.entries(AuditFilter(contactID: contactID, limit: 50), by: caller).filter { $0.action != .contactViewed }
    }

    /// The office's contacts that are likely the same person (the API).
    public func duplicates(of contactID: Int64, by caller: Caller) throws -> [Contact] {
        try desk.crm.contacts.duplicates(of: contactID, by: caller)
    }

    /// The profile alone (the API), the look logged the same way.
    public func contact(id: Int64, by caller: Caller) throws -> Contact {
        let contact = try desk.crm.contacts.contact(id: id, by: caller)
        try desk.crm.audit.record(.contactViewed, contactID: id, by: caller)
        return contact
    }
}
