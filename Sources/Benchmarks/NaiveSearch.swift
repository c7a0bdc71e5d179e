import Foundation
import GRDB
import Records
import Search

/// The anchor: what one would write with SQLite alone. An FTS5 table over the names with prefix
/// indexes, an R*Tree of positions, the exact distance computed on the box's rows, every match
/// fetched to count it and sort it by popularity, then the page's names read.
final class NaiveSearch {
    let queue: DatabaseQueue

    init(path: String, rebuild: Bool) throws {
        queue = try DatabaseQueue(path: path)
        let exists = try queue.read { try $0.tableExists("naive_fts") }
        guard rebuild || !exists else { return }
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS naive_fts;
                DROP TABLE IF EXISTS naive_rtree;
                CREATE VIRTUAL TABLE naive_fts USING fts5(names, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
                INSERT INTO naive_fts(rowid, names) SELECT id, search_names FROM tourist_object;
                CREATE VIRTUAL TABLE naive_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
                INSERT INTO naive_rtree SELECT id, latitude, latitude, longitude, longitude FROM tourist_object WHERE latitude IS NOT NULL;
                """)
        }
    }

    /// Returns the number of matches; reads the first page's names like the real search does.
    func search(_ q: SearchQuery) throws -> Int {
        try queue.read { db in
            let words = TextFolding.tokens(q.text)
            let match = words.map { "\"\($0)\"*" }.joined(separator: " ")
            var sql = "SELECT o.id, o.type, o.popularity, o.latitude, o.longitude FROM naive_fts f JOIN tourist_object o ON o.id = f.rowid"
            var args: [any DatabaseValueConvertible] = []
            if let c = q.centre, let r = q.radiusKm {
                let dLat = r / GeoPoint.earthRadiusKm * 180 / .pi
                let dLon = dLat / cos(c.latitude * .pi / 180)
                sql += " JOIN naive_rtree b ON b.id = o.id AND b.min_lat >= ? AND b.max_lat <= ? AND b.min_lon >= ? AND b.max_lon <= ?"
                args += [c.latitude - dLat, c.latitude + dLat, c.longitude - dLon, c.longitude + dLon]
            }
            sql += " WHERE naive_fts MATCH ?"
            args.append(match)
            if !q.types.isEmpty {
                sql += " AND o.type IN (\(q.types.map { _ in "?" }.joined(separator: ",")))"
                args += q.types.map(\.apidaeCode)
            }
            var hits: [(id: Int, popularity: Int, distance: Double)] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() {
                var distance = 0.0
                if let c = q.centre, let r = q.radiusKm {
                    guard let lat: Double = row[3], let lon: Double = row[4] else { continue }
                    distance = GeoPoint.haversineKm(c.latitude, c.longitude, lat, lon)
                    if distance > r { continue }
                }
                hits.append((row[0], row[2], distance))
            }
            hits.sort { ($0.popularity, -$0.distance) > ($1.popularity, -$1.distance) }
            let page = hits.prefix(q.limit).map(\.id)
            if !page.isEmpty {
                _ = try Row.fetchAll(db, sql: "SELECT id, name, commune_name, postal_code FROM tourist_object WHERE id IN (\(page.map { _ in "?" }.joined(separator: ",")))",
                                     arguments: StatementArguments(page))
            }
            return hits.count
        }
    }
}
