import Foundation
import Storage

struct SQLSavedSearchStore: SavedSearchStore {
    let executor: SQLExecutor

    func save(_ search: SavedSearch, by caller: Caller) throws(CRMError) -> SavedSearch {
        let name = search.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80 else { throw .invalid(field: "name", reason: "de 1 à 80 caractères") }
        guard search.query.count <= 2000 else { throw .invalid(field: "query", reason: "trop long") }
        let id = try executor.write(as: caller) { db, tenant in
            try tenant.insert(db, into: "crm_saved_search", [("user_id", caller.userID), ("owner", caller.userName), ("name", name),
                                                             ("query", search.query), ("shared", search.shared)])
        }
        return SavedSearch(id: id, name: name, query: search.query, shared: search.shared, owner: caller.userName)
    }

    func list(by caller: Caller) throws(CRMError) -> [SavedSearch] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_saved_search", where: "shared = 1 OR user_id IS NOT DISTINCT FROM ?", [caller.userID], orderBy: "name").map {
                SavedSearch(id: $0["id"], name: $0["name"], query: $0["query"], shared: $0["shared"], owner: $0["owner"])
            }
        }
    }

    func delete(id: Int64, by caller: Caller) throws(CRMError) {
        let deleted = try executor.write(as: caller) { db, tenant in
            // Your own, or a shared one when you administer the office.
            try tenant.delete(db, from: "crm_saved_search", where: "id = ? AND (user_id IS NOT DISTINCT FROM ? OR (shared = 1 AND ? = 'office-admin'))",
                              [id, caller.userID, caller.role.rawValue])
        }
        guard deleted == 1 else { throw .notFound("saved search \(id)") }
    }
}
