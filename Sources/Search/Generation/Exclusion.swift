/// Documents of an index that queries leave out: their records changed, or went, since the index
/// was built (their current state, if any, is in the generation's index of changes).
struct Exclusion: Sendable {
    let bitmap: Bitmap
    let count: Int
    /// For each short prefix (`TokenTable.key`) some of them hold, how many hold it by type code:
    /// what a prefix's precomputed counts lose.
    let shortPrefixCounts: [UInt32: [Int]]

    @inline(__always) func contains(_ o: UInt32) -> Bool { bitmap.contains(o) }
}

extension SearchIndex {
    /// Leaves `ordinals` out of this index's answers.
    func exclusion(of ordinals: [UInt32]) -> Exclusion {
        var bitmap = Bitmap(count: count)
        for o in ordinals { bitmap.insert(o) }
        // Their words, from the postings (one pass), and the short prefixes of those words.
        var counts: [UInt32: [Int]] = [:]
        var counted = Set<UInt64>()
        if !ordinals.isEmpty {
            for w in 0..<tokens.count {
                for p in tokens.postings(ofWord: w) where bitmap.contains(p >> 2) {
                    let word = tokens.word(w)
                    for length in 1...min(TokenTable.maxShortPrefix, word.count) {
                        let key = TokenTable.key(word.prefix(length))
                        guard counted.insert(UInt64(key) << 32 | UInt64(p >> 2)).inserted else { continue }
                        counts[key, default: [Int](repeating: 0, count: types.count)][Int(typeCodes[Int(p >> 2)])] += 1
                    }
                }
            }
        }
        return Exclusion(bitmap: bitmap, count: ordinals.count, shortPrefixCounts: counts)
    }
}
