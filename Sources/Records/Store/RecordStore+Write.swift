import Foundation
import GRDB

/// A decoded record with the bytes it came from.
public struct ImportedRecord: Sendable {
    public var object: TouristObject
    public var raw: Data
    public var source: String
    public init(object: TouristObject, raw: Data, source: String) {
        self.object = object; self.raw = raw; self.source = source
    }
}

/// What one batch did to the cache.
public struct BatchOutcome: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    /// Already cached with the same or a newer `dateModification`.
    public var unchanged = 0
}

extension RecordStore {
    /// Writes a batch in one transaction: new records are inserted, a cached record is replaced only
    /// when the incoming `dateModification` is newer (or the cached one has none). Popularity is kept.
    public func upsert(_ records: [ImportedRecord]) throws(RecordsError) -> BatchOutcome {
        try write { db in
            var outcome = BatchOutcome()
            var known = try Self.modificationDates(db, ids: records.map(\.object.id))
            let insert = try db.cachedStatement(sql: """
                INSERT INTO tourist_object (id, type, member_id, member_name, name, names, search_names,
                    commune_apidae_id, commune_insee, commune_name, postal_code, latitude, longitude,
                    thumbnail_url, created_at, modified_at, format_version, source, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET type = excluded.type, member_id = excluded.member_id,
                    member_name = excluded.member_name, name = excluded.name, names = excluded.names,
                    search_names = excluded.search_names, commune_apidae_id = excluded.commune_apidae_id,
                    commune_insee = excluded.commune_insee, commune_name = excluded.commune_name,
                    postal_code = excluded.postal_code, latitude = excluded.latitude, longitude = excluded.longitude,
                    thumbnail_url = excluded.thumbnail_url, created_at = excluded.created_at,
                    modified_at = excluded.modified_at, format_version = excluded.format_version,
                    source = excluded.source, raw = excluded.raw
                """)
            let clearPeriods = try db.cachedStatement(sql: "DELETE FROM opening_period WHERE object_id = ?")
            let insertPeriod = try db.cachedStatement(sql: """
                INSERT INTO opening_period (object_id, start_day, end_day, every_year) VALUES (?, ?, ?, ?)
                """)
            let apidaeCommune = try db.cachedStatement(sql: "SELECT insee, name, postal_code FROM apidae_commune WHERE apidae_id = ?")
            for record in records {
                let o = record.object
                let modified = o.modified.map(ApidaeTimestamp.canonical)
                let isUpdate: Bool
                switch known[o.id] {
                case .none: isUpdate = false
                case .some(let cached):
                    if let cached, let modified, modified <= cached { outcome.unchanged += 1; continue }
                    if cached != nil, modified == nil { outcome.unchanged += 1; continue }
                    isUpdate = true
                }
                var commune = o.address.commune ?? CommuneReference()
                if commune.insee == nil, let apidaeId = commune.apidaeId,
                   let row = try Row.fetchOne(apidaeCommune, arguments: [apidaeId]) {
                    commune.insee = row[0]
                    commune.name = commune.name ?? row[1]
                    commune.postalCode = commune.postalCode ?? row[2]
                }
                try insert.execute(arguments: [
                    o.id, o.type.apidaeCode, o.owner?.id, o.owner?.name, o.name.text("fr") ?? "#\(o.id)",
                    Self.namesJSON(o.name), o.name.distinctTexts.joined(separator: "\n"),
                    commune.apidaeId, commune.insee, commune.name, o.address.postalCode ?? commune.postalCode,
                    o.location?.latitude, o.location?.longitude,
                    o.illustrations.first.map { $0.listUrl ?? $0.url }, o.created.map(ApidaeTimestamp.canonical),
                    modified, o.formatVersion, record.source, record.raw,
                ])
                if isUpdate { try clearPeriods.execute(arguments: [o.id]) }
                for p in o.openingPeriods {
                    try insertPeriod.execute(arguments: [o.id, p.start.daysSinceEpoch, p.end.daysSinceEpoch, p.everyYear])
                }
                known[o.id] = .some(modified)
                if isUpdate { outcome.updated += 1 } else { outcome.inserted += 1 }
            }
            return outcome
        }
    }

    /// Removes records (an export's `objets_supprimes.json`). Returns how many were cached.
    public func delete(ids: [Int]) throws(RecordsError) -> Int {
        guard !ids.isEmpty else { return 0 }
        return try write { db in
            var deleted = 0
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                try db.execute(sql: "DELETE FROM tourist_object WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                               arguments: StatementArguments(part))
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// The canonical `modified_at` of the cached records among `ids` (nil inside: cached without one).
    static func modificationDates(_ db: Database, ids: [Int]) throws -> [Int: String?] {
        var result: [Int: String?] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
            let rows = try Row.fetchCursor(db, sql: "SELECT id, modified_at FROM tourist_object WHERE id IN (\(part.map { _ in "?" }.joined(separator: ",")))",
                                           arguments: StatementArguments(part))
            while let row = try rows.next() { result[row[0]] = .some(row[1]) }
        }
        return result
    }

    static func namesJSON(_ text: LocalizedText) -> String {
        let data = try? JSONSerialization.data(withJSONObject: text.values, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
