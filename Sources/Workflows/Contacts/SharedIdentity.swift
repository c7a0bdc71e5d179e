import CRM
import Consent
import Foundation

/// What other offices share of a person with the caller's office: only offices that name it among
/// their partner offices, only while the person's consent to their partners' box holds (a
/// withdrawal stops the sharing at once: it is decided at each reading), only identity fields.
///
/// The consent that opens the sharing is the one the *sharing* office holds, for the address in
/// that office's own profile of the person: never a field the receiving office can write (its own
/// profile's email may be edited to any address, including one whose owner confirmed something).
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
        _ = try desk.crm.contacts.contact(id: contactID, by: caller)  // the caller's office holds the person, else notFound
        let naming = try desk.store.offices(namingPartner: mine)
        guard !naming.isEmpty else { return [] }
        return try desk.crm.contacts.sharedProfiles(of: contactID, offices: naming, by: caller).compactMap { officeID, identity in
            // The sharing office's own record of the address, and its own consent events for it.
            guard let email = identity.email else { return nil }
            let events = try desk.store.events(officeID: officeID, subject: desk.keys.subject(email: email))
            guard ConsentState.derive(events, purpose: .partners, channel: .email) == .confirmed else { return nil }
            let since = events.last { $0.purpose == .partners && $0.kind == .confirmed }?.at
            return Share(officeID: officeID, office: try desk.crm.offices.office(id: officeID, by: .regionalAdmin).name, since: since,
                         fields: EditContact.fields.compactMap { field in identity[keyPath: field.path].map { (field.name, $0) } })
        }
    }
}
