import Records

/// What the counter agent typed and ticked.
public struct SearchQuery: Sendable, Hashable {
    /// Words, each a prefix of a word of the name in any language; all must match.
    public var text: String = ""
    /// Apidae types; with `categories`, a record matches if it has any of the listed types.
    public var types: Set<ObjectType> = []
    public var categories: [Category] = []
    public var centre: GeoPoint?
    /// Kilometres around `centre`; without it, `centre` only orders by distance.
    public var radiusKm: Double?
    public var from: CalendarDay?
    public var to: CalendarDay?
    /// The owner member whose records are searched; nil searches all records of the region.
    public var member: Int?
    public var language = "fr"
    public var offset = 0
    public var limit = 20

    public init(text: String = "", types: Set<ObjectType> = [], categories: [Category] = [], centre: GeoPoint? = nil,
                radiusKm: Double? = nil, from: CalendarDay? = nil, to: CalendarDay? = nil, member: Int? = nil,
                language: String = "fr", offset: Int = 0, limit: Int = 20) {
        self.text = text; self.types = types; self.categories = categories; self.centre = centre
        self.radiusKm = radiusKm; self.from = from; self.to = to; self.member = member
        self.language = language; self.offset = offset; self.limit = limit
    }

    /// All types the query accepts, or nil for any.
    var acceptedTypes: Set<ObjectType>? {
        let all = types.union(categories.flatMap(\.types))
        return all.isEmpty ? nil : all
    }

    func validate() throws(SearchError) {
        if let r = radiusKm {
            guard r > 0, r <= 500 else { throw .invalidRadius(r) }
            guard centre != nil else { throw .radiusWithoutCentre }
        }
        if let from, let to, to < from { throw .invalidDateWindow(from: from.description, to: to.description) }
        guard offset >= 0, offset <= 10_000 else { throw .invalidPaging("offset must be between 0 and 10000") }
        guard limit >= 1, limit <= 200 else { throw .invalidPaging("limit must be between 1 and 200") }
    }
}
