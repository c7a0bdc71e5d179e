import CRM
import Consent
import Foundation

/// The office's contact list: the CRM's filters, and where each person stands with the office's
/// own messages by email (the consent module's records, read once for the whole office).
public struct ContactList: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// The regional themes, for the list's theme filter.
    public func themes() throws -> [Theme] { try desk.crm.lists.themes() }

    /// The consent states an agent filters on.
    public enum ConsentChoice: String, Sendable, CaseIterable {
        /// Confirmed: the office may write to them.
        case confirmed
        /// Asked, waiting for the person to use the link.
        case pending
        /// Never asked, or the link expired: nothing was agreed.
        case none
        /// Refused, withdrew, objected or was erased: the office must not ask again on its own.
        case stopped

        func holds(_ state: ConsentState?) -> Bool {
            switch self {
            case .confirmed: state == .confirmed
            case .pending: state == .pending
            case .none: state == nil || state == ConsentState.none || state == .expired
            case .stopped: state == .refused || state == .withdrawn || state == .objected
            }
        }
    }

    /// A page of contacts matching `filter` and, when given, the consent choice (the office's own
    /// messages by email; a contact without an address is "none").
    public func page(_ filter: ContactFilter, consent: ConsentChoice?, by caller: Caller) throws -> (contacts: [Contact], total: Int) {
        guard let consent else { return try desk.crm.contacts.list(filter, by: caller) }
        let states = try desk.store.states(officeID: try caller.office(), purpose: .own, channel: .email)
        let chosen = try desk.crm.contacts.emails(filter, by: caller)
            .filter { consent.holds($0.email.flatMap { states[desk.keys.subject(email: $0)] }) }.map(\.id)
        var narrowed = filter
        narrowed.ids = chosen
        return try desk.crm.contacts.list(narrowed, by: caller)
    }
}
