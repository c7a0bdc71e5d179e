import Foundation

/// One Apidae tourist object (objet touristique), as the counter needs it.
///
/// Built from the raw JSON of an API answer or an export file, format v001 or v002. The raw JSON
/// itself is kept in the cache next to this model: later modules read fields this model does not name.
public struct TouristObject: Sendable, Hashable {
    public var id: Int
    public var type: ObjectType
    public var name: LocalizedText
    public var shortDescription: LocalizedText
    public var longDescription: LocalizedText
    public var owner: Member?
    public var address: Address
    /// Absent for some objects (4 of 128 in the public sample).
    public var location: GeoPoint?
    public var communications: [CommunicationMean]
    public var illustrations: [Illustration]
    public var openingText: LocalizedText
    public var openingPeriods: [OpeningPeriod]
    public var priceText: LocalizedText
    public var pricePeriods: [PricePeriod]
    public var isFree: Bool?
    public var created: Date?
    public var modified: Date?
    public var formatVersion: String?

    public init(
        id: Int, type: ObjectType, name: LocalizedText, shortDescription: LocalizedText = .init(),
        longDescription: LocalizedText = .init(), owner: Member? = nil, address: Address = .init(),
        location: GeoPoint? = nil, communications: [CommunicationMean] = [], illustrations: [Illustration] = [],
        openingText: LocalizedText = .init(), openingPeriods: [OpeningPeriod] = [], priceText: LocalizedText = .init(),
        pricePeriods: [PricePeriod] = [], isFree: Bool? = nil, created: Date? = nil, modified: Date? = nil,
        formatVersion: String? = nil
    ) {
        self.id = id; self.type = type; self.name = name; self.shortDescription = shortDescription
        self.longDescription = longDescription; self.owner = owner; self.address = address
        self.location = location; self.communications = communications; self.illustrations = illustrations
        self.openingText = openingText; self.openingPeriods = openingPeriods; self.priceText = priceText
        self.pricePeriods = pricePeriods; self.isFree = isFree; self.created = created
        self.modified = modified; self.formatVersion = formatVersion
    }

    /// The name in `language`, French fallback.
    public func name(_ language: String) -> String { name.text(language) ?? "#\(id)" }

    /// The photo a brochure prints for the record: its first illustration, at the sheet's size.
    /// Fetched ahead of time after a sync, and removed from the photo cache with the record.
    public var photoURL: String? { illustrations.first.map { $0.sheetUrl ?? $0.url } }

    /// The first communication mean of a kind ("the phone", "the website").
    public func first(_ kind: CommunicationMean.Kind) -> String? {
        communications.first { $0.kind == kind }?.value
    }
}

/// The Apidae member (office, federation…) that owns and maintains an object.
public struct Member: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String?
    public init(id: Int, name: String?) { self.id = id; self.name = name }
}

public struct Address: Sendable, Hashable {
    /// adresse1, adresse2, adresse3 in order, empty lines removed.
    public var lines: [String]
    public var postalCode: String?
    public var commune: CommuneReference?
    public init(lines: [String] = [], postalCode: String? = nil, commune: CommuneReference? = nil) {
        self.lines = lines; self.postalCode = postalCode; self.commune = commune
    }
}

/// A commune as an object names it: inline (INSEE code, name, postal code) in API answers, or
/// only Apidae's own commune id in raw export files (resolved through `communes.json`).
public struct CommuneReference: Sendable, Hashable {
    public var apidaeId: Int?
    public var insee: String?
    public var name: String?
    public var postalCode: String?
    public init(apidaeId: Int? = nil, insee: String? = nil, name: String? = nil, postalCode: String? = nil) {
        self.apidaeId = apidaeId; self.insee = insee; self.name = name; self.postalCode = postalCode
    }
}

/// A phone number, e-mail, website… (`informations.moyensCommunication`).
public struct CommunicationMean: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case phone, fax, email, website, facebook, mobile, other
    }
    public var kind: Kind
    /// The Apidae `MoyenCommunicationType` id (201 Téléphone, 204 Mél, 205 Site web…).
    public var typeId: Int?
    /// The label given inline or found in `elements_reference.json`.
    public var label: String?
    public var value: String

    public init(typeId: Int?, label: String?, value: String) {
        self.typeId = typeId
        self.label = label ?? typeId.flatMap { Self.builtInLabels[$0] }
        self.value = value
        self.kind = typeId.flatMap { Self.kinds[$0] } ?? .other
    }

    /// The Apidae reference ids of communication types; stable across exports.
    static let kinds: [Int: Kind] = [
        201: .phone, 202: .fax, 204: .email, 205: .website, 207: .facebook, 206: .other, 3789: .other,
    ]
    static let builtInLabels: [Int: String] = [
        201: "Téléphone", 202: "Fax", 204: "Mél", 205: "Site web (URL)", 206: "Plateforme de réservation",
        207: "Page facebook", 3789: "Twitter",
    ]
}

/// A photo of the object with its file variants.
public struct Illustration: Sendable, Hashable {
    public var url: String
    /// The smaller "liste" variant, for thumbnails.
    public var listUrl: String?
    /// The "fiche" variant, for sheets and brochures.
    public var sheetUrl: String?
    public var width: Int?
    public var height: Int?
    public var byteSize: Int?
    public var caption: LocalizedText
    public var copyright: LocalizedText
    public init(url: String, listUrl: String? = nil, sheetUrl: String? = nil, width: Int? = nil, height: Int? = nil,
                byteSize: Int? = nil, caption: LocalizedText = .init(), copyright: LocalizedText = .init()) {
        self.url = url; self.listUrl = listUrl; self.sheetUrl = sheetUrl; self.width = width
        self.height = height; self.byteSize = byteSize; self.caption = caption; self.copyright = copyright
    }
}

/// A structured opening period (`ouverture.periodesOuvertures`), or an event's dates.
public struct OpeningPeriod: Sendable, Hashable {
    public var start: CalendarDay
    public var end: CalendarDay
    /// `tousLesAns`: the period recurs every year on the same days.
    public var everyYear: Bool
    public var kind: String?
    public var hours: LocalizedText
    public init(start: CalendarDay, end: CalendarDay, everyYear: Bool = false, kind: String? = nil,
                hours: LocalizedText = .init()) {
        self.start = start; self.end = end; self.everyYear = everyYear; self.kind = kind; self.hours = hours
    }
}

/// Prices for a period (`descriptionTarif.periodes`).
public struct PricePeriod: Sendable, Hashable {
    public var start: CalendarDay?
    public var end: CalendarDay?
    public var prices: [Price]
    public init(start: CalendarDay?, end: CalendarDay?, prices: [Price]) {
        self.start = start; self.end = end; self.prices = prices
    }
}

public struct Price: Sendable, Hashable {
    public var minimum: Double?
    public var maximum: Double?
    public var currency: String?
    /// The Apidae `TarifType` id and its label when given inline.
    public var typeId: Int?
    public var typeLabel: String?
    public var precision: LocalizedText
    public init(minimum: Double?, maximum: Double?, currency: String?, typeId: Int?, typeLabel: String?,
                precision: LocalizedText) {
        self.minimum = minimum; self.maximum = maximum; self.currency = currency; self.typeId = typeId
        self.typeLabel = typeLabel; self.precision = precision
    }
}
