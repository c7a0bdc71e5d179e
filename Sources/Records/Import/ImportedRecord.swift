import Foundation

/// A decoded record with the bytes it came from: what the cache stores for it.
public struct ImportedRecord: Sendable {
    public var raw: Data
    public var source: String
    /// The cache's columns, computed where the record is made — an import's decoding threads —
    /// rather than in the one transaction that writes them.
    let row: CachedRow

    public var id: Int { row.id }

    public init(object: TouristObject, raw: Data, source: String) {
        self.raw = raw; self.source = source
        row = CachedRow(object)
    }

    /// Decodes a record's JSON for the cache. The whole record is checked as strictly as
    /// `TouristObject.decode` checks it (the same failures), but only the parts the cache's columns
    /// come from are built (`TouristObject.cachedParts`): the rest — descriptions, prices, contacts,
    /// captions — stays in `raw`, read when a record is shown.
    public static func decode(raw: Data, source: String) throws(TouristObject.DecodeFailure) -> ImportedRecord {
        ImportedRecord(object: try TouristObject.decode(json: raw, keeping: TouristObject.cachedParts), raw: raw, source: source)
    }
}

extension TouristObject {
    /// What `CachedRow` reads of a record, with every member `init(json:)` reads on the way:
    /// id, type, names, owner, dates, address, position, photos' files, opening periods' days.
    static let cachedParts: JSONSelection = .keeping([
        "id": .all, "type": .all, "nom": .all, "formatVersion": .all,
        "gestion": .keeping(["membreProprietaire": .keeping("id", "nom"), "dateCreation": .all, "dateModification": .all]),
        "localisation": .keeping(["adresse": .all, "geolocalisation": .keeping(["geoJson": .keeping("coordinates")])]),
        "imagePrincipale": photoParts, "illustrations": photoParts, "images": photoParts,
        "ouverture": .keeping(["periodesOuvertures": .keeping("dateDebut", "dateFin", "tousLesAns")]),
    ])

    private static let photoParts: JSONSelection = .keeping("type", "traductionFichiers")
}

/// The columns of a record's rows in `tourist_object` and `opening_period`. A class: a batch's
/// records are copied between the decoding threads' slots, the batch and the writer, and a copy
/// is then one reference, not one per column.
final class CachedRow: Sendable {
    struct Period: Sendable {
        var start: Int
        var end: Int
        var everyYear: Bool
    }

    let id: Int
    let type: String
    let ownerId: Int?
    let ownerName: String?
    let name: String
    /// `{"de":"…","fr":"…"}`, keys sorted.
    let names: String
    let searchNames: String
    let commune: CommuneReference?
    let postalCode: String?
    let latitude: Double?
    let longitude: Double?
    let thumbnail: String?
    let created: String?
    let modified: String?
    let formatVersion: String?
    let photo: String?
    let periods: [Period]

    init(_ o: TouristObject) {
        id = o.id
        type = o.type.apidaeCode
        ownerId = o.owner?.id
        ownerName = o.owner?.name
        name = o.name.text("fr") ?? "#\(o.id)"
        names = RecordStore.namesJSON(o.name)
        searchNames = o.name.distinctTexts.joined(separator: "\n")
        commune = o.address.commune
        postalCode = o.address.postalCode
        latitude = o.location?.latitude
        longitude = o.location?.longitude
        thumbnail = o.illustrations.first.map { $0.listUrl ?? $0.url }
        created = o.created.map(ApidaeTimestamp.canonical)
        modified = o.modified.map(ApidaeTimestamp.canonical)
        formatVersion = o.formatVersion
        photo = o.photoURL
        periods = o.openingPeriods.map { Period(start: $0.start.daysSinceEpoch, end: $0.end.daysSinceEpoch, everyYear: $0.everyYear) }
    }
}
