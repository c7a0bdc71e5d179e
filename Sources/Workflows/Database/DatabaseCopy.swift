import Crypto
import Foundation
import Storage

/// `guichet database copy`: an office that started on the embedded database moves to PostgreSQL
/// with every row — records, contacts, consent proofs, audit, documents — in one transaction of
/// the target, verified table by table (rows and a checksum) before it commits. A target that
/// already holds data is refused: nothing is merged.
public struct DatabaseCopy {
    public struct Table: Sendable, Equatable {
        public var name: String
        public var rows: Int
        /// Order-independent: the sum of each row's SHA-256 (first 8 bytes), as hex.
        public var checksum: String
    }

    public struct Report: Sendable {
        public var tables: [Table]
        public var seconds: Double
        public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    }

    /// Tables the migrations fill on an empty database: replaced by the source's rows.
    static let seeded: Set<String> = ["crm_theme", "crm_sub_theme", "record_revision", "cache_identity"]
    static let batch = 2_000

    let source: DatabaseOwner
    let target: DatabaseOwner

    public init(from source: DatabaseOwner, to target: DatabaseOwner) {
        self.source = source; self.target = target
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        guard source.dialect == .sqlite, target.dialect == .postgres else {
            throw DatabaseCopyError.wrongEngines
        }
        let started = Date()
        let (tables, references) = try source.read { db in (try Self.tables(db), try Self.references(db)) }
        let ordered = try Self.dependencyOrder(tables, references: references)
        let columns = try source.read { db in try Dictionary(uniqueKeysWithValues: ordered.map { ($0, try Self.columns(db, $0)) }) }
        let sequenceOfRefs = try source.read { db in try Int64.one(db, "SELECT seq FROM sqlite_sequence WHERE name = 'crm_contact_ref'") }
        let copied = try target.write { db -> [Table] in
            let present = Set(try String.all(db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
            if let missing = ordered.first(where: { !present.contains($0) }) {
                throw DatabaseCopyError.olderTarget(missing)
            }
            for table in ordered where !Self.seeded.contains(table) {
                if try Bool.one(db, "SELECT EXISTS (SELECT 1 FROM \(table))") == true {
                    throw DatabaseCopyError.targetNotEmpty(table)
                }
            }
            for table in ordered.reversed() where Self.seeded.contains(table) { try db.execute("DELETE FROM \(table)") }
            var report: [Table] = []
            for table in ordered {
                let names = columns[table] ?? []
                let selfReferences = references.filter { $0.table == table && $0.referenced == table }.map(\.column)
                try copy(table, columns: names, nullingFirst: selfReferences, into: db)
                let mine = try Self.checksum(db, table: table, columns: names)
                let theirs = try source.read { try Self.checksum($0, table: table, columns: names) }
                guard mine == theirs else {
                    throw DatabaseCopyError.mismatch(table: table, read: theirs.rows, written: mine.rows)
                }
                report.append(mine)
                progress("\(table): \(mine.rows) rows")
            }
            try Self.advanceIdentities(db, contactRefs: sequenceOfRefs)
            return report
        }
        return Report(tables: copied, seconds: Date().timeIntervalSince(started))
    }

    /// Streams a table's rows into the target by COPY; self-referencing columns are set after
    /// (a row may name one copied later).
    private func copy(_ table: String, columns: [String], nullingFirst later: [String], into db: any SQLSession) throws {
        var rows: [[SQLValue]] = []
        var deferred: [(key: SQLValue, column: String, value: SQLValue)] = []
        let laterIndexes = later.compactMap { columns.firstIndex(of: $0) }
        let keyIndex = columns.firstIndex(of: "id")
        try source.read { source in
            try source.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM \(table)", []) { row in
                var values = row.values
                for index in laterIndexes where !values[index].isNull {
                    guard let keyIndex else { throw DatabaseCopyError.selfReferenceWithoutID(table) }
                    deferred.append((values[keyIndex], columns[index], values[index]))
                    values[index] = .null
                }
                rows.append(values)
                if rows.count == Self.batch {
                    try db.copy(into: table, columns: columns, rows: rows)
                    rows.removeAll(keepingCapacity: true)
                }
            }
        }
        try db.copy(into: table, columns: columns, rows: rows)
        for (key, column, value) in deferred { try db.execute("UPDATE \(table) SET \(column) = ? WHERE id = ?", [value, key]) }
    }

    static func tables(_ db: any SQLSession) throws -> [String] {
        try String.all(db, """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
            """)
    }

    struct Reference { var table: String; var column: String; var referenced: String }

    static func references(_ db: any SQLSession) throws -> [Reference] {
        try tables(db).flatMap { table in
            try SQLRow.all(db, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", [table]).map {
                Reference(table: table, column: $0[0], referenced: $0[1])
            }
        }
    }

    static func columns(_ db: any SQLSession, _ table: String) throws -> [String] {
        try String.all(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table])
    }

    /// Tables after those they refer to (a table referring to itself is not waiting for itself).
    static func dependencyOrder(_ tables: [String], references: [Reference]) throws -> [String] {
        var done: [String] = [], placed: Set<String> = []
        var waiting = tables
        while !waiting.isEmpty {
            let ready = waiting.filter { table in
                references.allSatisfy { $0.table != table || $0.referenced == table || placed.contains($0.referenced) || !tables.contains($0.referenced) }
            }
            guard !ready.isEmpty else { throw DatabaseCopyError.cycle(waiting) }
            done += ready
            placed.formUnion(ready)
            waiting.removeAll { placed.contains($0) }
        }
        return done
    }

    /// Rows and an order-independent checksum of a table, the same on both engines.
    static func checksum(_ db: any SQLSession, table: String, columns: [String]) throws -> Table {
        var rows = 0
        var sum: UInt64 = 0
        try db.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM \(table)", []) { row in
            var hasher = SHA256()
            for value in row.values {
                if case let .blob(data) = value { hasher.update(data: [UInt8(ascii: "b")]); hasher.update(data: data) }
                else { hasher.update(data: Data(canonical(value).utf8)) }
                hasher.update(data: [0])
            }
            sum &+= hasher.finalize().withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            rows += 1
        }
        return Table(name: table, rows: rows, checksum: String(sum, radix: 16))
    }

    /// A value as text whichever engine read it (a whole real and an integer say the same).
    static func canonical(_ value: SQLValue) -> String {
        switch value {
        case .null: "∅"
        case let .integer(i): "n\(i)"
        case let .real(d): d.rounded() == d && abs(d) < 9e15 ? "n\(Int64(d))" : "n\(d)"
        case let .text(s): "t" + s
        case let .blob(data): "b\(data.count)"
        }
    }

    /// PostgreSQL's identity columns start after the ids copied; contact references after the
    /// last one SQLite ever drew (its AUTOINCREMENT count, rows deleted or not).
    static func advanceIdentities(_ db: any SQLSession, contactRefs: Int64?) throws {
        for row in try SQLRow.all(db, """
            SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'
            """) {
            let table: String = row[0], column: String = row[1]
            let highest = try Int64.one(db, "SELECT max(\(column)) FROM \(table)") ?? 0
            let next = max(highest, table == "crm_contact_ref" ? contactRefs ?? 0 : 0)
            guard next > 0 else { continue }
            try db.execute("SELECT setval(pg_get_serial_sequence(?, ?), ?)", [table, column, next])
        }
    }
}

/// Why a copy was refused or stopped (the target is then as it was).
public enum DatabaseCopyError: Error, Equatable, CustomStringConvertible {
    case wrongEngines
    case olderTarget(String)
    case targetNotEmpty(String)
    case mismatch(table: String, read: Int, written: Int)
    case selfReferenceWithoutID(String)
    case cycle([String])

    public var description: String {
        switch self {
        case .wrongEngines: "a copy goes from a SQLite file (--from) to a PostgreSQL database (--to)"
        case let .olderTarget(table): "the target has no table \(table): its schema is older than the source's"
        case let .targetNotEmpty(table): "the target already holds data (\(table)): a copy goes into an empty database only"
        case let .mismatch(table, read, written): "\(table): \(read) rows read, \(written) written, or their contents differ; nothing was kept"
        case let .selfReferenceWithoutID(table): "\(table) refers to itself without an id column"
        case let .cycle(tables): "tables refer to each other in a cycle: \(tables.joined(separator: ", "))"
        }
    }
}
