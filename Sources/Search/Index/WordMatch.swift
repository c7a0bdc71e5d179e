/// The documents one query word matches, with how it matched (start of a name, whole word).
///
/// A single sorted postings list when the word is short (precomputed) or matches one word of the
/// table; a bitmap union when it is a prefix of several words.
struct WordMatch {
    enum Source {
        case list(ArraySlice<UInt32>, extraFlags: UInt32)
        case bitmap(members: Bitmap, start: Bitmap, exact: Bitmap)
    }
    let source: Source
    let estimatedCount: Int
    /// For lists: position of the next posting to look at (ordinals are asked in ascending order).
    private var cursor: Int

    init(source: Source, estimatedCount: Int) {
        self.source = source
        self.estimatedCount = estimatedCount
        if case .list(let list, _) = source { cursor = list.startIndex } else { cursor = 0 }
    }

    static let empty = WordMatch(source: .list([], extraFlags: 0), estimatedCount: 0)

    /// The match flags of `ordinal`, or nil when the word does not match it. Calls must come in
    /// ascending ordinal order.
    @inline(__always)
    mutating func flags(of ordinal: UInt32) -> UInt32? {
        switch source {
        case let .list(list, extra):
            // Galloping search forward from the cursor.
            var step = 1
            var hi = cursor
            while hi < list.endIndex, list[hi] >> 2 < ordinal {
                cursor = hi + 1
                hi = cursor + step
                step <<= 1
            }
            var lo = cursor
            var upper = min(hi, list.endIndex - 1)
            if lo >= list.endIndex { return nil }
            while lo < upper {
                let mid = (lo + upper) / 2
                if list[mid] >> 2 < ordinal { lo = mid + 1 } else { upper = mid }
            }
            cursor = lo
            guard lo < list.endIndex, list[lo] >> 2 == ordinal else { return nil }
            return list[lo] & 3 | extra
        case let .bitmap(members, start, exact):
            guard members.contains(ordinal) else { return nil }
            return (start.contains(ordinal) ? TokenTable.startFlag : 0) | (exact.contains(ordinal) ? TokenTable.exactFlag : 0)
        }
    }

    /// Every matched document in ascending order, with its flags.
    func forEach(_ body: (UInt32, UInt32) -> Void) {
        switch source {
        case let .list(list, extra):
            for p in list { body(p >> 2, p & 3 | extra) }
        case let .bitmap(members, start, exact):
            members.forEach { o in
                body(o, (start.contains(o) ? TokenTable.startFlag : 0) | (exact.contains(o) ? TokenTable.exactFlag : 0))
            }
        }
    }
}

extension SearchIndex {
    /// The documents whose names have a word starting with `word` (folded).
    func match(prefix word: [UInt8]) -> WordMatch {
        if word.count <= TokenTable.maxShortPrefix {
            let list = tokens.shortPrefixes[TokenTable.key(word)] ?? []
            return WordMatch(source: .list(list[...], extraFlags: 0), estimatedCount: list.count)
        }
        return union(of: Array(tokens.range(prefix: word)), exactWord: word)
    }

    /// The union of the postings of several words of the table.
    func union(of wordIndexes: [Int], exactWord: [UInt8]?) -> WordMatch {
        if wordIndexes.isEmpty { return .empty }
        if wordIndexes.count == 1 {
            let i = wordIndexes[0]
            let list = tokens.postings(ofWord: i)
            let exact = exactWord.map { tokens.word(i).elementsEqual($0) } ?? false
            return WordMatch(source: .list(list, extraFlags: exact ? TokenTable.exactFlag : 0), estimatedCount: list.count)
        }
        var members = Bitmap(count: count)
        var start = Bitmap(count: count)
        var exact = Bitmap(count: count)
        var total = 0
        for i in wordIndexes {
            let isExact = exactWord.map { tokens.word(i).elementsEqual($0) } ?? false
            for p in tokens.postings(ofWord: i) {
                let o = p >> 2
                members.insert(o)
                if p & TokenTable.startFlag != 0 { start.insert(o) }
                if isExact { exact.insert(o) }
            }
            total += tokens.postings(ofWord: i).count
        }
        return WordMatch(source: .bitmap(members: members, start: start, exact: exact), estimatedCount: total)
    }
}
