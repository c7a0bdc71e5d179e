import Foundation
import GRDB
import Mail

struct SQLiteContactStore: ContactStore {
    let executor: SQLiteExecutor

    static let columns = ["kind", "company", "civility", "first_name", "last_name", "email", "phone", "mobile", "address",
                          "postal_code", "commune", "department", "country", "language", "category", "birth_date", "notes"]

    static func values(_ c: Contact) -> [(any DatabaseValueConvertible)?] {
        [c.kind.rawValue, c.company, c.civility, c.firstName, c.lastName, c.email?.lowercased(), c.phone, c.mobile, c.address,
         c.postalCode, c.commune, c.department, c.country, c.language, c.category, c.birthDate, c.notes]
    }

    func add(_ contact: Contact, by caller: Caller) throws(CRMError) -> Contact {
        if let email = contact.email, (try? MailAddress(email)) == nil {
            throw .invalid(field: "email", reason: "\"\(email)\" is not an email address")
        }
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            let now = Date().timeIntervalSince1970
            if let email = contact.email?.lowercased(),
               let existing = try Int64.fetchOne(db, sql: "SELECT id FROM crm_contact WHERE lower(email) = ? AND merged_into IS NULL ORDER BY id LIMIT 1",
                                                 arguments: [email]) {
                try db.execute(sql: "INSERT OR IGNORE INTO crm_contact_owner (contact_id, office_id, since) VALUES (?, ?, ?)",
                               arguments: [existing, tenant.office, now])
                return existing
            }
            let columns = Self.columns + ["created_at"]
            try db.execute(sql: "INSERT INTO crm_contact (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments(Self.values(contact) + [contact.createdAt.timeIntervalSince1970]))
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO crm_contact_owner (contact_id, office_id, since) VALUES (?, ?, ?)", arguments: [id, tenant.office, now])
            return id
        }
        return try self.contact(id: id, by: caller)
    }

    func contact(id: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let row = try executor.read(as: caller) { db, tenant in try tenant.contactRows(db, where: "c.id = ?", [id]).first }
        guard let row else { throw .notFound("contact \(id)") }
        return Self.contact(row)
    }

    func search(_ text: String?, by caller: Caller) throws(CRMError) -> [Contact] {
        let pattern = text.map { "%\($0.lowercased())%" }
        return try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: """
                c.merged_into IS NULL AND (? IS NULL OR lower(coalesce(c.last_name, '') || ' ' || coalesce(c.first_name, '') || ' '
                                           || coalesce(c.email, '') || ' ' || coalesce(c.company, '')) LIKE ?)
                """, [pattern, pattern], orderBy: "coalesce(c.last_interaction_at, c.created_at) DESC", limit: 500).map(Self.contact)
        }
    }

    func update(_ contact: Contact, by caller: Caller) throws(CRMError) {
        _ = try self.contact(id: contact.id, by: caller)  // visible to the caller, else notFound
        try executor.write { db in
            try db.execute(sql: "UPDATE crm_contact SET \(Self.columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(Self.values(contact) + [contact.id]))
        }
    }

    static func contact(_ row: Row) -> Contact {
        Contact(id: row["id"], kind: Contact.Kind(rawValue: row["kind"]) ?? .individual, company: row["company"], civility: row["civility"],
                firstName: row["first_name"], lastName: row["last_name"], email: row["email"], phone: row["phone"], mobile: row["mobile"],
                address: row["address"], postalCode: row["postal_code"], commune: row["commune"], department: row["department"],
                country: row["country"], language: row["language"], category: row["category"], birthDate: row["birth_date"],
                notes: row["notes"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                lastInteractionAt: (row["last_interaction_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
