/// The documents one query word matches, with how it matched (start of a name, whole word).
///
/// A sorted postings list when the word is short (precomputed) or matches one word of the table;
/// bitmaps when it is a prefix of several words. Read through unsafe buffers into storage the
/// index (or `bitmaps`) owns, so the per-candidate check costs no reference counting.
struct WordMatch {
    let list: UnsafeBufferPointer<UInt32>
    let extraFlags: UInt32
    let bitmaps: MatchBitmaps?
    let estimatedCount: Int
    /// For lists: position of the next posting to look at (ordinals are asked in ascending order).
    private var cursor = 0

    init(list: UnsafeBufferPointer<UInt32>, extraFlags: UInt32) {
        self.list = list
        self.extraFlags = extraFlags
        self.bitmaps = nil
        self.estimatedCount = list.count
    }

    init(bitmaps: MatchBitmaps, estimatedCount: Int) {
        self.list = UnsafeBufferPointer(start: nil, count: 0)
        self.extraFlags = 0
        self.bitmaps = bitmaps
        self.estimatedCount = estimatedCount
    }

    static var empty: WordMatch { WordMatch(list: UnsafeBufferPointer(start: nil, count: 0), extraFlags: 0) }

    /// The same match, read again from the start.
    var rewound: WordMatch {
        var copy = self
        copy.cursor = 0
        return copy
    }

    /// The match flags of `ordinal`, or nil when the word does not match it. Calls must come in
    /// ascending ordinal order.
    @inline(__always)
    mutating func flags(of ordinal: UInt32) -> UInt32? {
        if let bitmaps {
            return bitmaps.flags(of: ordinal)
        }
        // Galloping search forward from the cursor.
        let n = list.count
        var step = 1
        var hi = cursor
        while hi < n, list[hi] >> 2 < ordinal {
            cursor = hi + 1
            hi = cursor + step
            step <<= 1
        }
        var lo = cursor
        if lo >= n { return nil }
        var upper = min(hi, n - 1)
        while lo < upper {
            let mid = (lo + upper) / 2
            if list[mid] >> 2 < ordinal { lo = mid + 1 } else { upper = mid }
        }
        cursor = lo
        guard list[lo] >> 2 == ordinal else { return nil }
        return list[lo] & 3 | extraFlags
    }

    /// Every matched document in ascending order, with its flags.
    func forEach(_ body: (UInt32, UInt32) -> Void) {
        if let bitmaps {
            bitmaps.members.forEach { o in body(o, bitmaps.flags(of: o) ?? 0) }
        } else {
            for p in list { body(p >> 2, p & 3 | extraFlags) }
        }
    }
}

/// The union of several words' postings: who matches, who matches at the start of the name, who
/// matches a whole word.
final class MatchBitmaps {
    var members: Bitmap
    var start: Bitmap
    var exact: Bitmap

    init(count: Int) {
        members = Bitmap(count: count)
        start = Bitmap(count: count)
        exact = Bitmap(count: count)
    }

    @inline(__always)
    func flags(of o: UInt32) -> UInt32? {
        guard members.contains(o) else { return nil }
        return (start.contains(o) ? TokenTable.startFlag : 0) | (exact.contains(o) ? TokenTable.exactFlag : 0)
    }
}

extension SearchIndex {
    /// The documents whose names have a word starting with `word` (folded).
    func match(prefix word: [UInt8]) -> WordMatch {
        if word.count <= TokenTable.maxShortPrefix {
            return WordMatch(list: tokens.shortPostings(TokenTable.key(word)), extraFlags: 0)
        }
        return union(of: Array(tokens.range(prefix: word)), exactWord: word)
    }

    /// The union of the postings of several words of the table.
    func union(of wordIndexes: [Int], exactWord: [UInt8]?) -> WordMatch {
        if wordIndexes.isEmpty { return .empty }
        if wordIndexes.count == 1 {
            let i = wordIndexes[0]
            let exact = exactWord.map { tokens.word(i).elementsEqual($0) } ?? false
            return WordMatch(list: tokens.postings(ofWord: i), extraFlags: exact ? TokenTable.exactFlag : 0)
        }
        let bitmaps = MatchBitmaps(count: count)
        var total = 0
        for i in wordIndexes {
            let isExact = exactWord.map { tokens.word(i).elementsEqual($0) } ?? false
            let postings = tokens.postings(ofWord: i)
            for p in postings {
                let o = p >> 2
                bitmaps.members.insert(o)
                if p & TokenTable.startFlag != 0 { bitmaps.start.insert(o) }
                if isExact { bitmaps.exact.insert(o) }
            }
            total += postings.count
        }
        return WordMatch(bitmaps: bitmaps, estimatedCount: total)
    }
}
