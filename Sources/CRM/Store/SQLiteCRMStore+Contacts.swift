import Foundation
import GRDB
import Mail

extension SQLiteCRMStore {
    static let contactColumns = ["kind", "company", "civility", "first_name", "last_name", "email", "phone", "mobile", "address",
                                 "postal_code", "commune", "department", "country", "language", "category", "birth_date", "notes"]

    static func values(_ c: Contact) -> [(any DatabaseValueConvertible)?] {
        [c.kind.rawValue, c.company, c.civility, c.firstName, c.lastName, c.email?.lowercased(), c.phone, c.mobile, c.address,
         c.postalCode, c.commune, c.department, c.country, c.language, c.category, c.birthDate, c.notes]
    }

    public func addContact(_ contact: Contact, by caller: Caller) throws(CRMError) -> Contact {
        let office = try caller.office()
        if let email = contact.email, (try? MailAddress(email)) == nil {
            throw .invalid(field: "email", reason: "\"\(email)\" is not an email address")
        }
        let id = try write { db -> Int64 in
            let now = Date().timeIntervalSince1970
            if let email = contact.email?.lowercased(),
               let existing = try Int64.fetchOne(db, sql: "SELECT id FROM crm_contact WHERE lower(email) = ? AND merged_into IS NULL ORDER BY id LIMIT 1",
                                                 arguments: [email]) {
                try db.execute(sql: "INSERT OR IGNORE INTO crm_contact_owner (contact_id, office_id, since) VALUES (?, ?, ?)",
                               arguments: [existing, office, now])
                return existing
            }
            let columns = Self.contactColumns + ["created_at"]
            try db.execute(sql: "INSERT INTO crm_contact (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))",
                           arguments: StatementArguments(Self.values(contact) + [contact.createdAt.timeIntervalSince1970]))
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO crm_contact_owner (contact_id, office_id, since) VALUES (?, ?, ?)", arguments: [id, office, now])
            return id
        }
        return try self.contact(id: id, by: caller)
    }

    public func contact(id: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let office = try caller.office()
        let row = try read { db in
            try Row.fetchOne(db, sql: """
                SELECT c.* FROM crm_contact c JOIN crm_contact_owner o ON o.contact_id = c.id AND o.office_id = ? WHERE c.id = ?
                """, arguments: [office, id])
        }
        guard let row else { throw .notFound("contact \(id)") }
        return Self.contact(row)
    }

    public func contacts(search: String?, by caller: Caller) throws(CRMError) -> [Contact] {
        let office = try caller.office()
        let pattern = search.map { "%\($0.lowercased())%" }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM crm_contact c JOIN crm_contact_owner o ON o.contact_id = c.id AND o.office_id = ?
                WHERE c.merged_into IS NULL AND (? IS NULL OR lower(coalesce(c.last_name, '') || ' ' || coalesce(c.first_name, '') || ' ' || coalesce(c.email, '')
                                          || ' ' || coalesce(c.company, '')) LIKE ?)
                ORDER BY coalesce(c.last_interaction_at, c.created_at) DESC LIMIT 500
                """, arguments: [office, pattern, pattern]).map(Self.contact)
        }
    }

    public func updateContact(_ contact: Contact, by caller: Caller) throws(CRMError) {
        _ = try self.contact(id: contact.id, by: caller)  // visible to the caller, else notFound
        try write { db in
            try db.execute(sql: "UPDATE crm_contact SET \(Self.contactColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
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

