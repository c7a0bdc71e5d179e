import Foundation
import Storage

struct SQLWebFormStore: WebFormStore {
    let executor: SQLExecutor

    func form(by caller: Caller) throws(CRMError) -> WebForm {
        let row = try executor.write(as: caller) { db, tenant -> SQLRow? in
            if try tenant.rows(db, in: "crm_web_form", orderBy: "office_id").isEmpty {
                try tenant.insertRow(db, into: "crm_web_form", [("key", "wf_" + Digest.randomHex(bytes: 12)), ("origins", "[]")])
            }
            return try tenant.rows(db, in: "crm_web_form", orderBy: "office_id").first
        }
        guard let row else { throw .storage("web form not written") }
        return Self.form(row)
    }

    func setOrigins(_ origins: [String], by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("les sites autorisés à intégrer le formulaire sont réglés par l'administrateur de l'office") }
        _ = try form(by: caller)
        try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_web_form", set: "origins = ?", [JSONColumn.encode(origins) ?? "[]"], where: "TRUE", [])
        }
    }

    func form(key: String) throws(CRMError) -> WebForm? {
        try executor.read { db in
            try SQLRow.one(db, "SELECT * FROM crm_web_form WHERE key = ?", [key]).map(Self.form)
        }
    }

    static func form(_ row: SQLRow) -> WebForm {
        WebForm(officeID: row["office_id"], key: row["key"], origins: JSONColumn.decode(row["origins"]) ?? [])
    }
}
