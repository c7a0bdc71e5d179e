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
            try db.execute("""
                UPDATE tourist_object SET apidae_project = ? WHERE apidae_project IS DISTINCT FROM ? AND id IN (\(db.dialect.integers(ofJSON: "?")))
                """, [project, project, Self.jsonArray(ids)])
        }
    }

    /// Removes the records of `project` whose id is not in `keeping` (an export that replaces
    /// everything, the ids of a pull's selections). Returns how many went and their photos.
    public func removeProjectRecords(project: Int, keeping: Set<Int>) throws(RecordsError) -> (count: Int, photoURLs: [String]) {
        let gone = try write { db in
            try Int.all(db, "SELECT id FROM tourist_object WHERE apidae_project = ? AND id NOT IN (\(db.dialect.integers(ofJSON: "?")))",
                        [project, Self.jsonArray(keeping.sorted())])
        }
        return try remove(ids: gone)
    }

    /// Every cached record's `dateModification` (seconds since 1970), for `Importer.cachedDates`.
    public func modificationDates() throws(RecordsError) -> [Int: Double] {
        try read { db in
            var dates: [Int: Double] = [:]
            try db.forEachRow("SELECT id, modified_at FROM tourist_object WHERE modified_at IS NOT NULL", []) { row in
                if let date = ApidaeTimestamp.parse(row[1]) { dates[row[0]] = date.timeIntervalSince1970 }
            }
            return dates
        }
    }

    /// How many records the project brought.
    public func recordCount(project: Int) throws(RecordsError) -> Int {
        try read { db in try Int.one(db, "SELECT count(*) FROM tourist_object WHERE apidae_project = ?", [project]) ?? 0 }
    }

    /// The photos the records of `ids` print.
    public func photoURLs(ids: [Int]) throws(RecordsError) -> [String] {
        try read { db in
            var urls: [String] = []
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                urls += try String.all(db, "SELECT photo_url FROM tourist_object WHERE id IN (\(part.map { _ in "?" }.joined(separator: ","))) AND photo_url IS NOT NULL",
                                            SQLArguments(part))
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
                used.formUnion(try String.all(db, "SELECT DISTINCT photo_url FROM tourist_object WHERE photo_url IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                                                   SQLArguments(part)))
            }
            return used
        }
    }
}
