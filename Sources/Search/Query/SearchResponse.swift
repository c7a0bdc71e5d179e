import Records

/// The answer to a search, as the CLI prints it with `--json` and the HTTP API serves it.
public struct SearchResponse: Sendable, Codable, Hashable {
    /// Records matching every filter.
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var results: [SearchHit]
    /// Counts per type for the query without its type/category filter, largest first.
    public var facets: [TypeFacet]
    /// Words that matched nothing and the words used instead (one typo tolerated).
    public var corrections: [Correction]
    public var centre: Centre?
    public var tookMs: Double
}

public struct SearchHit: Sendable, Codable, Hashable {
    public var id: Int
    public var type: String
    public var typeLabel: String
    public var name: String
    public var commune: String?
    public var postalCode: String?
    public var insee: String?
    public var latitude: Double?
    public var longitude: Double?
    /// From the search centre; nil without a centre or a position.
    public var distanceKm: Double?
    /// The position is the commune's, the record has none of its own.
    public var approximateLocation: Bool
    public var popularity: Int
    public var memberId: Int?
    public var memberName: String?
    public var thumbnailURL: String?
    /// An event's dates in words (meeting the window searched), filled by the desk.
    public var dates: String? = nil
    /// The name is the French one: the record has none in the language asked.
    public var frenchFallback: Bool? = nil
}

public struct TypeFacet: Sendable, Codable, Hashable {
    public var type: String
    public var label: String
    public var count: Int
}

public struct Correction: Sendable, Codable, Hashable {
    public var typed: String
    public var used: [String]
}

public struct Centre: Sendable, Codable, Hashable {
    public var label: String
    public var latitude: Double
    public var longitude: Double
    public var radiusKm: Double?
}
