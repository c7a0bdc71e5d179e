import Foundation
import Storage

struct SQLBasketStore: BasketStore {
    let executor: SQLExecutor

    func save(_ basket: Basket, by caller: Caller) throws(CRMError) -> Basket {
        if let requestID = basket.requestID { _ = try SQLRequestStore(executor: executor).request(id: requestID, by: caller) }
        let ids = JSONColumn.encode(basket.recordIDs) ?? "[]"
        let documents = JSONColumn.encode(basket.documentIDs) ?? "[]"
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            // Only the office's own documents: another office's is unknown (checked in the write: none goes in between).
            let own = try Int64.all(db, "SELECT id FROM crm_document WHERE office_id = ? AND id IN (\(sqlPlaceholders(basket.documentIDs.count)))",
                                    [tenant.office] + SQLArguments(basket.documentIDs))
            if let unknown = basket.documentIDs.first(where: { !own.contains($0) }) { throw CRMError.notFound("document \(unknown)") }
            let now = Date().timeIntervalSince1970
            if basket.id == 0 {
                return try tenant.insert(db, into: "crm_basket", [
                    ("request_id", basket.requestID), ("agent", caller.userName), ("record_ids", ids), ("document_ids", documents), ("layout", basket.layout),
                    ("language", basket.language), ("note", basket.note), ("updated_at", now),
                ])
            }
            let changed = try tenant.update(db, "crm_basket", set: "request_id = ?, record_ids = ?, document_ids = ?, layout = ?, language = ?, note = ?, updated_at = ?",
                                            [basket.requestID, ids, documents, basket.layout, basket.language, basket.note, now], where: "id = ?", [basket.id])
            guard changed == 1 else { throw CRMError.notFound("basket \(basket.id)") }
            return basket.id
        }
        return try self.basket(id: id, by: caller)
    }

    func basket(id: Int64, by caller: Caller) throws(CRMError) -> Basket {
        let row = try executor.read(as: caller) { db, tenant in try tenant.row(db, in: "crm_basket", id: id) }
        guard let row else { throw .notFound("basket \(id)") }
        return Self.basket(row)
    }

    func list(requestID: Int64?, by caller: Caller) throws(CRMError) -> [Basket] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_basket", where: "CAST(? AS BIGINT) IS NULL OR request_id = ?", [requestID, requestID], orderBy: "updated_at DESC", limit: 500)
                .map(Self.basket)
        }
    }

    func draft(by caller: Caller) throws(CRMError) -> Basket {
        guard let user = caller.userID else { throw .forbidden("un panier en cours appartient à un utilisateur connecté") }
        let row = try executor.write(as: caller) { db, tenant -> SQLRow? in
            let condition = "user_id = ? AND request_id IS NULL"
            if let row = try tenant.rows(db, in: "crm_basket", where: condition, [user], orderBy: "id", limit: 1).first { return row }
            try tenant.insert(db, into: "crm_basket", [
                ("request_id", nil), ("agent", caller.userName), ("record_ids", "[]"), ("layout", "livret-a5"), ("language", "fr"),
                ("note", nil), ("updated_at", Date().timeIntervalSince1970), ("user_id", user),
            ])
            return try tenant.rows(db, in: "crm_basket", where: condition, [user], orderBy: "id", limit: 1).first
        }
        guard let row else { throw .storage("draft basket not written") }
        return Self.basket(row)
    }

    static func basket(_ row: SQLRow) -> Basket {
        Basket(id: row["id"], officeID: row["office_id"], requestID: row["request_id"], agent: row["agent"],
               recordIDs: JSONColumn.decode(row["record_ids"]) ?? [], documentIDs: JSONColumn.decode(row["document_ids"]) ?? [], layout: row["layout"], language: row["language"], note: row["note"])
    }
}
