import Foundation
import GRDB
import Storage

/// A record as a tablet keeps it for suggestions and a basket without network: what an agent
/// reads out at a stand, no photo, no description.
public struct CompactRecord: Sendable, Codable, Hashable {
    public var id: Int
    public var type: String
    public var typeLabel: String
    public var name: String
    public var commune: String?
    public var postalCode: String?
    public var phone: String?
    public var email: String?
    public var website: String?
}

extension RecordStore {
    /// The records an Apidae member owns (an office's own), by name, at most `limit` — the first
    /// phone, e-mail and website of each read from its JSON.
    public func memberRecords(_ member: Int, limit: Int) throws(RecordsError) -> [CompactRecord] {
        try read { db in
            let rows = try SQLRow.all(db, """
                SELECT o.id, o.type, o.name, o.commune_name, o.postal_code, r.raw
                FROM tourist_object o LEFT JOIN tourist_object_raw r ON r.id = o.id
                WHERE o.member_id = ? ORDER BY lower(o.name), o.id LIMIT ?
                """, [member, limit])
            var records: [CompactRecord] = []
            for row in rows {
                let type: String = row[1]
                var record = CompactRecord(id: row[0], type: type, typeLabel: ObjectType(apidae: type).labelFr, name: row[2],
                                           commune: row[3], postalCode: row[4])
                if let raw: Data = row[5] { Self.fillContacts(&record, from: raw) }
                records.append(record)
            }
            return records
        }
    }

    /// The first of each kind of `informations.moyensCommunication`; a record whose JSON no longer
    /// parses keeps its name and commune.
    private static func fillContacts(_ record: inout CompactRecord, from raw: Data) {
        guard let json = try? JSONParser.parse(Array(raw)),
              let means = json["informations"]?["moyensCommunication"]?.array else { return }
        for mean in means {
            guard let found = ApidaeJSON.communication(mean, [:]) else { continue }
            switch found.kind {
            case .phone, .mobile: if record.phone == nil { record.phone = found.value }
            case .email: if record.email == nil { record.email = found.value }
            case .website: if record.website == nil { record.website = found.value }
            default: break
            }
        }
    }
}
