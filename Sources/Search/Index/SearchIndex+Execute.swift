import Records

/// What the index answers before names are fetched from the cache.
struct IndexResult {
    var total = 0
    var page: [(ordinal: UInt32, distanceKm: Double?)] = []
    var facets: [(type: ObjectType, count: Int)] = []
    var corrections: [Correction] = []
}

extension SearchIndex {
    /// Runs a validated query: text, then filters, ranking, facets and the requested page.
    /// Ranking: name starting with the first word, then every word matched whole, then popularity,
    /// then distance from the centre, then name order.
    func execute(_ q: SearchQuery) -> IndexResult {
        let words = Self.queryWords(q.text)
        var matches = words.map { match(prefix: $0) }
        if let last = words.last, case let typed = String(decoding: last, as: UTF8.self),
           case let expanded = TextFolding.expandAbbreviation(typed), expanded != typed {
            // "st" being typed: words starting with "st" or with "saint".
            let both = Array(tokens.range(prefix: last)) + Array(tokens.range(prefix: Array(expanded.utf8)))
            matches[matches.count - 1] = union(of: both, exactWord: Array(expanded.utf8))
        }
        var result = scan(q, &matches)
        if result.total == 0, words.contains(where: { $0.count >= 5 }) {
            var corrections: [Correction] = []
            for (i, word) in words.enumerated() where word.count >= 5 {
                let candidates = typoCandidates(word)
                guard !candidates.isEmpty else { continue }
                matches[i] = union(of: candidates, exactWord: nil)
                let shown = candidates.map { String(decoding: tokens.word($0), as: UTF8.self) }.sorted { ($0.count, $0) < ($1.count, $1) }
                corrections.append(Correction(typed: String(decoding: word, as: UTF8.self), used: Array(shown.prefix(5))))
            }
            if !corrections.isEmpty {
                matches = matches.map { WordMatch(source: $0.source, estimatedCount: $0.estimatedCount) }
                result = scan(q, &matches)
                if result.total > 0 { result.corrections = corrections }
            }
        }
        return result
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

    func scan(_ q: SearchQuery, _ matches: inout [WordMatch]) -> IndexResult {
        var accepted = [Bool](repeating: q.acceptedTypes == nil, count: types.count)
        if let set = q.acceptedTypes { for (code, t) in types.enumerated() where set.contains(t) { accepted[code] = true } }
        let eventCode = types.firstIndex(of: .feteEtManifestation).map(UInt8.init)
        let member = q.member.map { Int32(clamping: $0) }
        let window = q.from != nil || q.to != nil ? DateWindow(from: q.from, to: q.to) : nil
        let box = q.centre.flatMap { c in q.radiusKm.map { BoundingBox(centre: c, radiusKm: $0) } }
        let centre = q.centre
        var facets = [Int](repeating: 0, count: types.count)
        var top = TopK(capacity: q.offset + q.limit)
        var total = 0

        func consider(_ o: UInt32, _ driverFlags: UInt32, driver: Int?) {
            var startsName = driver == 0 ? driverFlags & TokenTable.startFlag != 0 : false
            var allWhole = driver == nil ? false : driverFlags & TokenTable.exactFlag != 0
            for j in matches.indices where j != driver {
                guard let f = matches[j].flags(of: o) else { return }
                if j == 0 { startsName = f & TokenTable.startFlag != 0 }
                allWhole = allWhole && f & TokenTable.exactFlag != 0
            }
            let d = Int(o)
            if let member, members[d] != member { return }
            var distance: Double?
            if let centre {
                let lat = latitudes[d], lon = longitudes[d]
                if let box {
                    guard !lat.isNaN, box.contains(lat, lon) else { return }
                }
                if !lat.isNaN {
                    let km = GeoPoint.haversineKm(centre.latitude, centre.longitude, lat, lon)
                    if let r = q.radiusKm, km > r { return }
                    distance = km
                }
            }
            if let window, !isOpen(d, during: window, eventCode: eventCode) { return }
            let code = Int(typeCodes[d])
            facets[code] += 1
            guard accepted[code] else { return }
            total += 1
            let quality: UInt64 = (startsName ? 2 : 0) | (allWhole ? 1 : 0)
            let pop = UInt64(max(0, min(Int(popularity[d]), 0x3FFF_FFFF)))
            let far = UInt64(min(distance.map { $0 * 1000 } ?? (centre == nil ? 0 : 4e9), 4e9))
            top.offer(key: quality << 62 | pop << 32 | (0xFFFF_FFFF - far), ordinal: o)
        }

        if matches.isEmpty {
            if let box {
                for o in grid.ordinals(in: box) { consider(o, 0, driver: nil) }
            } else {
                for o in 0..<UInt32(count) { consider(o, 0, driver: nil) }
            }
        } else {
            let driver = matches.indices.min { matches[$0].estimatedCount < matches[$1].estimatedCount }!
            let source = matches[driver]
            source.forEach { o, flags in consider(o, flags, driver: driver) }
        }

        var result = IndexResult()
        result.total = total
        result.facets = facets.enumerated().filter { $0.element > 0 }.map { (types[$0.offset], $0.element) }
            .sorted { ($0.count, $1.type.apidaeCode) > ($1.count, $0.type.apidaeCode) }
        result.page = top.sorted.dropFirst(q.offset).map { o in
            let d = Int(o)
            let distance = centre.flatMap { c in
                latitudes[d].isNaN ? nil : GeoPoint.haversineKm(c.latitude, c.longitude, latitudes[d], longitudes[d])
            }
            return (o, distance)
        }
        return result
    }
}

/// The best `capacity` (key, ordinal) pairs seen: higher key first, lower ordinal on ties.
struct TopK {
    let capacity: Int
    private var keys: [UInt64] = []
    private var ordinals: [UInt32] = []

    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(capacity + 1)
        ordinals.reserveCapacity(capacity + 1)
    }

    /// Ordinals arrive in ascending order, so an equal key never displaces an earlier one.
    @inline(__always)
    mutating func offer(key: UInt64, ordinal: UInt32) {
        if keys.count == capacity, let last = keys.last, key <= last { return }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] >= key { lo = mid + 1 } else { hi = mid }
        }
        keys.insert(key, at: lo)
        ordinals.insert(ordinal, at: lo)
        if keys.count > capacity {
            keys.removeLast()
            ordinals.removeLast()
        }
    }

    var sorted: [UInt32] { ordinals }
}
