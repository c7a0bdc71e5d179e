import Foundation
import GRDB
import Storage

extension RecordStore {
    /// Whether this thread is inside a transaction of the owner (a generation, or a use case's).
    var isInGeneration: Bool { owner.inTransaction }

    /// Runs `body` as one generation of the cache: every write the store makes inside it (an
    /// export's files, a sync's pages, deletions) lands in one transaction, committed when `body`
    /// returns and rolled back when it throws. Searches and other readers see the previous cache
    /// until the commit, then the whole new one — never a half-applied sync. Reads inside `body`
    /// see its own writes.
    public func generation<T>(_ body: () throws -> T) throws(RecordsError) -> T {
        do {
            return try owner.write { _ in try body() }
        } catch let error as RecordsError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// Marks the records of `ids` as brought by the Apidae project `project` (those not marked yet).
    public func tag(ids: [Int], project: Int) throws(RecordsError) {
        try write { db in
            try Self.withIDs(ids, db) { table in
                try db.execute(sql: "UPDATE tourist_object SET apidae_project = ? WHERE apidae_project IS NOT ? AND id IN (SELECT id FROM \(table))",
                               arguments: [project, project])
            }
        }
    }

    /// Removes the records of `project` whose id is not in `keeping` (an export that replaces
    /// everything, the ids of a pull's selections). Returns how many went and their photos.
    public func removeProjectRecords(project: Int, keeping: Set<Int>) throws(RecordsError) -> (count: Int, photoURLs: [String]) {
        let gone = try write { db in  // a temporary table: the writer's connection
            try Self.withIDs(Array(keeping), db) { table in
                try Int.fetchAll(db, sql: "SELECT id FROM tourist_object WHERE apidae_project = ? AND id NOT IN (SELECT id FROM \(table))",
                                 arguments: [project])
            }
        }
        return try remove(ids: gone)
    }

    /// Runs `body` with `ids` in a temporary table (its name given), dropped after.
    static func withIDs<T>(_ ids: [Int], _ db: Database, _ body: (String) throws -> T) throws -> T {
        let table = "ids_\(UInt32.random(in: 0...UInt32.max))"
        try db.execute(sql: "CREATE TEMP TABLE \(table) (id INTEGER PRIMARY KEY)")
        defer { try? db.execute(sql: "DROP TABLE temp.\(table)") }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(table) (id) VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
        return try body(table)
    }

    /// Every cached record's `dateModification` (seconds since 1970), for `Importer.cachedDates`.
    public func modificationDates() throws(RecordsError) -> [Int: Double] {
        try read { db in
            var dates: [Int: Double] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, modified_at FROM tourist_object WHERE modified_at IS NOT NULL")
            while let row = try rows.next() {
                if let date = ApidaeTimestamp.parse(row[1]) { dates[row[0]] = date.timeIntervalSince1970 }
            }
            return dates
        }
    }

    /// How many records the project brought.
    public func recordCount(project: Int) throws(RecordsError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tourist_object WHERE apidae_project = ?", arguments: [project]) ?? 0 }
    }

    /// The photos the records of `ids` print.
    public func photoURLs(ids: [Int]) throws(RecordsError) -> [String] {
        try read { db in
            var urls: [String] = []
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                urls += try String.fetchAll(db, sql: "SELECT photo_url FROM tourist_object WHERE id IN (\(part.map { _ in "?" }.joined(separator: ","))) AND photo_url IS NOT NULL",
                                            arguments: StatementArguments(part))
            }
            return urls
        }
    }
}

extension RecordStore {
    /// Those of `urls` a cached record still prints.
    public func photoURLsInUse(_ urls: [String]) throws(RecordsError) -> Set<String> {
        let distinct = Array(Set(urls))
        return try read { db in
            var used: Set<String> = []
            for chunk in stride(from: 0, to: distinct.count, by: 500) {
                let part = Array(distinct[chunk..<min(chunk + 500, distinct.count)])
                used.formUnion(try String.fetchAll(db, sql: "SELECT DISTINCT photo_url FROM tourist_object WHERE photo_url IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                                                   arguments: StatementArguments(part)))
            }
            return used
        }
    }
}
