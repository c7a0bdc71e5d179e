import Foundation
import GRDB

extension SQLiteCRMStore {
    /// Inserts (id 0) or replaces a basket of the caller's office.
    public func saveBasket(_ basket: Basket, by caller: Caller) throws(CRMError) -> Basket {
        let office = try caller.office()
        if let requestID = basket.requestID { _ = try request(id: requestID, by: caller) }
        if basket.id != 0 { _ = try self.basket(id: basket.id, by: caller) }
        let ids = Self.json(basket.recordIDs) ?? "[]"
        let id = try write { db -> Int64 in
            let now = Date().timeIntervalSince1970
            if basket.id == 0 {
                try db.execute(sql: """
                    INSERT INTO crm_basket (office_id, request_id, agent, record_ids, layout, language, note, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [office, basket.requestID, caller.userName, ids, basket.layout, basket.language, basket.note, now])
                return db.lastInsertedRowID
            }
            try db.execute(sql: """
                UPDATE crm_basket SET request_id = ?, record_ids = ?, layout = ?, language = ?, note = ?, updated_at = ?
                WHERE id = ? AND office_id = ?
                """, arguments: [basket.requestID, ids, basket.layout, basket.language, basket.note, now, basket.id, office])
            return basket.id
        }
        return try self.basket(id: id, by: caller)
    }

    public func basket(id: Int64, by caller: Caller) throws(CRMError) -> Basket {
        let office = try caller.office()
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM crm_basket WHERE id = ? AND office_id = ?", arguments: [id, office]) }
        guard let row else { throw .notFound("basket \(id)") }
        return Self.basket(row)
    }

    public func baskets(requestID: Int64?, by caller: Caller) throws(CRMError) -> [Basket] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM crm_basket WHERE office_id = ? AND (? IS NULL OR request_id = ?) ORDER BY updated_at DESC LIMIT 500
                """, arguments: [office, requestID, requestID]).map(Self.basket)
        }
    }

    static func basket(_ row: Row) -> Basket {
        Basket(id: row["id"], officeID: row["office_id"], requestID: row["request_id"], agent: row["agent"],
               recordIDs: decode(row["record_ids"]) ?? [], layout: row["layout"], language: row["language"], note: row["note"])
    }
}
