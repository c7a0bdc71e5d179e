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

    /// The fixed themes and their first sub-themes, seeded by the migration.
    static let regional: [Theme] = [
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
}

/// One of an office's own qualification criteria ("Qualif+"): a name and, optionally, the values
/// allowed (any text when empty).
public struct Criterion: Sendable, Hashable, Codable {
    public var name: String
    public var choices: [String]
    public init(name: String, choices: [String] = []) { self.name = name; self.choices = choices }
}
