import Foundation
import Storage

struct SQLRegisterStore: RegisterStore {
    let executor: SQLExecutor

    func register(by caller: Caller) throws(CRMError) -> ProcessingRegister? {
        let row = try executor.read(as: caller) { db, tenant in
            try SQLRow.one(db, "SELECT * FROM crm_register WHERE office_id = ?", [tenant.office])
        }
        guard let row else { return nil }
        return ProcessingRegister(referent: row["referent"], processings: JSONColumn.decode(row["processings"]) ?? [],
                                  updatedAt: Date(timeIntervalSince1970: row["updated_at"]), updatedBy: row["updated_by"])
    }

    func save(_ register: ProcessingRegister, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("le registre est tenu par l'administrateur de l'office") }
        guard !register.processings.isEmpty else { throw .invalid(field: "processings", reason: "un traitement au moins") }
        for processing in register.processings where processing.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalid(field: "name", reason: "chaque traitement a besoin d'un nom")
        }
        try executor.write(as: caller) { db, tenant in
            try db.execute("""
                INSERT INTO crm_register (office_id, referent, processings, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (office_id) DO UPDATE SET referent = excluded.referent, processings = excluded.processings,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, [tenant.office, register.referent, JSONColumn.encode(register.processings) ?? "[]", Date().timeIntervalSince1970,
                                 caller.userName])
        }
    }

    func updates(by caller: Caller) throws(CRMError) -> [(officeID: Int64, updatedAt: Date)] {
        guard caller.role == .regionalAdmin else { throw .forbidden("la liste des registres est celle de l'administrateur régional") }
        return try executor.read { db in
            try SQLRow.all(db, "SELECT office_id, updated_at FROM crm_register ORDER BY office_id").map {
                (officeID: $0["office_id"], updatedAt: Date(timeIntervalSince1970: $0["updated_at"]))
            }
        }
    }
}
