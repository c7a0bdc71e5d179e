import Foundation
import Storage

struct SQLDocumentStore: DocumentStore {
    let executor: SQLExecutor

    func add(_ document: OfficeDocument, data: Data, by caller: Caller) throws(CRMError) -> OfficeDocument {
        guard caller.role == .officeAdmin else { throw .forbidden("les documents de l'office sont ajoutés par son administrateur") }
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            if let same = try tenant.rows(db, in: "crm_document", where: "sha256 = ?", [document.sha256], orderBy: "id", limit: 1).first {
                throw CRMError.invalid(field: "file", reason: "ce fichier est déjà parmi les documents de l'office : \(same["title"] as String)")
            }
            try db.execute("INSERT INTO crm_document_file (sha256, data) VALUES (?, ?) ON CONFLICT DO NOTHING", [document.sha256, data])
            return try tenant.insert(db, into: "crm_document", [
                ("title", document.title), ("file_name", document.fileName), ("sha256", document.sha256), ("size", data.count),
                ("pages", document.pages), ("created_at", document.createdAt.timeIntervalSince1970),
            ])
        }
        return try self.document(id: id, by: caller)
    }

    func document(id: Int64, by caller: Caller) throws(CRMError) -> OfficeDocument {
        let row = try executor.read(as: caller) { db, tenant in try tenant.row(db, in: "crm_document", id: id) }
        guard let row else { throw .notFound("document \(id)") }
        return Self.document(row)
    }

    func data(id: Int64, by caller: Caller) throws(CRMError) -> Data {
        let data = try executor.read(as: caller) { db, tenant -> Data? in
            guard let row = try tenant.row(db, in: "crm_document", id: id) else { return nil }
            return try Data.one(db, "SELECT data FROM crm_document_file WHERE sha256 = ?", [row["sha256"] as String])
        }
        guard let data else { throw .notFound("document \(id)") }
        return data
    }

    func documents(matching text: String?, by caller: Caller) throws(CRMError) -> [OfficeDocument] {
        let pattern = text.flatMap { $0.isEmpty ? nil : "%\($0.lowercased())%" }
        return try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_document", where: "CAST(? AS TEXT) IS NULL OR lower(title || ' ' || file_name) LIKE ?", [pattern, pattern],
                            orderBy: "lower(title), id", limit: 500).map(Self.document)
        }
    }

    func remove(id: Int64, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("les documents de l'office sont retirés par son administrateur") }
        let removed = try executor.write(as: caller) { db, tenant -> Bool in
            guard let row = try tenant.row(db, in: "crm_document", id: id) else { return false }
            try tenant.delete(db, from: "crm_document", where: "id = ?", [id])
            try db.execute("DELETE FROM crm_document_file WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM crm_document WHERE sha256 = ?)",
                           [row["sha256"] as String, row["sha256"] as String])
            return true
        }
        guard removed else { throw .notFound("document \(id)") }
    }

    static func document(_ row: SQLRow) -> OfficeDocument {
        OfficeDocument(id: row["id"], officeID: row["office_id"], title: row["title"], fileName: row["file_name"], sha256: row["sha256"],
                       size: row["size"], pages: row["pages"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
