import Foundation

/// Searches agents named to run again: their own, and those shared with the office.
public protocol SavedSearchStore: Sendable {
    func save(_ search: SavedSearch, by caller: Caller) throws(CRMError) -> SavedSearch
    /// The caller's own saved searches and those shared in the office.
    func list(by caller: Caller) throws(CRMError) -> [SavedSearch]
    /// One's own, or a shared one by the office admin.
    func delete(id: Int64, by caller: Caller) throws(CRMError)
}
