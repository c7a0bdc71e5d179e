import CRM
import Foundation

/// What a use case refuses, and why. Storage refusals (not found, not allowed, invalid field) stay
/// `CRMError`s; these are the rules that span modules.
public enum WorkflowError: Error, CustomStringConvertible, Equatable, Sendable {
    case emptySelection
    case noKnownRecord([Int])
    case noBrochureRight(office: String)
    case noRecipient(requestID: Int64)
    /// A reply asked to attach the basket of a request that has none.
    case noBasketToAttach(requestID: Int64)
    /// A record id that is not in the cache.
    case unknownRecord(Int)
    case basketFull(limit: Int)
    /// A new order that is not a permutation of (some of) the basket's records.
    case notInBasket
    case unknownLayout(String)
    case unknownLanguage(String)
    /// A merge of two contacts that do not look like the same person.
    case notDuplicates(kept: Int64, merged: Int64)
    /// A START office asked to search the whole region.
    case regionForbidden(office: String)
    /// A letter asked for a request whose contact has no postal address.
    case noPostalAddress(requestID: Int64)
    /// Campaigns are for PREMIUM offices.
    case campaignsArePremium(office: String)
    /// A blocking call (mail server, photo server, a child process) that took too long.
    case timedOut(String)

    public var description: String {
        switch self {
        case .emptySelection: "the selection is empty: nothing to print"
        case let .noKnownRecord(ids): "none of the records \(ids.map(String.init).joined(separator: ", ")) is in the cache"
        case let .noBrochureRight(office): "\(office) has no brochure right (PREMIUM or the brochure add-on)"
        case let .noRecipient(id): "request \(id) has no contact with an email address to reply to"
        case let .noBasketToAttach(id): "request \(id) has no basket to attach"
        case let .unknownRecord(id): "record \(id) is not in the cache"
        case let .basketFull(limit): "the basket already holds \(limit) records"
        case .notInBasket: "only the basket's own records, each once"
        case let .unknownLayout(name): "unknown layout \"\(name)\""
        case let .unknownLanguage(code): "unknown language \"\(code)\""
        case let .notDuplicates(kept, merged): "contacts \(kept) and \(merged) do not look like the same person (same email, or same names and postal code)"
        case let .regionForbidden(office): "\(office) searches its own records (the whole region is for PREMIUM offices)"
        case let .noPostalAddress(id): "request \(id) has no contact with a postal address (name, street, town)"
        case let .campaignsArePremium(office): "\(office) has no campaigns (they are for PREMIUM offices)"
        case let .timedOut(what): "\(what) did not answer in time"
        }
    }
}
