import CRM
import Consent
import Foundation

/// A contact's consent with the caller's office as the contact page shows it: the state of each
/// purpose and channel, every event with its proof; and a withdrawal an agent heard (on the phone,
/// at the desk), recorded with who and when.
public struct ConsentRecord: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct View: Sendable {
        public var states: [(purpose: Purpose, channel: Channel, state: ConsentState)]
        public var events: [ConsentEvent]
    }

    public func view(contactID: Int64, by caller: Caller) throws -> View? {
        guard let email = try desk.crm.contacts.contact(id: contactID, by: caller).email else { return nil }
        let events = try desk.store.events(officeID: try caller.office(), subject: desk.keys.subject(email: email))
        let states = Purpose.allCases.flatMap { purpose in
            Channel.allCases.map { (purpose, $0, ConsentState.derive(events, purpose: purpose, channel: $0)) }
        }
        return View(states: states, events: events)
    }

    /// An objection heard by an agent: nothing more from the office (every purpose and channel), and
    /// the person's email and phone on the office's suppression list.
    public func object(contactID: Int64, heard context: String?, by caller: Caller) throws {
        let contact = try desk.crm.contacts.contact(id: contactID, by: caller)
        guard let email = contact.email else { throw CRMError.invalid(field: "email", reason: "le contact n'a pas d'adresse e-mail") }
        try desk.recordObjection(officeID: try caller.office(), subject: desk.keys.subject(email: email),
                                 alsoSuppressing: [contact.phone, contact.mobile].compactMap { $0 }.map(desk.keys.phone), mode: .phone,
                                 context: context, agent: caller.userName)
        try desk.crm.audit.record(.objectionRecorded, contactID: contactID, by: caller)
    }

    public func withdraw(contactID: Int64, purposes: [Purpose], heard context: String?, by caller: Caller) throws {
        guard let email = try desk.crm.contacts.contact(id: contactID, by: caller).email else {
            throw CRMError.invalid(field: "email", reason: "le contact n'a pas d'adresse e-mail")
        }
        let office = try caller.office(), subject = desk.keys.subject(email: email), now = Date()
        try desk.store.record(purposes.flatMap { purpose in
            Channel.allCases.map {
                ConsentEvent(officeID: office, subject: subject, purpose: purpose, channel: $0, kind: .withdrawn, mode: .phone, context: context,
                             agent: caller.userName, at: now)
            }
        }, spending: nil)
        try desk.crm.audit.record(.consentWithdrawnHeard, contactID: contactID, detail: purposes.map(\.rawValue).joined(separator: ","), by: caller)
    }
}
