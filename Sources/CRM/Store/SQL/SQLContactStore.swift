import Foundation
import Storage
import Mail

struct SQLContactStore: ContactStore {
    let executor: SQLExecutor

    static let columns = ["kind", "company", "civility", "first_name", "last_name", "email", "phone", "mobile", "address",
                          "postal_code", "commune", "department", "country", "language", "category", "birth_date", "notes", "website"]

    static func values(_ c: Contact) -> [(any SQLBindable)?] {
        [c.kind.rawValue, c.company, c.civility, c.firstName, c.lastName, c.email?.lowercased(), c.phone, c.mobile, c.address,
         c.postalCode, c.commune, c.department, c.country, c.language, c.category, c.birthDate, c.notes, c.website]
    }

    /// The person with this email when the region knows them (else a new person), and the
    /// caller's office's own profile of them: created with exactly what was typed here, or, when
    /// the office already has one, its empty fields filled and the notes added to.
    func add(_ contact: Contact, by caller: Caller) throws(CRMError) -> Contact {
        var contact = contact
        contact.email = contact.email?.trimmingCharacters(in: .whitespaces).lowercased()
        if let email = contact.email, (try? MailAddress(email)) == nil {
            throw .invalid(field: "email", reason: "« \(email) » n'est pas une adresse e-mail")
        }
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            var person: Int64?
            if let email = contact.email {
                person = try Int64.one(db, "SELECT id FROM crm_contact WHERE lower(email) = ? AND merged_into IS NULL ORDER BY id LIMIT 1",
                                            [email])
            }
            let id = try person ?? {
                try Self.insertedID(db, "INSERT INTO crm_contact (kind, email, created_at) VALUES (?, ?, ?) RETURNING id",
                                    [contact.kind.rawValue, contact.email, contact.createdAt.timeIntervalSince1970])
            }()
            if let own = try tenant.contactRows(db, where: "p.contact_id = ?", [id]).first {
                let existing = Self.contact(own)
                try Self.write(Self.merged(contact, into: existing), to: db, tenant)
                return existing.id
            }
            let ref = try Tenant.newRef(db)
            try tenant.insertRow(db, into: "crm_contact_profile", [("contact_id", id), ("ref", ref)] + Array(zip(Self.columns, Self.values(contact)))
                              + [("created_at", contact.createdAt.timeIntervalSince1970)])
            return ref
        }
        return try self.contact(id: id, by: caller)
    }

    func contact(id: Int64, by caller: Caller) throws(CRMError) -> Contact {
        let row = try executor.read(as: caller) { db, tenant in try tenant.contactRows(db, where: "p.ref = ?", [id]).first }
        guard let row else { throw .notFound("contact \(id)") }
        return Self.contact(row)
    }

    func contact(email: String, by caller: Caller) throws(CRMError) -> Contact? {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try executor.read(as: caller) { db, tenant in try tenant.contactRows(db, where: "lower(p.email) = ?", [email], limit: 1).first }
            .map(Self.contact)
    }

    func search(_ text: String?, by caller: Caller) throws(CRMError) -> [Contact] {
        let pattern = text.map { "%\($0.lowercased())%" }
        return try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: """
                CAST(? AS TEXT) IS NULL OR lower(coalesce(p.last_name, '') || ' ' || coalesce(p.first_name, '') || ' '
                                   || coalesce(p.email, '') || ' ' || coalesce(p.company, '')) LIKE ?
                """, [pattern, pattern], orderBy: "coalesce(p.last_interaction_at, p.created_at) DESC", limit: 500).map(Self.contact)
        }
    }

    func touch(_ contactID: Int64, at date: Date, by caller: Caller) throws(CRMError) {
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_contact_profile", set: "last_interaction_at = \(db.dialect.greatest("coalesce(last_interaction_at, 0)", "?"))",
                              [date.timeIntervalSince1970], where: "ref = ?", [contactID])
        }
        guard changed == 1 else { throw .notFound("contact \(contactID)") }
    }

    func sharedProfiles(of contactID: Int64, offices: [Int64], by caller: Caller) throws(CRMError) -> [(officeID: Int64, contact: Contact)] {
        let others = offices.filter { $0 != caller.officeID }
        let person = try executor.read(as: caller) { db, tenant in try tenant.person(db, ref: contactID) }
        guard let person else { throw .notFound("contact \(contactID)") }  // the caller's office holds the person
        guard !others.isEmpty else { return [] }
        return try executor.read { db in
            try SQLRow.all(db, """
                SELECT p.*, ? AS id FROM crm_contact_profile p
                WHERE p.contact_id = ? AND p.office_id IN (\(others.map { _ in "?" }.joined(separator: ", "))) ORDER BY p.office_id
                """, SQLArguments([contactID, person] + others)).map { row in
                // Under the caller's own reference: the other office's is not theirs to know.
                let full = Self.contact(row)
                // Identity only: what the person confirmed may be shared, not the office's notes or dates.
                let identity = Contact(id: full.id, kind: full.kind, company: full.company, civility: full.civility, firstName: full.firstName,
                                       lastName: full.lastName, email: full.email, phone: full.phone, mobile: full.mobile, address: full.address,
                                       postalCode: full.postalCode, commune: full.commune, country: full.country, language: full.language)
                return (officeID: row["office_id"] as Int64, contact: identity)
            }
        }
    }

    func list(_ filter: ContactFilter, by caller: Caller) throws(CRMError) -> (contacts: [Contact], total: Int) {
        let (condition, arguments) = Self.condition(filter, executor.owner.dialect)
        return try executor.read(as: caller) { db, tenant in
            let total = try Int.one(db, "SELECT count(*) FROM crm_contact_profile p WHERE p.office_id = ? AND (\(condition))",
                                         [tenant.office] + arguments) ?? 0
            let rows = try tenant.contactRows(db, where: condition, arguments, orderBy: "coalesce(p.last_interaction_at, p.created_at) DESC, p.ref DESC",
                                              limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize)
            return (rows.map(Self.contact), total)
        }
    }

    func emails(_ filter: ContactFilter, by caller: Caller) throws(CRMError) -> [(id: Int64, email: String?)] {
        let (condition, arguments) = Self.condition(filter, executor.owner.dialect)
        return try executor.read(as: caller) { db, tenant in
            try SQLRow.all(db, """
                SELECT p.ref, p.email FROM crm_contact_profile p WHERE p.office_id = ? AND (\(condition))
                """, [tenant.office] + arguments).map { (id: $0["ref"], email: $0["email"]) }
        }
    }

    /// The filter as SQL over `crm_contact_profile p`: the segment's conditions (kind, theme, last
    /// interaction) without its need of an address, the text, the chosen ids.
    static func condition(_ filter: ContactFilter, _ dialect: SQLDialect) -> (String, SQLArguments) {
        var (condition, arguments) = SQLCampaignStore.condition(Campaign.Segment(themes: filter.theme.map { [$0] } ?? [], kind: filter.kind,
                                                                                    interactedSince: filter.interactedSince), requireEmail: false, dialect)
        if let text = filter.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            condition += """
                 AND lower(coalesce(p.last_name, '') || ' ' || coalesce(p.first_name, '') || ' ' || coalesce(p.company, '') || ' '
                          || coalesce(p.email, '') || ' ' || coalesce(p.postal_code, '') || ' ' || coalesce(p.commune, '')) LIKE ?
                """
            arguments += ["%\(text)%"]
        }
        if let ids = filter.ids {
            condition += " AND p.ref IN (\(sqlPlaceholders(ids.count)))"
            arguments += SQLArguments(ids)
        }
        return (condition, arguments)
    }

    /// Changes the caller's office's profile only.
    func update(_ contact: Contact, by caller: Caller) throws(CRMError) {
        _ = try self.contact(id: contact.id, by: caller)  // the office has a profile of them, else notFound
        try executor.write(as: caller) { db, tenant in try Self.write(contact, to: db, tenant) }
    }

    /// Writes every field of the office's profile of `contact.id`.
    static func write(_ contact: Contact, to db: any SQLSession, _ tenant: Tenant) throws {
        try tenant.update(db, "crm_contact_profile", set: (columns + ["last_interaction_at"]).map { "\($0) = ?" }.joined(separator: ", "),
                          SQLArguments(values(contact) + [contact.lastInteractionAt?.timeIntervalSince1970]),
                          where: "ref = ?", [contact.id])
    }

    static func contact(_ row: SQLRow) -> Contact {
        Contact(id: row["id"], kind: Contact.Kind(rawValue: row["kind"]) ?? .individual, company: row["company"], civility: row["civility"],
                firstName: row["first_name"], lastName: row["last_name"], email: row["email"], phone: row["phone"], mobile: row["mobile"],
                address: row["address"], postalCode: row["postal_code"], commune: row["commune"], department: row["department"],
                country: row["country"], language: row["language"], category: row["category"], birthDate: row["birth_date"],
                notes: row["notes"], website: row["website"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                lastInteractionAt: (row["last_interaction_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
