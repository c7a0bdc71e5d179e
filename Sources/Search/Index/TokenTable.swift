/// The words of all record names, sorted, each with its postings: the documents (index ordinals)
/// whose names hold the word, flagged when the word starts a name.
///
/// Prefixes of one to three letters (`maxShortPrefix`) typed alone would match tens of thousands of
/// words; their document lists are precomputed (`shortPrefixes`) so an autocomplete on the first keystroke costs one list.
struct TokenTable: Sendable {
    /// All words, packed end to end; word i is `bytes[offsets[i]..<offsets[i+1]]`.
    let bytes: [UInt8]
    let offsets: [UInt32]
    /// Postings of word i: `postings[postingStarts[i]..<postingStarts[i+1]]`, each `ordinal << 2 | flags`.
    let postingStarts: [UInt32]
    let postings: FrozenArray<UInt32>
    /// Prefix of one to `maxShortPrefix` bytes → its merged postings (flags: start of name, whole word), as a
    /// range of `shortPostings`.
    let shortPrefixes: [UInt32: Range<Int>]
    let shortPostings: FrozenArray<UInt32>
    /// The same postings in rank order (match quality, popularity, name) with their counts per
    /// type: a one-word query of up to `maxShortPrefix` letters with no other filter than types reads its page
    /// off the front of this list.
    let rankedShortPrefixes: [UInt32: RankedPostings]
    let rankedPostings: FrozenArray<UInt32>

    struct RankedPostings: Sendable {
        var range: Range<Int>
        var countsByType: [Int]
    }

    static let startFlag: UInt32 = 1
    static let exactFlag: UInt32 = 2
    /// The longest prefix whose postings are precomputed.
    static let maxShortPrefix = 3

    var count: Int { offsets.count - 1 }

    init(words: [String: [UInt32]], popularity: [Int32], typeCodes: [UInt8], typeCount: Int) {
        let sorted = words.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var postingStarts: [UInt32] = [0]
        var postings: [UInt32] = []
        var short: [UInt32: [UInt32]] = [:]
        bytes.reserveCapacity(sorted.reduce(0) { $0 + $1.count })
        offsets.reserveCapacity(sorted.count + 1)
        for word in sorted {
            bytes += word
            offsets.append(UInt32(bytes.count))
            let list = words[String(decoding: word, as: UTF8.self)]!
            postings += list
            postingStarts.append(UInt32(postings.count))
            for length in 1...Self.maxShortPrefix where word.count >= length {
                let exact = word.count == length ? Self.exactFlag : 0
                short[Self.key(word[0..<length]), default: []] += list.map { $0 | exact }
            }
        }
        var ranked: [UInt32: RankedPostings] = [:]
        var shortRanges: [UInt32: Range<Int>] = [:]
        var shortFlat: [UInt32] = []
        var rankedFlat: [UInt32] = []
        for key in short.keys.sorted() {
            let merged = Self.mergeSorted(short[key]!)
            shortRanges[key] = shortFlat.count..<(shortFlat.count + merged.count)
            shortFlat += merged
            var counts = [Int](repeating: 0, count: typeCount)
            for p in merged { counts[Int(typeCodes[Int(p >> 2)])] += 1 }
            let order = merged.sorted { a, b in
                let qa = Self.quality(a), qb = Self.quality(b)
                if qa != qb { return qa > qb }
                let pa = Self.rankPopularity(popularity[Int(a >> 2)]), pb = Self.rankPopularity(popularity[Int(b >> 2)])
                if pa != pb { return pa > pb }
                return a >> 2 < b >> 2
            }
            ranked[key] = RankedPostings(range: rankedFlat.count..<(rankedFlat.count + order.count), countsByType: counts)
            rankedFlat += order
        }
        self.shortPrefixes = shortRanges
        self.shortPostings = FrozenArray(shortFlat)
        self.rankedShortPrefixes = ranked
        self.rankedPostings = FrozenArray(rankedFlat)
        self.bytes = bytes
        self.offsets = offsets
        self.postingStarts = postingStarts
        self.postings = FrozenArray(postings)
    }

    /// The ranking quality of a one-word match: start of the name, then whole word.
    static func quality(_ posting: UInt32) -> UInt32 {
        (posting & startFlag != 0 ? 2 : 0) | (posting & exactFlag != 0 ? 1 : 0)
    }

    /// Popularity as ranking reads it (negative counts as zero).
    @inline(__always)
    static func rankPopularity(_ p: Int32) -> UInt64 { UInt64(max(0, min(Int(p), 0x3FFF_FFFF))) }

    static func key(_ prefix: some Collection<UInt8>) -> UInt32 {
        prefix.reduce(UInt32(prefix.count) << 24) { $0 << 8 | UInt32($1) } & 0xFFFF_FFFF
    }

    /// Sorts postings by ordinal and merges duplicates, keeping the union of their flags.
    static func mergeSorted(_ list: [UInt32]) -> [UInt32] {
        let sorted = list.sorted()
        var out: [UInt32] = []
        out.reserveCapacity(sorted.count)
        for p in sorted {
            if let last = out.last, last >> 2 == p >> 2 { out[out.count - 1] = last | p } else { out.append(p) }
        }
        return out
    }

    func word(_ i: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[i])..<Int(offsets[i + 1])] }

    /// The range of words starting with `prefix` (binary search).
    func range(prefix: [UInt8]) -> Range<Int> {
        func lowerBound(_ isBefore: (ArraySlice<UInt8>) -> Bool) -> Int {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if isBefore(word(mid)) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let start = lowerBound { $0.lexicographicallyPrecedes(prefix) }
        let end = lowerBound { w in w.lexicographicallyPrecedes(prefix) || w.starts(with: prefix) }
        return start..<max(start, end)
    }

    func postings(ofWord i: Int) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: postings.buffer[Int(postingStarts[i])..<Int(postingStarts[i + 1])])
    }

    func shortPostings(_ key: UInt32) -> UnsafeBufferPointer<UInt32> {
        guard let range = shortPrefixes[key] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: shortPostings.buffer[range])
    }

    func ranked(_ key: UInt32) -> (postings: UnsafeBufferPointer<UInt32>, countsByType: [Int])? {
        guard let r = rankedShortPrefixes[key] else { return nil }
        return (UnsafeBufferPointer(rebasing: rankedPostings.buffer[r.range]), r.countsByType)
    }

    var memoryBytes: Int {
        bytes.capacity + offsets.capacity * 4 + postingStarts.capacity * 4 + postings.memoryBytes
            + shortPostings.memoryBytes + shortPrefixes.count * 32 + rankedPostings.memoryBytes
            + rankedShortPrefixes.values.reduce(0) { $0 + $1.countsByType.capacity * 8 + 64 }
    }
}
