import Foundation
import GRDB

/// The office a call works on, and the only way the SQLite stores reach an office's rows: built
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
    func row(_ db: Database, in table: String, id: Int64) throws -> Row? {
        try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ? AND office_id = ?", arguments: [id, office])
    }

    /// Rows of an office table matching `condition`.
    func rows(_ db: Database, in table: String, where condition: String = "1", _ arguments: StatementArguments = [],
              orderBy order: String, limit: Int? = nil) throws -> [Row] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE office_id = ? AND (\(condition)) ORDER BY \(order)"
                             + (limit.map { " LIMIT \($0)" } ?? ""),
                         arguments: [office] + arguments)
    }

    /// Inserts a row for the office; returns its id.
    @discardableResult
    func insert(_ db: Database, into table: String, _ values: [(String, (any DatabaseValueConvertible)?)]) throws -> Int64 {
        let columns = ["office_id"] + values.map(\.0)
        try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                       arguments: StatementArguments([office] + values.map(\.1)))
        return db.lastInsertedRowID
    }

    /// Updates the office's rows matching `condition`; returns how many changed.
    @discardableResult
    func update(_ db: Database, _ table: String, set assignments: String, _ values: StatementArguments,
                where condition: String, _ arguments: StatementArguments) throws -> Int {
        try db.execute(sql: "UPDATE \(table) SET \(assignments) WHERE office_id = ? AND (\(condition))",
                       arguments: values + [office] + arguments)
        return db.changesCount
    }

    /// Deletes the office's rows matching `condition`; returns how many went.
    @discardableResult
    func delete(_ db: Database, from table: String, where condition: String, _ arguments: StatementArguments) throws -> Int {
        try db.execute(sql: "DELETE FROM \(table) WHERE office_id = ? AND (\(condition))", arguments: [office] + arguments)
        return db.changesCount
    }

    /// A person is known once in the region, but each office reaches only its own profile of them:
    /// the fields it collected itself (`p`, with the profile's own reference as `id`). An office
    /// never sees the shared person's id: it would tell that another office knew the person first.
    func contactRows(_ db: Database, where condition: String, _ arguments: StatementArguments, orderBy order: String = "p.ref",
                     limit: Int? = nil, offset: Int = 0) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT p.*, p.ref AS id FROM crm_contact_profile p WHERE p.office_id = ? AND (\(condition)) ORDER BY \(order)
            """ + (limit.map { " LIMIT \($0) OFFSET \(offset)" } ?? ""), arguments: [office] + arguments)
    }

    /// The shared person behind the office's contact `ref`; nil when the office has no such contact.
    func person(_ db: Database, ref: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT contact_id FROM crm_contact_profile WHERE office_id = ? AND ref = ?", arguments: [office, ref])
    }

    /// The office's reference for a person, as SQL over a column holding the person's id.
    func refSQL(of column: String) -> String {
        "(SELECT pr.ref FROM crm_contact_profile pr WHERE pr.office_id = \(office) AND pr.contact_id = \(column))"
    }

    /// A reference for a new profile, drawn from one count for the whole region: it says nothing of
    /// whether the person was known before.
    static func newRef(_ db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO crm_contact_ref DEFAULT VALUES")
        let ref = db.lastInsertedRowID
        try db.execute(sql: "DELETE FROM crm_contact_ref WHERE ref = ?", arguments: [ref])  // the count stays (AUTOINCREMENT)
        return ref
    }

    /// The office's requests matching `condition` (`r`), each with the office's reference for its
    /// person as `contact_ref`.
    func requestRows(_ db: Database, where condition: String = "1", _ arguments: StatementArguments = [], orderBy order: String,
                     limit: Int? = nil) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT r.*, \(refSQL(of: "r.contact_id")) AS contact_ref FROM crm_request r WHERE r.office_id = ? AND (\(condition)) ORDER BY \(order)
            """ + (limit.map { " LIMIT \($0)" } ?? ""), arguments: [office] + arguments)
    }
}
