/// The regional categories of the Avizi FAQ, each mapped onto Apidae types. A parent category
/// (`hebergements`) covers all its children's types.
public struct Category: Sendable, Hashable, Codable {
    public var slug: String
    public var label: String
    public var types: [ObjectType]

    /// The label in `language`: French for "fr", English otherwise.
    public func label(_ language: String) -> String {
        guard language != "fr" else { return label }
        return Self.english[slug] ?? label
    }

    static let english = [
        "hebergements": "Accommodation", "hebergements.collectif": "Group accommodation", "hebergements.locatif": "Holiday rentals",
        "hebergements.hotellerie": "Hotels", "hebergements.plein-air": "Campsites", "manifestations": "Events",
        "activites-loisirs": "Activities and leisure", "patrimoine": "Heritage", "patrimoine.culturel": "Cultural heritage",
        "patrimoine.naturel": "Natural heritage", "gastronomie": "Food and drink", "gastronomie.producteurs": "Producers",
        "gastronomie.restauration": "Restaurants", "services": "Practical services",
    ]

    public static let all: [Category] = [
        Category(slug: "hebergements", label: "Hébergements",
                 types: [.hebergementCollectif, .hebergementLocatif, .hotellerie, .hotelleriePleinAir]),
        Category(slug: "hebergements.collectif", label: "Hébergements collectifs", types: [.hebergementCollectif]),
        Category(slug: "hebergements.locatif", label: "Hébergements locatifs", types: [.hebergementLocatif]),
        Category(slug: "hebergements.hotellerie", label: "Hôtellerie", types: [.hotellerie]),
        Category(slug: "hebergements.plein-air", label: "Hôtellerie de plein air", types: [.hotelleriePleinAir]),
        Category(slug: "manifestations", label: "Manifestations", types: [.feteEtManifestation]),
        Category(slug: "activites-loisirs", label: "Activités et loisirs",
                 types: [.activite, .equipement, .sejourPackage, .domaineSkiable]),
        Category(slug: "patrimoine", label: "Patrimoine", types: [.patrimoineCulturel, .patrimoineNaturel]),
        Category(slug: "patrimoine.culturel", label: "Patrimoine culturel", types: [.patrimoineCulturel]),
        Category(slug: "patrimoine.naturel", label: "Patrimoine naturel", types: [.patrimoineNaturel]),
        Category(slug: "gastronomie", label: "Gastronomie", types: [.degustation, .restauration]),
        Category(slug: "gastronomie.producteurs", label: "Producteurs", types: [.degustation]),
        Category(slug: "gastronomie.restauration", label: "Restauration", types: [.restauration]),
        Category(slug: "services", label: "Services pratiques", types: [.commerceEtService, .structure]),
    ]

    /// The top-level category (no "." in its slug) a type belongs to, for grouping records.
    public static func group(of type: ObjectType) -> Category? {
        all.first { !$0.slug.contains(".") && $0.types.contains(type) }
    }

    /// By slug, or by label with accents and case ignored ("Hébergements" or "hebergements").
    public static func named(_ name: String) -> Category? {
        let folded = TextFolding.tokens(name).joined(separator: "-")
        return all.first { $0.slug == name.lowercased() || TextFolding.tokens($0.label).joined(separator: "-") == folded }
    }
}
