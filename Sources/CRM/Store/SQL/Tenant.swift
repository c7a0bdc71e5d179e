import Foundation
import Storage

/// The office a call works on, and the only way the stores reach an office's rows: built
/// from the caller (the regional admin has none, so it never gets one), it adds the
/// `office_id = ?` condition to every statement it runs. "Only the caller's office" is written
/// here, once.
struct Tenant {
    let office: Int64
    let caller: Caller

    init(_ caller: Caller) throws(CRMError) {
        office = try caller.office()
        self.caller = caller
    }

    /// One row of an office table by id; nil when absent or another office's.
    func row(_ db: any SQLSession, in table: String, id: Int64) throws -> SQLRow? {
        try SQLRow.one(db, "SELECT * FROM \(table) WHERE id = ? AND office_id = ?", [id, office])
    }

    /// Rows of an office table matching `condition`.
    func rows(_ db: any SQLSession, in table: String, where condition: String = "TRUE", _ arguments: SQLArguments = [],
              orderBy order: String, limit: Int? = nil) throws -> [SQLRow] {
        try SQLRow.all(db, "SELECT * FROM \(table) WHERE office_id = ? AND (\(condition)) ORDER BY \(order)"
                             + (limit.map { " LIMIT \($0)" } ?? ""),
                         [office] + arguments)
    }

    /// Inserts a row for the office into a table without an `id` column.
    func insertRow(_ db: any SQLSession, into table: String, _ values: [(String, (any SQLBindable)?)]) throws {
        let columns = ["office_id"] + values.map(\.0)
        try db.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(sqlPlaceholders(columns.count)))",
                       SQLArguments([office] + values.map(\.1)))
    }

    /// Inserts a row for the office; returns its id.
    @discardableResult
    func insert(_ db: any SQLSession, into table: String, _ values: [(String, (any SQLBindable)?)]) throws -> Int64 {
        let columns = ["office_id"] + values.map(\.0)
        return try SQLContactStore.insertedID(db, """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(sqlPlaceholders(columns.count))) RETURNING id
            """, SQLArguments([office] + values.map(\.1)))
    }

    /// Updates the office's rows matching `condition`; returns how many changed.
    @discardableResult
    func update(_ db: any SQLSession, _ table: String, set assignments: String, _ values: SQLArguments,
                where condition: String, _ arguments: SQLArguments) throws -> Int {
        try db.execute("UPDATE \(table) SET \(assignments) WHERE office_id = ? AND (\(condition))", values + [office] + arguments)
    }

    /// Deletes the office's rows matching `condition`; returns how many went.
    @discardableResult
    func delete(_ db: any SQLSession, from table: String, where condition: String, _ arguments: SQLArguments) throws -> Int {
        try db.execute("DELETE FROM \(table) WHERE office_id = ? AND (\(condition))", [office] + arguments)
    }

    /// A person is known once in the region, but each office reaches only its own profile of them:
    /// the fields it collected itself (`p`, with the profile's own reference as `id`). An office
    /// never sees the shared person's id: it would tell that another office knew the person first.
    func contactRows(_ db: any SQLSession, where condition: String, _ arguments: SQLArguments, orderBy order: String = "p.ref",
                     limit: Int? = nil, offset: Int = 0) throws -> [SQLRow] {
        try SQLRow.all(db, """
            SELECT p.*, p.ref AS id FROM crm_contact_profile p WHERE p.office_id = ? AND (\(condition)) ORDER BY \(order)
            """ + (limit.map { " LIMIT \($0) OFFSET \(offset)" } ?? ""), [office] + arguments)
    }

    /// The shared person behind the office's contact `ref`; nil when the office has no such contact.
    func person(_ db: any SQLSession, ref: Int64) throws -> Int64? {
        try Int64.one(db, "SELECT contact_id FROM crm_contact_profile WHERE office_id = ? AND ref = ?", [office, ref])
    }

    /// The office's reference for a person, as SQL over a column holding the person's id.
    func refSQL(of column: String) -> String {
        "(SELECT pr.ref FROM crm_contact_profile pr WHERE pr.office_id = \(office) AND pr.contact_id = \(column))"
    }

    /// A reference for a new profile, drawn from one count for the whole region: it says nothing of
    /// whether the person was known before.
    static func newRef(_ db: any SQLSession) throws -> Int64 {
        guard let ref = try Int64.one(db, "INSERT INTO crm_contact_ref DEFAULT VALUES RETURNING ref") else {
            throw StorageError.failed("no contact reference drawn")
        }
        try db.execute("DELETE FROM crm_contact_ref WHERE ref = ?", [ref])  // the count stays (AUTOINCREMENT, identity)
        return ref
    }

    /// The office's requests matching `condition` (`r`), each with the office's reference for its
    /// person as `contact_ref`.
    func requestRows(_ db: any SQLSession, where condition: String = "TRUE", _ arguments: SQLArguments = [], orderBy order: String,
                     limit: Int? = nil) throws -> [SQLRow] {
        try SQLRow.all(db, """
            SELECT r.*, \(refSQL(of: "r.contact_id")) AS contact_ref FROM crm_request r WHERE r.office_id = ? AND (\(condition)) ORDER BY \(order)
            """ + (limit.map { " LIMIT \($0)" } ?? ""), [office] + arguments)
    }
}

extension SQLContactStore {
    /// The id an `INSERT … RETURNING id` gave.
    static func insertedID(_ db: any SQLSession, _ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id = try Int64.one(db, sql, arguments) else { throw StorageError.failed("an insert returned no id") }
        return id
    }
}
