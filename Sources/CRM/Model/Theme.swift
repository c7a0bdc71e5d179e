/// The regional list of request themes (Avizi): fixed themes, sub-themes the regional admin edits.
/// A request names them as "theme" or "theme/sub-theme" by key.
public struct Theme: Sendable, Hashable, Codable {
    public var key: String
    public var label: String
    public var subThemes: [SubTheme]

    public struct SubTheme: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
        public init(key: String, label: String) { self.key = key; self.label = label }
    }

    public init(key: String, label: String, subThemes: [SubTheme] = []) { self.key = key; self.label = label; self.subThemes = subThemes }

    /// The regional list (Avizi, `000_…`): fixed themes and their first sub-themes, which the
    /// regional admin may extend. Seeded by crm-14.
    /// The regional list's labels in English ("theme" or "theme/sub-theme" keys); a sub-theme the
    /// regional admin added has none and keeps its own.
    public static let english: [String: String] = [
        "hebergements": "Accommodation", "hebergements/collectif": "Group accommodation", "hebergements/locatif": "Holiday rentals",
        "hebergements/hotellerie": "Hotels", "hebergements/plein-air": "Campsites", "manifestations": "Events",
        "activites": "Activities and leisure", "activites/sportives": "Sports", "activites/bien-etre": "Well-being",
        "patrimoine": "Heritage", "patrimoine/culturel": "Cultural heritage", "patrimoine/naturel": "Natural heritage",
        "gastronomie": "Food and drink", "gastronomie/producteurs": "Producers", "gastronomie/restauration": "Restaurants",
        "services": "Practical services", "demande-specifique": "Specific request", "demande-specifique/affaires": "Business tourism",
        "demande-specifique/handicap": "Accessible tourism",
    ]

    public static let regional: [Theme] = [
        Theme(key: "hebergements", label: "Hébergements", subThemes: [
            .init(key: "collectif", label: "Hébergement collectif"), .init(key: "locatif", label: "Hébergement locatif"),
            .init(key: "hotellerie", label: "Hôtellerie"), .init(key: "plein-air", label: "Hôtellerie de plein air")]),
        Theme(key: "manifestations", label: "Manifestations"),
        Theme(key: "activites", label: "Activités et loisirs", subThemes: [
            .init(key: "sportives", label: "Activités sportives"), .init(key: "bien-etre", label: "Bien-être")]),
        Theme(key: "patrimoine", label: "Patrimoine", subThemes: [
            .init(key: "culturel", label: "Patrimoine culturel"), .init(key: "naturel", label: "Patrimoine naturel")]),
        Theme(key: "gastronomie", label: "Gastronomie", subThemes: [
            .init(key: "producteurs", label: "Producteurs"), .init(key: "restauration", label: "Restauration")]),
        Theme(key: "services", label: "Services pratiques"),
        Theme(key: "demande-specifique", label: "Demande spécifique", subThemes: [
            .init(key: "affaires", label: "Tourisme d'affaires"), .init(key: "handicap", label: "Tourisme et handicap")]),
    ]

    /// The first list Guichet shipped (seeded by crm-4, replaced by crm-14), kept for that migration.
    static let firstRegionalList: [Theme] = [
        Theme(key: "nature", label: "Nature et paysages", subThemes: [.init(key: "randonnee", label: "Randonnée"),
                                                                      .init(key: "lacs", label: "Lacs et rivières"), .init(key: "montagne", label: "Montagne")]),
        Theme(key: "patrimoine", label: "Patrimoine et culture", subThemes: [.init(key: "musees", label: "Musées"), .init(key: "chateaux", label: "Châteaux")]),
        Theme(key: "hebergement", label: "Hébergement", subThemes: [.init(key: "camping", label: "Campings"), .init(key: "gites", label: "Gîtes et meublés"),
                                                                    .init(key: "hotels", label: "Hôtels")]),
        Theme(key: "restauration", label: "Restauration et terroir"),
        Theme(key: "evenements", label: "Fêtes et manifestations"),
        Theme(key: "sports", label: "Sports et activités", subThemes: [.init(key: "velo", label: "Vélo"), .init(key: "ski", label: "Ski")]),
        Theme(key: "famille", label: "Loisirs en famille"),
        Theme(key: "bien-etre", label: "Bien-être"),
        Theme(key: "transports", label: "Transports et accès"),
        Theme(key: "commerces", label: "Commerces et marchés"),
        Theme(key: "pratique", label: "Informations pratiques"),
    ]

    /// Where each key of the first list goes in the regional one ("theme" or "theme/sub-theme").
    static let firstListMoves: [String: String] = [
        "nature": "patrimoine/naturel", "nature/randonnee": "activites/sportives", "nature/lacs": "patrimoine/naturel",
        "nature/montagne": "patrimoine/naturel", "patrimoine": "patrimoine", "patrimoine/musees": "patrimoine/culturel",
        "patrimoine/chateaux": "patrimoine/culturel", "hebergement": "hebergements", "hebergement/camping": "hebergements/plein-air",
        "hebergement/gites": "hebergements/locatif", "hebergement/hotels": "hebergements/hotellerie", "restauration": "gastronomie/restauration",
        "evenements": "manifestations", "sports": "activites/sportives", "sports/velo": "activites/sportives", "sports/ski": "activites/sportives",
        "famille": "activites", "bien-etre": "activites/bien-etre", "transports": "services", "commerces": "services", "pratique": "services",
    ]

    /// A key of the first list in the regional one; a sub-theme the regional admin had added stays
    /// a sub-theme, under its theme's new place.
    static func moved(_ key: String) -> String {
        if let moved = firstListMoves[key] { return moved }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let parent = firstListMoves[parts[0]] else { return key }
        return String(parent.split(separator: "/").first ?? "") + "/" + parts[1]
    }
}

/// One of an office's own qualification criteria ("Qualif+"): a name and, optionally, the values
/// allowed (any text when empty).
public struct Criterion: Sendable, Hashable, Codable {
    public var name: String
    public var choices: [String]
    public init(name: String, choices: [String] = []) { self.name = name; self.choices = choices }
}
