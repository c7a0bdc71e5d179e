import CRM
import Foundation

/// Searches agents name to run again: their own, or shared with the office.
public struct SavedSearches: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    public func list(by caller: Caller) throws -> [SavedSearch] { try crm.savedSearches.list(by: caller) }

    public func save(name: String, query: String, shared: Bool, by caller: Caller) throws -> SavedSearch {
        try crm.savedSearches.save(SavedSearch(name: name, query: query, shared: shared), by: caller)
    }

    public func delete(id: Int64, by caller: Caller) throws { try crm.savedSearches.delete(id: id, by: caller) }
}
