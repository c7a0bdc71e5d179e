import Foundation
import GRDB

extension SQLiteCRMStore {
    public func draftBasket(by caller: Caller) throws(CRMError) -> Basket {
        let office = try caller.office()
        guard let user = caller.userID else { throw .forbidden("a draft basket belongs to a signed-in user") }
        let id = try write { db -> Int64 in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM crm_basket WHERE office_id = ? AND user_id = ? AND request_id IS NULL ORDER BY id LIMIT 1",
                                           arguments: [office, user]) {
                return id
            }
            try db.execute(sql: """
                INSERT INTO crm_basket (office_id, request_id, agent, record_ids, layout, language, note, updated_at, user_id)
                VALUES (?, NULL, ?, '[]', 'livret-a5', 'fr', NULL, ?, ?)
                """, arguments: [office, caller.userName, Date().timeIntervalSince1970, user])
            return db.lastInsertedRowID
        }
        return try basket(id: id, by: caller)
    }

    public func saveSearch(_ search: SavedSearch, by caller: Caller) throws(CRMError) -> SavedSearch {
        let office = try caller.office()
        let name = search.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 80 else { throw .invalid(field: "name", reason: "1 to 80 characters") }
        guard search.query.count <= 2000 else { throw .invalid(field: "query", reason: "too long") }
        let id = try write { db -> Int64 in
            try db.execute(sql: "INSERT INTO crm_saved_search (office_id, user_id, owner, name, query, shared) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [office, caller.userID, caller.userName, name, search.query, search.shared])
            return db.lastInsertedRowID
        }
        return SavedSearch(id: id, name: name, query: search.query, shared: search.shared, owner: caller.userName)
    }

    public func savedSearches(by caller: Caller) throws(CRMError) -> [SavedSearch] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM crm_saved_search WHERE office_id = ? AND (shared = 1 OR user_id IS ?) ORDER BY name
                """, arguments: [office, caller.userID]).map {
                SavedSearch(id: $0["id"], name: $0["name"], query: $0["query"], shared: $0["shared"], owner: $0["owner"])
            }
        }
    }

    public func deleteSavedSearch(id: Int64, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        let deleted = try write { db -> Int in
            // Your own, or a shared one when you administer the office.
            try db.execute(sql: """
                DELETE FROM crm_saved_search WHERE id = ? AND office_id = ? AND (user_id IS ? OR (shared = 1 AND ? = 'office-admin'))
                """, arguments: [id, office, caller.userID, caller.role.rawValue])
            return db.changesCount
        }
        guard deleted == 1 else { throw .notFound("saved search \(id)") }
    }

    public func branding(by caller: Caller) throws(CRMError) -> OfficeBranding {
        let office = try caller.office()
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM crm_branding WHERE office_id = ?", arguments: [office]) }
        guard let row else { return OfficeBranding() }
        return OfficeBranding(logo: row["logo"], primary: row["primary_color"], muted: row["muted_color"], address: row["address"], legal: row["legal"])
    }

    public func setBranding(_ branding: OfficeBranding, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        guard caller.role == .officeAdmin else { throw .forbidden("the office admin sets the branding") }
        for (field, value) in [("primary", branding.primary), ("muted", branding.muted)] {
            if let value, !(value.count == 7 && value.hasPrefix("#") && UInt32(value.dropFirst(), radix: 16) != nil) {
                throw .invalid(field: field, reason: "expected a colour as #RRGGBB")
            }
        }
        if let logo = branding.logo, logo.count > 2_000_000 { throw .invalid(field: "logo", reason: "at most 2 MB") }
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO crm_branding (office_id, logo, primary_color, muted_color, address, legal) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [office, branding.logo, branding.primary, branding.muted, branding.address, branding.legal])
        }
    }

    public func createAPIToken(name: String, by caller: Caller) throws(CRMError) -> String {
        let office = try caller.office()
        guard caller.role == .officeAdmin else { throw .forbidden("the office admin creates API tokens") }
        let token = "gt_" + Digest.randomHex()
        try write { db in
            try db.execute(sql: "INSERT INTO crm_api_token (office_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [office, name, Digest.sha256Hex(token), Date().timeIntervalSince1970])
        }
        return token
    }

    public func caller(forAPIToken token: String) throws(CRMError) -> Caller? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT office_id, name FROM crm_api_token WHERE token_hash = ?", arguments: [Digest.sha256Hex(token)])
        }
        guard let row else { return nil }
        return Caller(role: .agent, officeID: row["office_id"], userName: "API: " + (row["name"] as String))
    }
}
