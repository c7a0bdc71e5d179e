import Foundation
import Records

/// One entry of a page: the document, its distance from the centre, and the ranking key it was
/// placed by (higher first; ties by name order).
struct PageEntry {
    var ordinal: UInt32
    var distanceKm: Double?
    var key: UInt64
}

/// What an index answers before names are fetched from the cache: the total, the requested page
/// (entries of the built index, or records found in a generation), the facets, the corrections.
struct QueryAnswer<Entry> {
    var total = 0
    var page: [Entry] = []
    var facets: [(type: ObjectType, count: Int)] = []
    var corrections: [Correction] = []
}

/// What one built index answers.
typealias IndexResult = QueryAnswer<PageEntry>

extension SearchIndex {
    /// Runs a validated query: text, then filters, ranking, facets and the requested page.
    /// Ranking: name starting with the first word, then every word matched whole, then popularity,
    /// then distance from the centre, then name order.
    /// - Parameters:
    ///   - allowRanked: use the precomputed rank-ordered lists where they apply (tests turn it off
    ///     to compare with the full scan).
    ///   - excluded: documents left out (their records changed since the index was built).
    ///   - correctTypos: when nothing matches, try the words within one typo of long query words
    ///     (an `IndexGeneration` decides that over all its parts instead).
    func execute(_ q: SearchQuery, allowRanked: Bool = true, excluded: Exclusion? = nil, correctTypos: Bool = true) -> IndexResult {
        let words = Self.queryWords(q.text)
        var result: IndexResult
        if allowRanked, let ranked = rankedPage(q, words, excluded: excluded) {
            result = ranked
        } else {
            var matches = self.matches(words)
            result = scan(q, &matches, excluded: excluded)
        }
        if correctTypos, result.total == 0, words.contains(where: { $0.count >= 5 }) {
            var replacing: [Int: [Int]] = [:]
            var corrections: [Correction] = []
            for (i, candidates) in typoWords(words, excluded: excluded).enumerated() {
                guard let candidates, !candidates.isEmpty else { continue }
                replacing[i] = candidates
                corrections.append(Correction(typed: String(decoding: words[i], as: UTF8.self),
                                              used: Self.shownCorrections(candidates.map { String(decoding: tokens.word($0), as: UTF8.self) })))
            }
            if !corrections.isEmpty {
                result = correctedScan(q, words, replacing: replacing, excluded: excluded)
                if result.total > 0 { result.corrections = corrections }
            }
        }
        return result
    }

    /// What each query word matches; the last word being typed as an abbreviation ("st") also
    /// matches what it stands for ("saint").
    func matches(_ words: [[UInt8]]) -> [WordMatch] {
        var matches = words.map { match(prefix: $0) }
        if let last = words.last, case let typed = String(decoding: last, as: UTF8.self),
           case let expanded = TextFolding.expandAbbreviation(typed), expanded != typed {
            let both = Array(tokens.range(prefix: last)) + Array(tokens.range(prefix: Array(expanded.utf8)))
            matches[matches.count - 1] = union(of: both, exactWord: Array(expanded.utf8))
        }
        return matches
    }

    /// For each query word of five letters or more, the words of the table within one typo of it
    /// that some document still holds (nil for shorter words).
    func typoWords(_ words: [[UInt8]], excluded: Exclusion?) -> [[Int]?] {
        words.map { word in
            guard word.count >= 5 else { return nil }
            let candidates = typoCandidates(word)
            guard let excluded else { return candidates }
            return candidates.filter { i in tokens.postings(ofWord: i).contains { !excluded.contains($0 >> 2) } }
        }
    }

    /// The scan again with the words of `replacing` (query word → words of the table) instead of
    /// what was typed.
    func correctedScan(_ q: SearchQuery, _ words: [[UInt8]], replacing: [Int: [Int]], excluded: Exclusion?) -> IndexResult {
        var matches = self.matches(words)
        for (i, candidates) in replacing { matches[i] = union(of: candidates, exactWord: nil) }
        return scan(q, &matches, excluded: excluded)
    }

    /// The corrections shown for a word: the shortest candidates first, five at most.
    static func shownCorrections(_ words: some Sequence<String>) -> [String] {
        Array(Set(words).sorted { ($0.count, $0) < ($1.count, $1) }.prefix(5))
    }

    /// Folded query words; the last one, still being typed, is not expanded ("st" stays "st").
    static func queryWords(_ text: String) -> [[UInt8]] {
        var words = TextFolding.tokens(text)
        if let last = text.last, last.isLetter || last.isNumber, !words.isEmpty,
           let typed = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last {
            let folded = TextFolding.tokens(String(typed))
            if folded.count == 1, folded[0] != TextFolding.fold(String(typed)) {
                words[words.count - 1] = TextFolding.fold(String(typed))
            }
        }
        return words.map { Array($0.utf8) }
    }

    /// One word of one or two letters, no owner, place or date filter: the page is the front of
    /// the prefix's rank-ordered postings, the counts are precomputed. Nil when that does not apply.
    func rankedPage(_ q: SearchQuery, _ words: [[UInt8]], excluded: Exclusion? = nil) -> IndexResult? {
        guard words.count == 1, words[0].count <= TokenTable.maxShortPrefix, q.member == nil, q.centre == nil,
              q.from == nil, q.to == nil, TextFolding.expandAbbreviation(String(decoding: words[0], as: UTF8.self)) == String(decoding: words[0], as: UTF8.self)
        else { return nil }
        let key = TokenTable.key(words[0])
        guard let ranked = tokens.ranked(key) else { return IndexResult() }
        let accepted = acceptedTypeCodes(q)
        var counts = ranked.countsByType
        if let gone = excluded?.shortPrefixCounts[key] {
            for code in counts.indices { counts[code] -= gone[code] }
        }
        var result = IndexResult()
        result.total = counts.enumerated().reduce(0) { $0 + (accepted[$1.offset] ? $1.element : 0) }
        result.facets = Self.facets(counts, types)
        var seen = 0
        for p in ranked.postings where accepted[Int(typeCodes[Int(p >> 2)])] {
            if let excluded, excluded.contains(p >> 2) { continue }
            if seen >= q.offset {
                let rank = UInt64(TokenTable.quality(p)) << 62 | TokenTable.rankPopularity(popularity[Int(p >> 2)]) << 32
                result.page.append(PageEntry(ordinal: p >> 2, distanceKm: nil, key: rank | 0xFFFF_FFFF))
            }
            seen += 1
            if seen >= q.offset + q.limit { break }
        }
        return result
    }

    /// Counts per type code → the facets shown: types found, largest count first.
    static func facets(_ counts: [Int], _ types: [ObjectType]) -> [(type: ObjectType, count: Int)] {
        counts.enumerated().filter { $0.element > 0 }.map { (types[$0.offset], $0.element) }
            .sorted { ($0.count, $1.type.apidaeCode) > ($1.count, $0.type.apidaeCode) }
    }

    /// Type code → whether the query accepts that type.
    func acceptedTypeCodes(_ q: SearchQuery) -> [Bool] {
        var accepted = [Bool](repeating: q.acceptedTypes == nil, count: types.count)
        if let set = q.acceptedTypes { for (code, t) in types.enumerated() where set.contains(t) { accepted[code] = true } }
        return accepted
    }

    /// The type code of events (open on their dates only), if the index has any.
    var eventCode: UInt8? { types.firstIndex(of: .feteEtManifestation).map(UInt8.init) }

    func scan(_ q: SearchQuery, _ matches: inout [WordMatch], excluded: Exclusion? = nil) -> IndexResult {
        var pass = ScanPass(index: self, query: q, matches: matches, excluded: excluded)
        let textDriver = matches.indices.min { matches[$0].estimatedCount < matches[$1].estimatedCount }
        let cells = pass.box.map { grid.lists(in: $0, centre: q.centre!, radiusKm: q.radiusKm!) }
        let inBox = cells.map { $0.inner.reduce(0) { $0 + $1.ordinals.count } + $0.border.reduce(0) { $0 + $1.ordinals.count } }
        if let cells, let inBox, textDriver.map({ inBox < matches[$0].estimatedCount }) ?? true {
            // The circle holds fewer records than the text matches: walk it, check the words.
            let inside = SpatialGrid.inside(cells, centre: q.centre!, radiusKm: q.radiusKm!, latitudes: latitudes.buffer,
                                            longitudes: longitudes.buffer, count: count)
            inside.forEach { o in pass.consider(o, 0, driver: -1, insideCircle: true) }
        } else if let driver = textDriver {
            let source = matches[driver]
            if source.bitmaps == nil {
                let extra = source.extraFlags
                for p in source.list { pass.consider(p >> 2, p & 3 | extra, driver: driver) }
            } else {
                source.forEach { o, flags in pass.consider(o, flags, driver: driver) }
            }
        } else {
            for o in 0..<UInt32(count) { pass.consider(o, 0, driver: -1) }
        }
        var result = IndexResult()
        result.total = pass.total
        result.facets = Self.facets(pass.facets, types)
        result.page = pass.top.sorted.dropFirst(q.offset).map { entry in
            let d = Int(entry.ordinal)
            let distance = q.centre.flatMap { c in
                latitudes[d].isNaN ? nil : GeoPoint.haversineKm(c.latitude, c.longitude, latitudes[d], longitudes[d])
            }
            return PageEntry(ordinal: entry.ordinal, distanceKm: distance, key: entry.key)
        }
        return result
    }
}

/// One pass over the candidates of a query: filters, facets, ranking key, top of the page.
/// A struct with its own copies of the index's arrays, so the per-candidate work touches no
/// closure context and no class.
struct ScanPass {
    let typeCodes: UnsafeBufferPointer<UInt8>
    let members: UnsafeBufferPointer<Int32>
    let latitudes: UnsafeBufferPointer<Double>
    let longitudes: UnsafeBufferPointer<Double>
    let popularity: UnsafeBufferPointer<Int32>
    let excluded: Exclusion?
    /// Keeps the buffers above alive for the pass.
    let index: SearchIndex
    var matches: [WordMatch]
    let accepted: [Bool]
    let eventCode: UInt8?
    let member: Int32?
    let window: DateWindow?
    let box: BoundingBox?
    let centre: GeoPoint?
    let radiusKm: Double?
    let cosCentre: Double
    var facets: [Int]
    var top: TopK
    var total = 0

    init(index: SearchIndex, query q: SearchQuery, matches: [WordMatch], excluded: Exclusion?) {
        self.index = index
        self.excluded = excluded
        typeCodes = index.typeCodes.buffer
        members = index.members.buffer
        latitudes = index.latitudes.buffer
        longitudes = index.longitudes.buffer
        popularity = index.popularity.buffer
        self.matches = matches
        accepted = index.acceptedTypeCodes(q)
        eventCode = index.eventCode
        member = q.member.map { Int32(clamping: $0) }
        window = q.from != nil || q.to != nil ? DateWindow(from: q.from, to: q.to) : nil
        box = q.centre.flatMap { c in q.radiusKm.map { BoundingBox(centre: c, radiusKm: $0) } }
        centre = q.centre
        radiusKm = q.radiusKm
        cosCentre = q.centre.map { cos($0.latitude * .pi / 180) } ?? 1
        facets = [Int](repeating: 0, count: index.types.count)
        top = TopK(capacity: q.offset + q.limit)
    }

    /// `driver` is the index of the word whose matches are being enumerated, -1 for none.
    @inline(__always)
    mutating func consider(_ o: UInt32, _ driverFlags: UInt32, driver: Int, insideCircle: Bool = false) {
        if let excluded, excluded.contains(o) { return }
        var startsName = driver == 0 && driverFlags & TokenTable.startFlag != 0
        var allWhole = driver >= 0 ? driverFlags & TokenTable.exactFlag != 0 : !matches.isEmpty
        if matches.count > 1 || driver < 0 {
            for j in matches.indices where j != driver {
                guard let f = matches[j].flags(of: o) else { return }
                if j == 0 { startsName = f & TokenTable.startFlag != 0 }
                allWhole = allWhole && f & TokenTable.exactFlag != 0
            }
        }
        let d = Int(o)
        if let member, members[d] != member { return }
        var km = -1.0  // not computed yet
        if let centre, !insideCircle {
            let lat = latitudes[d], lon = longitudes[d]
            if let box {
                guard !lat.isNaN, box.contains(lat, lon), let radiusKm else { return }
                // Equirectangular estimate; the exact distance only near the boundary.
                let dy = lat - centre.latitude, dx = (lon - centre.longitude) * cosCentre
                let estimate = (dx * dx + dy * dy).squareRoot() * Self.kmPerDegree
                if estimate > radiusKm * (1 + Self.estimateSlack) { return }
                if estimate >= radiusKm * (1 - Self.estimateSlack) {
                    km = GeoPoint.haversineKm(centre.latitude, centre.longitude, lat, lon)
                    if km > radiusKm { return }
                }
            }
        }
        if let window, !index.isOpen(d, during: window, eventCode: eventCode) { return }
        let code = Int(typeCodes[d])
        facets[code] += 1
        guard accepted[code] else { return }
        total += 1
        let quality: UInt64 = (startsName ? 2 : 0) | (allWhole ? 1 : 0)
        let pop = TokenTable.rankPopularity(popularity[d])
        let rank = quality << 62 | pop << 32
        // Distance breaks ties only: skip it for a record that cannot enter the page even at 0 km.
        guard top.canEnter(key: rank | 0xFFFF_FFFF, ordinal: o) else { return }
        var far: UInt64 = 0
        if let centre {
            let lat = latitudes[d]
            if lat.isNaN {
                far = 4_000_000_000
            } else {
                if km < 0 { km = GeoPoint.haversineKm(centre.latitude, centre.longitude, lat, longitudes[d]) }
                far = UInt64(min(km * 1000, 4e9))
            }
        }
        top.offer(key: rank | (0xFFFF_FFFF - far), ordinal: o)
    }

    /// Degrees of latitude to km, and how far the flat estimate may be from the great circle for
    /// the radii the counter uses (≤ 500 km: under 1.5%; checked exactly inside that band).
    static let kmPerDegree = GeoPoint.earthRadiusKm * .pi / 180
    static let estimateSlack = 0.03
}

/// The best `capacity` (key, ordinal) pairs seen: higher key first, lower ordinal on ties.
/// A page (up to 1,024) is kept sorted as offers arrive; a larger capacity (every match, for tests
/// and exports) collects and sorts once.
struct TopK {
    let capacity: Int
    private let keepsSorted: Bool
    private var keys: [UInt64] = []
    private var ordinals: [UInt32] = []

    init(capacity: Int) {
        self.capacity = capacity
        keepsSorted = capacity <= 1024
        if keepsSorted {
            keys.reserveCapacity(capacity + 1)
            ordinals.reserveCapacity(capacity + 1)
        }
    }

    @inline(__always)
    static func better(_ k1: UInt64, _ o1: UInt32, than k2: UInt64, _ o2: UInt32) -> Bool {
        k1 > k2 || (k1 == k2 && o1 < o2)
    }

    /// Whether a pair with this key and ordinal would be kept.
    @inline(__always)
    func canEnter(key: UInt64, ordinal: UInt32) -> Bool {
        !keepsSorted || keys.count < capacity
            || Self.better(key, ordinal, than: keys[keys.count - 1], ordinals[ordinals.count - 1])
    }

    @inline(__always)
    mutating func offer(key: UInt64, ordinal: UInt32) {
        guard keepsSorted else {
            keys.append(key)
            ordinals.append(ordinal)
            return
        }
        guard canEnter(key: key, ordinal: ordinal) else { return }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.better(keys[mid], ordinals[mid], than: key, ordinal) { lo = mid + 1 } else { hi = mid }
        }
        keys.insert(key, at: lo)
        ordinals.insert(ordinal, at: lo)
        if keys.count > capacity {
            keys.removeLast()
            ordinals.removeLast()
        }
    }

    /// The pairs kept, best first.
    var sorted: [(key: UInt64, ordinal: UInt32)] {
        if keepsSorted { return zip(keys, ordinals).map { ($0, $1) } }
        return zip(keys, ordinals).sorted { Self.better($0.0, $0.1, than: $1.0, $1.1) }.prefix(capacity).map { ($0, $1) }
    }
}
