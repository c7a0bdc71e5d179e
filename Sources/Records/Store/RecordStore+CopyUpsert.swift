import Foundation
import Storage

extension RecordStore {
    static let stagedObjectColumns = ["id", "type", "member_id", "member_name", "name", "names", "search_names", "commune_apidae_id",
                                      "commune_insee", "commune_name", "postal_code", "latitude", "longitude", "thumbnail_url",
                                      "created_at", "modified_at", "format_version", "source", "photo_url", "raw", "is_update"]

    /// `upsert` on PostgreSQL: the batch's records and periods go to temporary tables by COPY, then
    /// into the cache in three statements (an insert or update per row cost a round trip each).
    /// The same rules as SQLite's: a cached record is replaced only by a newer one, popularity and
    /// the Apidae project kept.
    func copyUpsert(_ records: [ImportedRecord], communes memo: ApidaeCommuneMemo?) throws(RecordsError) -> BatchOutcome {
        try write { db in
            var outcome = BatchOutcome()
            var known = try Self.modificationDates(db, ids: records.map(\.id))
            let communes = try Self.apidaeCommunes(db, ids: records.compactMap { r in
                r.row.has(.communeInsee) ? nil : r.row.communeApidaeId
            }, memo: memo ?? ApidaeCommuneMemo())
            var objects: [[SQLValue]] = []
            var periods: [[SQLValue]] = []
            for record in records {
                let o = record.row
                let modified = o.text(.modified)
                guard let isUpdate = try Self.writes(record, modified: modified, known: known, db) else { outcome.unchanged += 1; continue }
                let resolved = o.communeApidaeId.flatMap { o.has(.communeInsee) ? nil : communes[$0] }
                func text(_ column: CachedRow.Text) -> SQLValue { o.text(column).map(SQLValue.text) ?? .null }
                func value(_ v: (some SQLBindable)?) -> SQLValue { v?.sqlValue ?? .null }
                let insee = resolved.map { SQLValue.text($0.insee) } ?? text(.communeInsee)
                let communeName = o.text(.communeName).map(SQLValue.text) ?? value(resolved?.name)
                let postalCode = o.text(.postalCode).map(SQLValue.text) ?? value(resolved?.postalCode)
                objects.append([.integer(Int64(o.id)), text(.type), value(o.ownerId), text(.ownerName), text(.name), text(.names),
                                text(.searchNames), value(o.communeApidaeId), insee, communeName, postalCode, value(o.latitude),
                                value(o.longitude), text(.thumbnail), text(.created), text(.modified), text(.formatVersion),
                                value(record.source), text(.photo), .blob(record.raw), .integer(isUpdate ? 1 : 0)])
                for p in o.periods {
                    periods.append([.integer(Int64(o.id)), .integer(Int64(p.start)), .integer(Int64(p.end)), .integer(p.everyYear ? 1 : 0)])
                }
                known[o.id] = .some(modified)
                if isUpdate { outcome.updated += 1 } else { outcome.inserted += 1 }
                outcome.changed.append(o.id)
            }
            guard !objects.isEmpty else { return outcome }
            try Self.compressWithLZ4(db)
            try db.executeScript("""
                CREATE TEMP TABLE IF NOT EXISTS staged_object (
                    id BIGINT, type TEXT, member_id BIGINT, member_name TEXT, name TEXT, names TEXT, search_names TEXT,
                    commune_apidae_id BIGINT, commune_insee TEXT, commune_name TEXT, postal_code TEXT, latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION, thumbnail_url TEXT, created_at TEXT, modified_at TEXT, format_version TEXT, source TEXT,
                    photo_url TEXT, raw BYTEA, is_update BIGINT) ON COMMIT DELETE ROWS;
                CREATE TEMP TABLE IF NOT EXISTS staged_period (object_id BIGINT, start_day BIGINT, end_day BIGINT, every_year BIGINT)
                    ON COMMIT DELETE ROWS;
                TRUNCATE staged_object, staged_period;
                """)
            try db.copy(into: "staged_object", columns: Self.stagedObjectColumns, rows: objects)
            try db.copy(into: "staged_period", columns: ["object_id", "start_day", "end_day", "every_year"], rows: periods)
            let columns = Self.stagedObjectColumns.dropLast(2)
            try db.executeScript("""
                INSERT INTO tourist_object (\(columns.joined(separator: ", ")))
                    SELECT \(columns.joined(separator: ", ")) FROM staged_object
                ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "));
                INSERT INTO tourist_object_raw (id, raw) SELECT id, raw FROM staged_object
                    ON CONFLICT (id) DO UPDATE SET raw = excluded.raw;
                DELETE FROM opening_period WHERE object_id IN (SELECT id FROM staged_object WHERE is_update = 1);
                INSERT INTO opening_period (object_id, start_day, end_day, every_year)
                    SELECT object_id, start_day, end_day, every_year FROM staged_period ON CONFLICT DO NOTHING;
                TRUNCATE staged_object, staged_period;
                """)
            try Self.recordChange(db, ids: outcome.changed)
            return outcome
        }
    }
}
