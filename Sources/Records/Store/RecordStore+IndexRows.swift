import GRDB
import Storage

/// The records changed since an index was built, as the index needs them (see
/// `RecordStore.indexChanges(ids:accepting:)`).
public struct IndexChanges: Sendable {
    /// The rows of the changed records still cached, in the index's order.
    public var rows: [IndexRow]
    public var periods: [StoredPeriod]
    /// For each row, the nearest record before it in the index's order that was accepted or is
    /// itself one of the rows; absent when none is.
    public var before: [Int: Int]
}

extension RecordStore {
    /// Streams the index rows in the index's order (name, then id). Records without coordinates
    /// take their commune's position.
    public func forEachIndexRow(_ body: (IndexRow) throws -> Void) throws(RecordsError) {
        try read { db in try Self.forEachIndexRow(db, ids: nil, body) }
    }

    public func forEachPeriod(_ body: (StoredPeriod) throws -> Void) throws(RecordsError) {
        try read { db in try Self.forEachPeriod(db, ids: nil, body) }
    }

    /// The index rows and periods of the records of `ids` still cached and where each goes in
    /// the index's order, read as one state of the cache: for each, the nearest record before it
    /// that `accepts` (an unchanged record of the index) or that is one of them. Walks the name
    /// index backwards from each, usually one step.
    public func indexChanges(ids: [Int], accepting accepts: (Int) -> Bool) throws(RecordsError) -> IndexChanges {
        try read { db in
            var rows: [IndexRow] = []
            var periods: [StoredPeriod] = []
            try Self.forEachIndexRow(db, ids: ids) { rows.append($0) }
            try Self.forEachPeriod(db, ids: ids) { periods.append($0) }
            let found = Set(rows.map(\.id))
            let name = Self.nameKey(db.dialect)
            var before: [Int: Int] = [:]
            for row in rows {
                guard var key = try String.one(db, "SELECT name FROM tourist_object WHERE id = ?", [row.id]).map({ (name: $0, id: row.id) }) else { continue }
                // The records before it in name order, a page at a time, until one the index holds.
                search: while true {
                    let page = try SQLRow.all(db, """
                        SELECT id, name FROM tourist_object WHERE (\(name), id) < (?, ?) ORDER BY \(name) DESC, id DESC LIMIT 64
                        """, [key.name, key.id])
                    for earlier in page {
                        let candidate: Int = earlier[0]
                        if found.contains(candidate) || accepts(candidate) { before[row.id] = candidate; break search }
                    }
                    guard let last = page.last else { break }
                    key = (last[1], last[0])
                }
            }
            return IndexChanges(rows: rows, periods: periods, before: before)
        }
    }

    static func forEachIndexRow(_ db: any SQLSession, ids: [Int]?, _ body: (IndexRow) throws -> Void) throws {
        let only = ids.map(Self.jsonArray)
        var communes: [String: GeoPoint] = [:]
        for row in try SQLRow.all(db, """
            SELECT insee, avg(latitude), avg(longitude) FROM commune WHERE latitude IS NOT NULL
            \(only == nil ? "" : "AND insee IN (SELECT commune_insee FROM tourist_object WHERE id IN (\(db.dialect.integers(ofJSON: "?"))))")
            GROUP BY insee
            """, only.map { [$0] } ?? []) {
            communes[row[0]] = GeoPoint(latitude: row[1], longitude: row[2])
        }
        let query = indexRowsQuery(db.dialect, only: only != nil), arguments: SQLArguments = only.map { [$0] } ?? []
        if let grdb = db.grdb {
            // SQLite: GRDB's rows straight (a million at each start of a node; through `SQLRow` it took
            // half as long again).
            let rows = try Row.fetchCursor(grdb, sql: query, arguments: StatementArguments(only.map { [$0] } ?? []))
            while let row = try rows.next() {
                try body(indexRow(id: row[0], type: row[1], memberId: row[2], names: row[3], latitude: row[4], longitude: row[5],
                                  insee: row[6], popularity: row[7], communes: communes))
            }
            return
        }
        try db.forEachRow(query, arguments) { row in
            try body(indexRow(id: row[0], type: row[1], memberId: row[2], names: row[3], latitude: row[4], longitude: row[5],
                              insee: row[6], popularity: row[7], communes: communes))
        }
    }

    /// The index's columns of the records (of the JSON id list bound, when `only`), in name order.
    /// SQLite's `+name`: sorted once rather than read in the name index's order (a row lookup per
    /// record: 4.5 s instead of 1 s for a million).
    static func indexRowsQuery(_ dialect: SQLDialect, only: Bool) -> String {
        """
        SELECT id, type, member_id, search_names, latitude, longitude, commune_insee, popularity
        FROM tourist_object \(only ? "WHERE id IN (\(dialect.integers(ofJSON: "?")))" : "")
        ORDER BY \(dialect.pick(sqlite: "+name", postgres: "name COLLATE \"C\"")), id
        """
    }

    /// A record's row for the index: placed at its coordinates, else (approximately) at its commune's.
    static func indexRow(id: Int, type: String, memberId: Int?, names: String, latitude: Double?, longitude: Double?, insee: String?,
                         popularity: Int, communes: [String: GeoPoint]) -> IndexRow {
        var location: GeoPoint?
        var approximate = false
        if let latitude, let longitude {
            location = GeoPoint(latitude: latitude, longitude: longitude)
        } else if let insee, let centre = communes[insee] {
            location = centre
            approximate = true
        }
        return IndexRow(id: id, type: type, memberId: memberId, names: names, location: location, locationIsApproximate: approximate,
                        popularity: popularity)
    }

    /// The opening periods of `ids` as the cache keeps them (no record decoded), by record.
    public func openingPeriods(ids: [Int]) throws(RecordsError) -> [Int: [OpeningPeriod]] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var found: [Int: [OpeningPeriod]] = [:]
            try Self.forEachPeriod(db, ids: ids) { p in
                found[p.objectId, default: []].append(OpeningPeriod(start: CalendarDay(daysSinceEpoch: p.start), end: CalendarDay(daysSinceEpoch: p.end),
                                                                     everyYear: p.everyYear))
            }
            return found
        }
    }

    static func forEachPeriod(_ db: any SQLSession, ids: [Int]?, _ body: (StoredPeriod) throws -> Void) throws {
        let only = ids.map(Self.jsonArray)
        try db.forEachRow("""
            SELECT object_id, start_day, end_day, every_year FROM opening_period
            \(only == nil ? "" : "WHERE object_id IN (\(db.dialect.integers(ofJSON: "?")))")
            """, only.map { [$0] } ?? []) { row in
            try body(StoredPeriod(objectId: row[0], start: row[1], end: row[2], everyYear: row[3]))
        }
    }

    /// `[1,2,3]`: ids bound as one JSON argument (`json_each`), however many.
    /// The name as the index orders records (bytes: SQLite's BINARY, PostgreSQL's "C").
    static func nameKey(_ dialect: SQLDialect) -> String { dialect.pick(sqlite: "name", postgres: "name COLLATE \"C\"") }

    static func jsonArray(_ ids: [Int]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}
