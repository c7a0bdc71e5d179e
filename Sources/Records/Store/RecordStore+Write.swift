import Foundation
import GRDB
import Storage

/// What one batch did to the cache.
public struct BatchOutcome: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    /// Already cached with the same or a newer `dateModification`.
    public var unchanged = 0
    /// The records inserted or updated.
    public var changed: [Int] = []
}

extension RecordStore {
    /// Writes a batch in one transaction: new records are inserted, a cached record is replaced only
    /// when the incoming `dateModification` is newer (or the cached one has none). Popularity is kept.
    public func upsert(_ records: [ImportedRecord]) throws(RecordsError) -> BatchOutcome {
        try upsert(records, communes: nil)
    }

    /// `upsert(_:)`, remembering across the batches of one import the Apidae communes looked up.
    func upsert(_ records: [ImportedRecord], communes memo: ApidaeCommuneMemo?) throws(RecordsError) -> BatchOutcome {
        guard owner.isSQLite else { return try copyUpsert(records, communes: memo) }
        return try grdbWrite { db in
            var outcome = BatchOutcome()
            var known = try Self.modificationDates(db.session, ids: records.map(\.id))
            let insert = try db.cachedStatement(sql: """
                INSERT INTO tourist_object (id, type, member_id, member_name, name, names, search_names,
                    commune_apidae_id, commune_insee, commune_name, postal_code, latitude, longitude,
                    thumbnail_url, created_at, modified_at, format_version, source, photo_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET type = excluded.type, member_id = excluded.member_id,
                    member_name = excluded.member_name, name = excluded.name, names = excluded.names,
                    search_names = excluded.search_names, commune_apidae_id = excluded.commune_apidae_id,
                    commune_insee = excluded.commune_insee, commune_name = excluded.commune_name,
                    postal_code = excluded.postal_code, latitude = excluded.latitude, longitude = excluded.longitude,
                    thumbnail_url = excluded.thumbnail_url, created_at = excluded.created_at,
                    modified_at = excluded.modified_at, format_version = excluded.format_version,
                    source = excluded.source, photo_url = excluded.photo_url
                """)
            let insertRaw = try db.cachedStatement(sql: """
                INSERT INTO tourist_object_raw (id, raw) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET raw = excluded.raw
                """)
            let clearPeriods = try db.cachedStatement(sql: "DELETE FROM opening_period WHERE object_id = ?")
            let insertPeriod = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO opening_period (object_id, start_day, end_day, every_year) VALUES (?, ?, ?, ?)
                """)
            let communes = try Self.apidaeCommunes(db.session, ids: records.compactMap { r in
                r.row.has(.communeInsee) ? nil : r.row.communeApidaeId
            }, memo: memo ?? ApidaeCommuneMemo())
            var row = SQLiteBinder(insert)
            var period = SQLiteBinder(insertPeriod)
            var raw = SQLiteBinder(insertRaw)
            for record in records {
                let o = record.row
                let modified = o.text(.modified)
                guard let isUpdate = try Self.writes(record, modified: modified, known: known, db.session) else { outcome.unchanged += 1; continue }
                // A commune named by its Apidae id only: what `communes.json` says of it.
                let resolved = o.communeApidaeId.flatMap { o.has(.communeInsee) ? nil : communes[$0] }
                try o.withText { text in
                    row.bind(o.id)
                    row.bind(utf8: text[.type])
                    row.bind(o.ownerId)
                    row.bind(utf8: text[.ownerName])
                    row.bind(utf8: text[.name])
                    row.bind(utf8: text[.names])
                    row.bind(utf8: text[.searchNames])
                    row.bind(o.communeApidaeId)
                    if let resolved {
                        row.bind(resolved.insee)
                        if let name = text[.communeName] { row.bind(utf8: name) } else { row.bind(resolved.name) }
                        if let postalCode = text[.postalCode] { row.bind(utf8: postalCode) } else { row.bind(resolved.postalCode) }
                    } else {
                        row.bind(utf8: text[.communeInsee])
                        row.bind(utf8: text[.communeName])
                        row.bind(utf8: text[.postalCode])
                    }
                    row.bind(o.latitude)
                    row.bind(o.longitude)
                    row.bind(utf8: text[.thumbnail])
                    row.bind(utf8: text[.created])
                    row.bind(utf8: text[.modified])
                    row.bind(utf8: text[.formatVersion])
                    row.bind(record.source)
                    row.bind(utf8: text[.photo])
                    try row.step(db)
                    raw.bind(o.id)
                    try raw.step(db, binding: text.raw)
                }
                if isUpdate { try clearPeriods.execute(arguments: [o.id]) }
                for p in o.periods {
                    period.bind(o.id)
                    period.bind(p.start)
                    period.bind(p.end)
                    period.bind(p.everyYear ? 1 : 0)
                    try period.step(db)
                }
                known[o.id] = .some(modified)
                if isUpdate { outcome.updated += 1 } else { outcome.inserted += 1 }
                outcome.changed.append(o.id)
            }
            if !outcome.changed.isEmpty { try Self.recordChange(db.session, ids: outcome.changed) }
            return outcome
        }
    }

    /// Whether a record of a batch is written, and as an update: nil when the cache has it as new
    /// or newer (the same `dateModification`, or the same bytes when neither says when it changed).
    static func writes(_ record: ImportedRecord, modified: String?, known: [Int: String?], _ db: any SQLSession) throws -> Bool? {
        guard case .some(let cached) = known[record.id] else { return false }
        if let cached, let modified, modified <= cached { return nil }
        if cached != nil, modified == nil { return nil }
        // Neither says when it changed (some API answers omit `gestion`): the latest import wins,
        // and identical bytes are no change.
        if cached == nil, modified == nil, try Data.one(db, "SELECT raw FROM tourist_object_raw WHERE id = ?", [record.id]) == record.raw {
            return nil
        }
        return true
    }

    /// Removes records (an export's `objets_supprimes.json`). Returns how many were cached.
    public func delete(ids: [Int]) throws(RecordsError) -> Int { try remove(ids: ids).count }

    /// Removes records; returns how many were cached and the photos they printed (for the photo cache).
    public func remove(ids: [Int]) throws(RecordsError) -> (count: Int, photoURLs: [String]) {
        guard !ids.isEmpty else { return (0, []) }
        return try write { db in
            var deleted: [Int] = []
            var photos: [String] = []
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                let marks = part.map { _ in "?" }.joined(separator: ",")
                for row in try SQLRow.all(db, "DELETE FROM tourist_object WHERE id IN (\(marks)) RETURNING id, photo_url",
                                            SQLArguments(part)) {
                    deleted.append(row[0])
                    if let photo: String = row[1] { photos.append(photo) }
                }
            }
            if !deleted.isEmpty { try Self.recordChange(db, ids: deleted) }
            return (deleted.count, photos)
        }
    }

    /// Counts changes to the records, in the transaction that makes them: a running server compares
    /// it to know when to update its search index (`recordChange` says which records).
    static func bumpRevision(_ db: any SQLSession) throws {
        try db.execute("UPDATE record_revision SET revision = revision + 1 WHERE id = 1")
        try db.notify(changesChannel)
    }

    /// Where a change to the records is told, at its commit (PostgreSQL).
    static let changesChannel = "guichet_records"

    /// An element each time records changed, in any process of the database, as it commits —
    /// PostgreSQL's notifications; nil on SQLite (look at `revision()` every so often).
    public func changeNotifications() -> AsyncStream<Void>? {
        owner.notifications(Self.changesChannel)
    }

    /// Changes so far to the records (inserts, updates, deletions) and the gazetteer, across processes.
    public func revision() throws(RecordsError) -> Int {
        try read { db in try Int.one(db, "SELECT revision FROM record_revision WHERE id = 1") ?? 0 }
    }

    /// What a search index built from this cache depends on: the cache file (its token), its
    /// revision, and the popularity changes (counted apart: they come with every basket).
    public func indexVersion() throws(RecordsError) -> IndexVersion {
        try read { db in
            IndexVersion(cache: try String.one(db, "SELECT token FROM cache_identity WHERE id = 1") ?? "",
                         revision: try Int.one(db, "SELECT revision FROM record_revision WHERE id = 1") ?? 0,
                         popularity: try Int.one(db, "SELECT popularity_revision FROM record_revision WHERE id = 1") ?? 0)
        }
    }

    /// The canonical `modified_at` of the cached records among `ids` (nil inside: cached without one).
    /// One prepared statement for a batch's ids: statements of 500 placeholders were built and
    /// parsed four times a batch on the import's writer.
    static func modificationDates(_ db: any SQLSession, ids: [Int]) throws -> [Int: String?] {
        var result: [Int: String?] = [:]
        guard !ids.isEmpty else { return result }
        try db.forEachRow("SELECT id, modified_at FROM tourist_object WHERE id IN (\(db.dialect.integers(ofJSON: "?")))", [jsonArray(ids)]) { row in
            result[row[0]] = .some(row[1])
        }
        return result
    }

    /// Apidae commune ids → INSEE code, name and postal code (from `communes.json`): those `memo`
    /// knows, the others looked up and remembered there, found or not.
    static func apidaeCommunes(_ db: any SQLSession, ids: [Int], memo: ApidaeCommuneMemo) throws -> [Int: ApidaeCommune] {
        var result: [Int: ApidaeCommune] = [:]
        var missing: [Int] = []
        for id in Set(ids) {
            switch memo.known[id] {
            case .some(.some(let commune)): result[id] = commune
            case .some(.none): break
            case .none: missing.append(id)
            }
        }
        guard !missing.isEmpty else { return result }
        for id in missing { memo.known[id] = .some(nil) }
        for row in try SQLRow.all(db, """
            SELECT apidae_id, insee, name, postal_code FROM apidae_commune WHERE apidae_id IN (\(db.dialect.integers(ofJSON: "?")))
            """, [jsonArray(missing)]) {
            let commune = ApidaeCommune(apidaeId: row[0], insee: row[1], name: row[2], postalCode: row[3])
            result[commune.apidaeId] = commune
            memo.known[commune.apidaeId] = .some(commune)
        }
        return result
    }

    /// `{"de":"…","fr":"…"}`, keys sorted.
    static func namesJSON(_ text: LocalizedText) -> String {
        var out = "{"
        for (i, (key, value)) in text.values.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out += "," }
            JSONValue.appendQuoted(key, to: &out)
            out += ":"
            JSONValue.appendQuoted(value, to: &out)
        }
        return out + "}"
    }
}
