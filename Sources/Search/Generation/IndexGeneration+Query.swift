import Records

/// A document of a page, resolved to its record.
struct Found {
    let id: Int
    let latitude: Double
    let longitude: Double
    let distanceKm: Double?
}

/// What a generation (built index and changes merged) answers.
typealias GenerationResult = QueryAnswer<Found>

extension IndexGeneration {
    /// Runs a validated query on the built index and the changes, and merges their answers as one
    /// index over the whole cache would answer: totals and facets add up (each record is in one
    /// of them), the page is the best of both pages by ranking key then name order, and typos are
    /// corrected when neither found anything, with the words of both.
    func execute(_ q: SearchQuery) -> GenerationResult {
        guard let changes else {
            let r = base.execute(q)
            return GenerationResult(total: r.total, page: r.page.map { resolve($0, fromBase: true) }, facets: r.facets, corrections: r.corrections)
        }
        var wide = q
        wide.offset = 0
        wide.limit = q.offset + q.limit
        var a = base.execute(wide, excluded: changes.excluded, correctTypos: false)
        var b = changes.index.execute(wide, correctTypos: false)
        var corrections: [Correction] = []
        let words = SearchIndex.queryWords(q.text)
        if a.total + b.total == 0, words.contains(where: { $0.count >= 5 }) {
            let inBase = base.typoWords(words, excluded: changes.excluded), inChanges = changes.index.typoWords(words, excluded: nil)
            var replacingInBase: [Int: [Int]] = [:], replacingInChanges: [Int: [Int]] = [:]
            for i in words.indices {
                guard let x = inBase[i], let y = inChanges[i], !(x.isEmpty && y.isEmpty) else { continue }
                replacingInBase[i] = x
                replacingInChanges[i] = y
                let used = x.map { String(decoding: base.tokens.word($0), as: UTF8.self) } + y.map { String(decoding: changes.index.tokens.word($0), as: UTF8.self) }
                corrections.append(Correction(typed: String(decoding: words[i], as: UTF8.self), used: SearchIndex.shownCorrections(used)))
            }
            if !corrections.isEmpty {
                a = base.correctedScan(wide, words, replacing: replacingInBase, excluded: changes.excluded)
                b = changes.index.correctedScan(wide, words, replacing: replacingInChanges, excluded: nil)
                if a.total + b.total == 0 { corrections = [] }
            }
        }
        var facets: [ObjectType: Int] = [:]
        for f in a.facets + b.facets { facets[f.type, default: 0] += f.count }
        return GenerationResult(total: a.total + b.total, page: merged(a.page, b.page, offset: q.offset, limit: q.limit),
                                facets: facets.map { ($0.key, $0.value) }.sorted { ($0.count, $1.type.apidaeCode) > ($1.count, $0.type.apidaeCode) },
                                corrections: corrections)
    }

    /// The page `execute(q)` would answer, read off the rank-ordered postings where that applies.
    func suggest(_ q: SearchQuery) -> [Found] {
        guard let changes else {
            return (base.rankedSuggestions(q) ?? base.execute(q).page).map { resolve($0, fromBase: true) }
        }
        var wide = q
        wide.offset = 0
        wide.limit = q.offset + q.limit
        guard let a = base.rankedSuggestions(wide, excluded: changes.excluded), let b = changes.index.rankedSuggestions(wide) else {
            return execute(q).page
        }
        return merged(a, b, offset: q.offset, limit: q.limit)
    }

    /// The best of two pages, each in rank order: by key, then name order — a changed record
    /// goes after the base documents its `position` counts.
    private func merged(_ a: [PageEntry], _ b: [PageEntry], offset: Int, limit: Int) -> [Found] {
        guard let changes else { return [] }
        var all = a.map { (key: $0.key, order: UInt64($0.ordinal) << 32 | 0xFFFF_FFFF, entry: $0, fromBase: true) }
        all += b.map { (key: $0.key, order: UInt64(changes.positions[Int($0.ordinal)]) << 32 | UInt64($0.ordinal), entry: $0, fromBase: false) }
        all.sort { $0.key != $1.key ? $0.key > $1.key : $0.order < $1.order }
        return all.dropFirst(offset).prefix(limit).map { resolve($0.entry, fromBase: $0.fromBase) }
    }

    private func resolve(_ entry: PageEntry, fromBase: Bool) -> Found {
        let index = fromBase ? base : changes!.index
        let o = Int(entry.ordinal)
        return Found(id: index.ids[o], latitude: index.latitudes[o], longitude: index.longitudes[o], distanceKm: entry.distanceKm)
    }
}
