import GRDB
import GRDBSQLite
import Storage

/// What the cached records say about their communes, read in one pass: the names they give them
/// (with a postal code) and the mean of their positions per commune.
///
/// Counted here rather than by SQLite's `DISTINCT` and `GROUP BY`, which sort every row first:
/// at 1 M records those two passes took 0.58 s and 1.48 s; the whole reconciliation after an
/// import, this pass included, now takes 0.9 s.
struct CommuneTally {
    struct Name: Hashable {
        var insee: String
        var postalCode: String
        var name: String
    }

    struct Position {
        var latitude = 0.0
        var longitude = 0.0
        var count = 0
    }

    /// Each (INSEE code, postal code, commune name) a record gives, all three present.
    var names: Set<Name> = []
    /// Summed positions of the records with coordinates, by INSEE code.
    var positions: [String: Position] = [:]
    /// The records without coordinates, by INSEE code: placed at their commune's.
    var unplaced: [String: [Int]] = [:]

    /// The mean position of the records of commune `insee` that have coordinates.
    func centroid(of insee: String) -> (latitude: Double, longitude: Double)? {
        guard let p = positions[insee], p.count > 0 else { return nil }
        return (p.latitude / Double(p.count), p.longitude / Double(p.count))
    }

    static let query = """
        SELECT commune_insee, postal_code, commune_name, latitude, longitude, id FROM tourist_object
        WHERE commune_insee IS NOT NULL
        """

    /// On PostgreSQL, the same pass through the session's rows.
    static func read(_ session: any SQLSession) throws -> CommuneTally {
        if let db = session.grdb { return try read(db) }
        var tally = CommuneTally()
        try session.forEachRow(query, []) { row in
            let insee: String = row[0]
            if let postalCode: String = row[1], let name: String = row[2] {
                tally.names.insert(Name(insee: insee, postalCode: postalCode, name: name))
            }
            let latitude: Double? = row[3], longitude: Double? = row[4]
            if let latitude, let longitude {
                tally.positions[insee, default: Position()].add(latitude, longitude)
            } else if latitude == nil {
                tally.unplaced[insee, default: []].append(row[5])
            }
        }
        return tally
    }

    static func read(_ db: Database) throws -> CommuneTally {
        let statement = try db.makeStatement(sql: query)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var tally = CommuneTally()
        // Rows read through the C API: a Row per record cost more than the counting.
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            let insee = text(handle, 0)!
            if let postalCode = text(handle, 1), let name = text(handle, 2) {
                tally.names.insert(Name(insee: insee, postalCode: postalCode, name: name))
            }
            if sqlite3_column_type(handle, 3) != SQLITE_NULL, sqlite3_column_type(handle, 4) != SQLITE_NULL {
                tally.positions[insee, default: Position()].add(sqlite3_column_double(handle, 3), sqlite3_column_double(handle, 4))
            } else if sqlite3_column_type(handle, 3) == SQLITE_NULL {
                tally.unplaced[insee, default: []].append(Int(sqlite3_column_int64(handle, 5)))
            }
        }
        return tally
    }

    private static func text(_ handle: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}

extension CommuneTally.Position {
    mutating func add(_ latitude: Double, _ longitude: Double) {
        self.latitude += latitude
        self.longitude += longitude
        count += 1
    }
}
