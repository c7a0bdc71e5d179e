import Foundation
import GRDB
import Storage

/// What the search index needs of one record.
public struct IndexRow: Sendable {
    public var id: Int
    public var type: String
    public var memberId: Int?
    /// The record's distinct names across languages, one per line.
    public var names: String
    /// The record's own position, else its commune's.
    public var location: GeoPoint?
    public var locationIsApproximate: Bool
    public var popularity: Int
}

/// A record as a result list shows it.
public struct RecordSummary: Sendable, Codable, Hashable {
    public var id: Int
    public var type: String
    public var name: String
    public var communeName: String?
    public var postalCode: String?
    public var insee: String?
    public var latitude: Double?
    public var longitude: Double?
    public var memberId: Int?
    public var memberName: String?
    public var popularity: Int
    public var thumbnailURL: String?
    /// The name came in French: the record has none in the language asked.
    public var frenchFallback: Bool? = nil
}

/// An opening period as stored: days since 1970, or for `everyYear` the same days each year.
public struct StoredPeriod: Sendable, Hashable {
    public var objectId: Int
    public var start: Int
    public var end: Int
    public var everyYear: Bool
}

extension RecordStore {
    /// Summaries of `ids`, in the order of `ids`, names in `language` (French fallback).
    public func summaries(ids: [Int], language: String = "fr") throws(RecordsError) -> [RecordSummary] {
        guard !ids.isEmpty else { return [] }
        let found: [Int: RecordSummary] = try read { db in
            var found: [Int: RecordSummary] = [:]
            for row in try SQLRow.all(db, """
                SELECT id, type, name, names, commune_name, postal_code, commune_insee, latitude, longitude,
                       member_id, member_name, popularity, thumbnail_url
                FROM tourist_object WHERE id IN (\(db.dialect.integers(ofJSON: "?")))
                """, [Self.jsonArray(Array(Set(ids)))]) {
                let id: Int = row[0]
                var name: String = row[2]
                var fallback: Bool?
                if language != "fr", case .object(let names)? = try? JSONParser.parse(Array((row[3] as String).utf8)) {
                    let texts = LocalizedText(Dictionary(names.compactMap { k, v in v.string.map { (k, $0) } }) { a, _ in a })
                    if let localized = texts.text(language) { name = localized }
                    fallback = (texts.values[language] ?? "").isEmpty
                }
                found[id] = RecordSummary(id: row[0], type: row[1], name: name, communeName: row[4], postalCode: row[5],
                                          insee: row[6], latitude: row[7], longitude: row[8], memberId: row[9],
                                          memberName: row[10], popularity: row[11], thumbnailURL: row[12], frenchFallback: fallback)
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    /// The full model of a cached record, decoded from its raw JSON.
    public func object(id: Int) throws(RecordsError) -> TouristObject {
        guard let raw = try rawJSON(id: id) else { throw .unknownRecord(id: id) }
        let labels = try referenceLabels(type: "MoyenCommunicationType")
        do { return try TouristObject.decode(json: raw, labels: labels) } catch {
            throw .database("record \(id) no longer decodes: \(error.reason)")
        }
    }

    /// The record's JSON exactly as imported.
    public func rawJSON(id: Int) throws(RecordsError) -> Data? {
        try read { try Data.one($0, "SELECT raw FROM tourist_object_raw WHERE id = ?", [id]) }
    }
}
