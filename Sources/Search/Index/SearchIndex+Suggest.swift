import Records

extension SearchIndex {
    /// The page `execute(q)` would answer, without its total and facets — all a suggestion needs.
    /// For one word of up to three letters, read off the prefix's rank-ordered postings and stop
    /// once no later posting can enter the page: a few thousand postings where the scan visits
    /// every match (every record of a 25 km circle, every record of the office). Nil when that does
    /// not apply, or when the filters keep so few postings that the scan is cheaper.
    func rankedSuggestions(_ q: SearchQuery, excluded: Exclusion? = nil) -> [PageEntry]? {
        let words = Self.queryWords(q.text)
        guard words.count == 1, words[0].count <= TokenTable.maxShortPrefix,
              case let typed = String(decoding: words[0], as: UTF8.self), TextFolding.expandAbbreviation(typed) == typed
        else { return nil }
        guard let ranked = tokens.ranked(TokenTable.key(words[0])) else { return [] }
        let accepted = acceptedTypeCodes(q)
        let member = q.member.map { Int32(clamping: $0) }
        let window = q.from != nil || q.to != nil ? DateWindow(from: q.from, to: q.to) : nil
        let box = q.centre.flatMap { c in q.radiusKm.map { BoundingBox(centre: c, radiusKm: $0) } }
        let need = q.offset + q.limit
        // Past this many postings read, the scan would have been cheaper.
        let budget = 8_192 + need * 64
        var found: [(group: UInt64, far: UInt64, ordinal: UInt32, km: Double?)] = []
        var boundary: UInt64?
        for (read, p) in ranked.postings.enumerated() {
            if read >= budget { return nil }
            let o = p >> 2, d = Int(o)
            let group = UInt64(TokenTable.quality(p)) << 32 | TokenTable.rankPopularity(popularity[d])
            // Postings come by group (quality, popularity): a lower group than the page's last cannot enter.
            if let boundary, group < boundary { break }
            if let excluded, excluded.contains(o) { continue }
            guard accepted[Int(typeCodes[d])] else { continue }
            if let member, members[d] != member { continue }
            var km: Double?
            if let centre = q.centre {
                let lat = latitudes[d], lon = longitudes[d]
                if !lat.isNaN { km = GeoPoint.haversineKm(centre.latitude, centre.longitude, lat, lon) }
                if let box, let radiusKm = q.radiusKm {
                    guard let distance = km, box.contains(lat, lon), distance <= radiusKm else { continue }
                }
            }
            if let window, !isOpen(d, during: window, eventCode: eventCode) { continue }
            // The distance orders records of one group as the scan does (metres; no position: last).
            let far: UInt64 = q.centre == nil ? 0 : km.map { UInt64(min($0 * 1000, 4e9)) } ?? 4_000_000_000
            found.append((group, far, o, km))
            if found.count == need {
                // Without a centre the postings' own order is the page's; with one, the whole group
                // of the last record decides by distance.
                if q.centre == nil { break }
                boundary = group
            }
        }
        found.sort { a, b in
            if a.group != b.group { return a.group > b.group }
            if a.far != b.far { return a.far < b.far }
            return a.ordinal < b.ordinal
        }
        // The scan's ranking key: quality, popularity, nearness.
        return found.dropFirst(q.offset).prefix(q.limit).map { f in
            PageEntry(ordinal: f.ordinal, distanceKm: f.km, key: (f.group >> 32) << 62 | (f.group & 0xFFFF_FFFF) << 32 | (0xFFFF_FFFF - f.far))
        }
    }
}
