import GRDB
import Storage

/// Apidae's own commune id and what it stands for (an export's `communes.json`).
public struct ApidaeCommune: Sendable, Hashable {
    public var apidaeId: Int
    public var insee: String
    public var name: String?
    public var postalCode: String?
    public init(apidaeId: Int, insee: String, name: String?, postalCode: String?) {
        self.apidaeId = apidaeId; self.insee = insee; self.name = name; self.postalCode = postalCode
    }
}

/// The Apidae communes an import's writer has looked up, found (or not: nil inside). Records of
/// an export may name their commune by Apidae id only (the bench's first 2,000 records name 1,532
/// different ones): each is looked up once per import instead of once per batch. Used by one writer at a time; forgotten
/// when the import brings a `communes.json` (`Importer`).
final class ApidaeCommuneMemo: @unchecked Sendable {
    var known: [Int: ApidaeCommune?] = [:]

    func forget() { known.removeAll() }
}

extension RecordStore {
    /// Gazetteer rows (La Poste): inserted, or their position refreshed. A name already taken from
    /// Apidae (with accents) is kept.
    public func upsert(communes: [Commune], source: String) throws(RecordsError) {
        try write { db in
            var changed = 0
            for c in communes {
                changed += try db.execute("""
                    INSERT INTO commune (insee, postal_code, name, latitude, longitude, source) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(insee, postal_code) DO UPDATE SET
                        latitude = coalesce(excluded.latitude, commune.latitude),
                        longitude = coalesce(excluded.longitude, commune.longitude)
                    """, [c.insee, c.postalCode, c.name, c.latitude, c.longitude, source])
            }
            // Records without coordinates are placed at their commune's: the search index follows.
            if changed > 0 { try Self.recordChangeToEverything(db) }
        }
    }

    public func upsert(apidaeCommunes: [ApidaeCommune]) throws(RecordsError) {
        try write { db in
            for c in apidaeCommunes {
                try db.execute("""
                    INSERT INTO apidae_commune (apidae_id, insee, name, postal_code) VALUES (?, ?, ?, ?)
                    ON CONFLICT(apidae_id) DO UPDATE SET insee = excluded.insee, name = excluded.name,
                        postal_code = excluded.postal_code
                    """, [c.apidaeId, c.insee, c.name, c.postalCode])
            }
        }
    }

    /// After an import: resolves records that named their commune by Apidae id only, adds the
    /// communes records name to the gazetteer (with Apidae's accented names), and gives communes
    /// without coordinates the centroid of their records.
    ///
    /// The records still without a commune or its name are found through a partial index
    /// (`tourist_object_unresolved`); the names and positions records give are counted in one
    /// pass (`CommuneTally`), which also finds the records placed at a commune given a position:
    /// 1 M records, 2.9 s → 0.9 s.
    public func reconcileCommunes() throws(RecordsError) {
        try write { db in
            // The records whose place for the search index changes: their commune found, or their
            // commune's position given (records without coordinates are placed there).
            var moved = Set(try Int.all(db, """
                UPDATE tourist_object SET commune_insee = ac.insee,
                    commune_name = coalesce(tourist_object.commune_name, ac.name),
                    postal_code = coalesce(tourist_object.postal_code, ac.postal_code)
                FROM apidae_commune ac
                WHERE tourist_object.commune_insee IS NULL AND tourist_object.commune_apidae_id = ac.apidae_id
                RETURNING id
                """))
            moved.formUnion(try Self.resolveByPostalCode(db))
            let tally = try CommuneTally.read(db)
            try Self.nameCommunes(db, recordsGive: tally.names)
            for insee in try Self.placeCommunes(db, tally: tally) { moved.formUnion(tally.unplaced[insee] ?? []) }
            if !moved.isEmpty { try Self.recordChange(db, ids: moved.sorted()) }
        }
    }

    /// Adds the communes Apidae and the records name to the gazetteer, gives a La Poste commune
    /// Apidae's name for it, and records without a commune name the gazetteer's.
    static func nameCommunes(_ db: any SQLSession, recordsGive names: Set<CommuneTally.Name>) throws {
        try db.execute("CREATE TEMP TABLE apidae_name (insee TEXT NOT NULL, postal_code TEXT NOT NULL, name TEXT NOT NULL)")
        try db.execute("""
            INSERT INTO apidae_name SELECT insee, postal_code, name FROM apidae_commune WHERE name IS NOT NULL AND postal_code IS NOT NULL
            """)
        for n in names { try db.execute("INSERT INTO apidae_name (insee, postal_code, name) VALUES (?, ?, ?)", [n.insee, n.postalCode, n.name]) }
        try db.executeScript("""
            CREATE INDEX \(db.dialect.pick(sqlite: "temp.", postgres: ""))apidae_name_insee ON apidae_name(insee);
            INSERT INTO commune (insee, postal_code, name, source)
                SELECT insee, postal_code, min(name), 'apidae' FROM apidae_name WHERE TRUE GROUP BY insee, postal_code ON CONFLICT DO NOTHING;
            UPDATE commune SET name = (SELECT min(a.name) FROM apidae_name a WHERE a.insee = commune.insee)
                WHERE source != 'apidae' AND insee IN (SELECT insee FROM apidae_name);
            DROP TABLE apidae_name;

            UPDATE tourist_object SET commune_name = (SELECT min(c.name) FROM commune c WHERE c.insee = tourist_object.commune_insee)
                WHERE commune_name IS NULL AND commune_insee IS NOT NULL;
            """)
    }

    /// Gives the communes without coordinates the mean position of their records; returns their INSEE codes.
    static func placeCommunes(_ db: any SQLSession, tally: CommuneTally) throws -> [String] {

        var placed: [String] = []
        for insee in try String.all(db, "SELECT DISTINCT insee FROM commune WHERE latitude IS NULL ORDER BY insee") {
            guard let centroid = tally.centroid(of: insee) else { continue }
            try db.execute("UPDATE commune SET latitude = ?, longitude = ? WHERE insee = ? AND latitude IS NULL",
                           [centroid.latitude, centroid.longitude, insee])
            placed.append(insee)
        }
        return placed
    }

    /// Records whose commune is still unknown but have a postal code: the commune of that postal
    /// code nearest to the record, or the only one.
    static func resolveByPostalCode(_ db: any SQLSession) throws -> [Int] {
        let orphans = try SQLRow.all(db, """
            SELECT id, postal_code, latitude, longitude FROM tourist_object
            WHERE commune_insee IS NULL AND postal_code IS NOT NULL
            """)
        guard !orphans.isEmpty else { return [] }
        var resolved: [Int] = []

        for row in orphans {
            let candidates = try SQLRow.all(db, "SELECT insee, name, latitude, longitude FROM commune WHERE postal_code = ?",
                                              [row[1] as String])
            let chosen: SQLRow?
            if let lat: Double = row[2], let lon: Double = row[3] {
                chosen = candidates.filter { ($0[2] as Double?) != nil }.min {
                    GeoPoint.haversineKm(lat, lon, $0[2], $0[3]) < GeoPoint.haversineKm(lat, lon, $1[2], $1[3])
                }
            } else {
                chosen = Set(candidates.map { $0[0] as String }).count == 1 ? candidates.first : nil
            }
            if let chosen {
                try db.execute("UPDATE tourist_object SET commune_insee = ? WHERE id = ?", [chosen[0] as String, row[0] as Int])
                resolved.append(row[0])
            }
        }
        return resolved
    }

    public func allCommunes() throws(RecordsError) -> [Commune] {
        try read { db in
            try SQLRow.all(db, "SELECT insee, postal_code, name, latitude, longitude FROM commune ORDER BY insee, postal_code").map {
                Commune(insee: $0[0], postalCode: $0[1], name: $0[2], latitude: $0[3], longitude: $0[4])
            }
        }
    }

    /// The département of a French address: the gazetteer's communes at that postal code (the one
    /// named `commune` when they span several départements), else the postal code's own rule.
    public func department(postalCode: String, commune: String?) throws(RecordsError) -> String? {
        let known = try read { db in
            try SQLRow.all(db, "SELECT insee, postal_code, name FROM commune WHERE postal_code = ?", [postalCode]).map {
                Commune(insee: $0[0], postalCode: $0[1], name: $0[2])
            }
        }
        let departments = Set(known.map(\.department))
        if departments.count == 1 { return departments.first }
        if departments.count > 1, let commune {
            let name = TextFolding.tokens(commune)
            if let match = known.first(where: { TextFolding.tokens($0.name) == name }) { return match.department }
        }
        return departments.isEmpty ? Commune.department(ofPostalCode: postalCode) : nil
    }
}
