import Foundation

/// A decoded record with the bytes it came from: what the cache stores for it.
public struct ImportedRecord: Sendable {
    public var source: String
    /// The cache's columns and the record's JSON, computed where the record is made — an import's
    /// decoding threads — rather than in the one transaction that writes them.
    let row: CachedRow

    public var id: Int { row.id }
    /// The JSON as imported (a copy: the writer binds it in place, `CachedRow.withText`).
    public var raw: Data { row.withText { Data($0.raw) } }

    public init(object: TouristObject, raw: Data, source: String) {
        self.source = source
        row = CachedRow(object, raw: raw)
    }

    /// Decodes a record's JSON for the cache. The whole record is checked as strictly as
    /// `TouristObject.decode` checks it (the same failures), but only the parts the cache's columns
    /// come from are built (`TouristObject.cachedParts`): the rest — descriptions, prices, contacts,
    /// captions — stays in `raw`, read when a record is shown.
    static func decode(raw: ArraySlice<UInt8>, source: String) throws(TouristObject.DecodeFailure) -> ImportedRecord {
        ImportedRecord(source: source, row: CachedRow(try TouristObject.decode(json: raw, keeping: TouristObject.cachedParts), raw: raw))
    }

    private init(source: String, row: CachedRow) { self.source = source; self.row = row }
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
///
/// The record's JSON and its text columns are packed into one buffer, bound from it in place
/// (`withText`): the writer had spent a third of its time retaining, releasing and freeing the
/// fifteen strings and the `Data` a record was made of on the decoding threads; a record is now
/// freed in two calls.
final class CachedRow: Sendable {
    struct Period: Sendable {
        var start: Int
        var end: Int
        var everyYear: Bool
    }

    /// The text columns, in `tourist_object`'s order.
    enum Text: Int {
        case type, ownerName, name
        /// `{"de":"…","fr":"…"}`, keys sorted.
        case names
        case searchNames, communeInsee, communeName
        /// The address's postal code, else its commune's.
        case postalCode
        case thumbnail, created, modified, formatVersion, photo
    }

    let id: Int
    let ownerId: Int?
    let communeApidaeId: Int?
    let latitude: Double?
    let longitude: Double?
    let periods: [Period]
    /// The record's JSON, then the text columns, UTF-8.
    private let utf8: [UInt8]
    private let rawCount: Int
    /// Text column `i` is `utf8[bounds[i]..<bounds[i + 1]]`, NULL when bit `i` of `nulls` is set:
    /// one per case of `Text`, in its order.
    private let bounds: InlineArray<14, Int32>
    private let nulls: UInt16

    init(_ o: TouristObject, raw: some Collection<UInt8>) {
        id = o.id
        ownerId = o.owner?.id
        communeApidaeId = o.address.commune?.apidaeId
        latitude = o.location?.latitude
        longitude = o.location?.longitude
        periods = o.openingPeriods.map { Period(start: $0.start.daysSinceEpoch, end: $0.end.daysSinceEpoch, everyYear: $0.everyYear) }
        let commune = o.address.commune
        let texts: InlineArray<13, String?> = [
            o.type.apidaeCode, o.owner?.name, o.name.text("fr") ?? "#\(o.id)", RecordStore.namesJSON(o.name),
            o.name.distinctTexts.joined(separator: "\n"), commune?.insee, commune?.name,
            o.address.postalCode ?? commune?.postalCode, o.illustrations.first.map { $0.listUrl ?? $0.url },
            o.created.map(ApidaeTimestamp.canonical), o.modified.map(ApidaeTimestamp.canonical), o.formatVersion, o.photoURL,
        ]
        var bytes: [UInt8] = []
        var size = raw.count
        for i in texts.indices { size += texts[i]?.utf8.count ?? 0 }
        bytes.reserveCapacity(size)
        bytes.append(contentsOf: raw)
        rawCount = bytes.count
        var bounds = InlineArray<14, Int32>(repeating: Int32(rawCount))
        var nulls: UInt16 = 0
        for i in texts.indices {
            if let text = texts[i] { bytes.append(contentsOf: text.utf8) } else { nulls |= 1 << i }
            bounds[i + 1] = Int32(bytes.count)
        }
        utf8 = bytes
        self.bounds = bounds
        self.nulls = nulls
    }

    /// Whether a text column is not NULL.
    func has(_ column: Text) -> Bool { nulls & (1 << column.rawValue) == 0 }

    /// A text column, as a string (for what is read once a record; the writer binds `withText`).
    func text(_ column: Text) -> String? {
        withText { columns in columns[column].map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The text columns in place, valid inside `body` only.
    func withText<R>(_ body: (Columns) throws -> R) rethrows -> R {
        try utf8.withUnsafeBufferPointer { buffer in
            try body(Columns(row: self, buffer: buffer))
        }
    }

    struct Columns {
        let row: CachedRow
        let buffer: UnsafeBufferPointer<UInt8>

        /// The record's JSON.
        var raw: UnsafeRawBufferPointer { UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<row.rawCount])) }

        subscript(column: Text) -> UnsafeBufferPointer<UInt8>? {
            guard row.has(column) else { return nil }
            let i = column.rawValue
            return UnsafeBufferPointer(rebasing: buffer[Int(row.bounds[i])..<Int(row.bounds[i + 1])])
        }
    }
}
