/// The Apidae tourist object types (`type` of an object). Unknown types are kept as they are.
public enum ObjectType: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    case activite, commerceEtService, degustation, domaineSkiable, equipement, feteEtManifestation
    case hebergementCollectif, hebergementLocatif, hotellerie, hotelleriePleinAir
    case patrimoineCulturel, patrimoineNaturel, restauration, sejourPackage, structure, territoire
    case other(String)

    public static let known: [ObjectType] = [
        .activite, .commerceEtService, .degustation, .domaineSkiable, .equipement, .feteEtManifestation,
        .hebergementCollectif, .hebergementLocatif, .hotellerie, .hotelleriePleinAir,
        .patrimoineCulturel, .patrimoineNaturel, .restauration, .sejourPackage, .structure, .territoire,
    ]

    public init(apidae code: String) {
        self = Self.known.first { $0.apidaeCode == code } ?? .other(code)
    }

    public var apidaeCode: String {
        switch self {
        case .activite: "ACTIVITE"
        case .commerceEtService: "COMMERCE_ET_SERVICE"
        case .degustation: "DEGUSTATION"
        case .domaineSkiable: "DOMAINE_SKIABLE"
        case .equipement: "EQUIPEMENT"
        case .feteEtManifestation: "FETE_ET_MANIFESTATION"
        case .hebergementCollectif: "HEBERGEMENT_COLLECTIF"
        case .hebergementLocatif: "HEBERGEMENT_LOCATIF"
        case .hotellerie: "HOTELLERIE"
        case .hotelleriePleinAir: "HOTELLERIE_PLEIN_AIR"
        case .patrimoineCulturel: "PATRIMOINE_CULTUREL"
        case .patrimoineNaturel: "PATRIMOINE_NATUREL"
        case .restauration: "RESTAURATION"
        case .sejourPackage: "SEJOUR_PACKAGE"
        case .structure: "STRUCTURE"
        case .territoire: "TERRITOIRE"
        case .other(let code): code
        }
    }

    /// The French label counter staff know.
    public var labelFr: String {
        switch self {
        case .activite: "Activité"
        case .commerceEtService: "Commerce et service"
        case .degustation: "Dégustation"
        case .domaineSkiable: "Domaine skiable"
        case .equipement: "Équipement"
        case .feteEtManifestation: "Fête et manifestation"
        case .hebergementCollectif: "Hébergement collectif"
        case .hebergementLocatif: "Hébergement locatif"
        case .hotellerie: "Hôtellerie"
        case .hotelleriePleinAir: "Hôtellerie de plein air"
        case .patrimoineCulturel: "Patrimoine culturel"
        case .patrimoineNaturel: "Patrimoine naturel"
        case .restauration: "Restauration"
        case .sejourPackage: "Séjour packagé"
        case .structure: "Structure"
        case .territoire: "Territoire"
        case .other(let code): code
        }
    }

    /// The English label (the desk's second language).
    public var labelEn: String {
        switch self {
        case .activite: "Activity"
        case .commerceEtService: "Shop and service"
        case .degustation: "Tasting"
        case .domaineSkiable: "Ski area"
        case .equipement: "Facility"
        case .feteEtManifestation: "Event"
        case .hebergementCollectif: "Group accommodation"
        case .hebergementLocatif: "Holiday rental"
        case .hotellerie: "Hotel"
        case .hotelleriePleinAir: "Campsite"
        case .patrimoineCulturel: "Cultural heritage"
        case .patrimoineNaturel: "Natural heritage"
        case .restauration: "Restaurant"
        case .sejourPackage: "Package holiday"
        case .structure: "Organisation"
        case .territoire: "Area"
        case .other(let code): code
        }
    }

    /// The label in `language`: French for "fr", English otherwise (the types have no other wording yet).
    public func label(_ language: String) -> String { language == "fr" ? labelFr : labelEn }

    public var isEvent: Bool { self == .feteEtManifestation }
    public var description: String { apidaeCode }
    public static func < (a: ObjectType, b: ObjectType) -> Bool { a.apidaeCode < b.apidaeCode }

    public init(from decoder: Decoder) throws {
        self.init(apidae: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(apidaeCode)
    }
}
