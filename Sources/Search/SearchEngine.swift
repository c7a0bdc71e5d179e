import Foundation
import Records

/// Search over the record cache: the in-memory index for matching and ranking, the cache for the
/// names, communes and photos of the page of results.
public final class SearchEngine: Sendable {
    public let store: RecordStore
    /// The index built from the whole cache and the changes applied since.
    public let generation: IndexGeneration
    public let communes: CommuneDirectory
    /// The pages of results' names and communes, kept while this engine serves.
    let summaries = SummaryCache()

    public convenience init(store: RecordStore) throws(SearchError) {
        try self.init(store: store, index: try SearchIndex(store: store))
    }

    /// Over an index already built (read from its snapshot).
    public convenience init(store: RecordStore, index: SearchIndex) throws(SearchError) {
        let communes: CommuneDirectory
        do { communes = CommuneDirectory(try store.allCommunes()) } catch { throw .wrapping(error) }
        self.init(store: store, generation: IndexGeneration(base: index), communes: communes)
    }

    init(store: RecordStore, generation: IndexGeneration, communes: CommuneDirectory) {
        self.store = store
        self.generation = generation
        self.communes = communes
    }

    /// The index built from the whole cache (changes since are in `generation`).
    public var index: SearchIndex { generation.base }

    /// Records searched.
    public var recordCount: Int { generation.count }

    /// The same engine with the records of `ids` as the cache has them now (changed, added or
    /// removed): the index of changes is made again, the built index kept. The gazetteer is not
    /// read again (a change to it changes every record: the index is built again whole).
    public func applying(_ ids: [Int]) throws(SearchError) -> SearchEngine {
        SearchEngine(store: store, generation: try generation.applying(ids, from: store), communes: communes)
    }

    /// A search centre from what the agent typed: "lat,lon", an INSEE code, a postal code or a
    /// commune name.
    public func resolvePlace(_ text: String) throws(SearchError) -> Centre {
        if let point = GeoPoint(parsing: text) {
            return Centre(label: text, latitude: point.latitude, longitude: point.longitude)
        }
        guard let commune = communes.search(text, limit: 5).first(where: { $0.location != nil }), let p = commune.location else {
            throw .unknownPlace(text)
        }
        return Centre(label: "\(commune.name) (\(commune.postalCode))", latitude: p.latitude, longitude: p.longitude)
    }

    public func search(_ query: SearchQuery, centre: Centre? = nil) throws(SearchError) -> SearchResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        var query = query
        if let centre { query.centre = GeoPoint(latitude: centre.latitude, longitude: centre.longitude) }
        try query.validate()
        let found = generation.execute(query)
        let hits = try hits(found.page, language: query.language)
        var centreEcho = centre
        centreEcho?.radiusKm = query.radiusKm
        if centreEcho == nil, let c = query.centre {
            centreEcho = Centre(label: "\(c.latitude),\(c.longitude)", latitude: c.latitude, longitude: c.longitude, radiusKm: query.radiusKm)
        }
        let took = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        return SearchResponse(total: found.total, offset: query.offset, limit: query.limit, results: hits,
                              facets: found.facets.map { TypeFacet(type: $0.type.apidaeCode, label: $0.type.labelFr, count: $0.count) },
                              corrections: found.corrections, centre: centreEcho, tookMs: (took * 1000).rounded() / 1000)
    }

    /// The opening periods of `ids` as the cache keeps them (one query, no record decoded): the
    /// dates an event's result shows.
    public func openingPeriods(of ids: [Int]) throws(SearchError) -> [Int: [OpeningPeriod]] {
        do { return try store.openingPeriods(ids: ids) } catch { throw .wrapping(error) }
    }

    /// The results `search` would give, without counting every match or the facets: what the
    /// agent sees while typing.
    public func suggest(_ query: SearchQuery) throws(SearchError) -> [SearchHit] {
        try query.validate()
        return try hits(generation.suggest(query), language: query.language)
    }

    /// A page of the index, with names, communes and photos from the cache.
    private func hits(_ page: [Found], language: String) throws(SearchError) -> [SearchHit] {
        let summaries: [RecordSummary]
        do {
            summaries = try self.summaries.summaries(ids: page.map(\.id), language: language) { (missing) throws(RecordsError) in
                try store.summaries(ids: missing, language: language)
            }
        } catch { throw .wrapping(error) }
        let byId = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) })
        return page.compactMap { entry -> SearchHit? in
            guard let s = byId[entry.id] else { return nil }
            let type = ObjectType(apidae: s.type)
            let lat = entry.latitude, lon = entry.longitude
            return SearchHit(id: s.id, type: s.type, typeLabel: type.labelFr, name: s.name, commune: s.communeName,
                             postalCode: s.postalCode, insee: s.insee, latitude: lat.isNaN ? nil : lat,
                             longitude: lon.isNaN ? nil : lon, distanceKm: entry.distanceKm.map { ($0 * 100).rounded() / 100 },
                             approximateLocation: s.latitude == nil && !lat.isNaN, popularity: s.popularity,
                             memberId: s.memberId, memberName: s.memberName, thumbnailURL: s.thumbnailURL,
                             frenchFallback: s.frenchFallback == true ? true : nil)
        }
    }

    /// The ids the index would return for `query`, all of them, in rank order (tests and benchmarks).
    public func matchingIds(_ query: SearchQuery) throws(SearchError) -> [Int] {
        var q = query
        q.offset = 0
        q.limit = max(1, generation.count)
        try? q.validate()
        return generation.execute(q).page.map(\.id)
    }
}
