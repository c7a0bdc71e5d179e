extension SearchIndex {
    /// Words of the table that `typed` (5+ letters) is a prefix of, allowing one typo: a wrong,
    /// missing, extra or swapped letter. Looks among the words starting with its first or second letter.
    func typoCandidates(_ typed: [UInt8]) -> [Int] {
        var result: [Int] = []
        var firsts = [typed[0]]
        if typed[1] != typed[0] { firsts.append(typed[1]) }
        for first in firsts {
            for i in tokens.range(prefix: [first]) where Self.withinOneTypo(typed, prefixOf: tokens.word(i)) {
                result.append(i)
            }
        }
        return result.sorted()
    }

    /// Whether some prefix of `word` is at most one edit (Damerau) from `q`.
    static func withinOneTypo(_ q: [UInt8], prefixOf word: ArraySlice<UInt8>) -> Bool {
        let w = Array(word)
        let m = q.count
        // Common prefix length.
        var i = 0
        while i < m, i < w.count, q[i] == w[i] { i += 1 }
        if i == m { return true }
        // Substitution at i.
        if w.count >= m, q[(i + 1)...].elementsEqual(w[(i + 1)..<m]) { return true }
        // Extra letter in q at i.
        if w.count >= m - 1, q[(i + 1)...].elementsEqual(w[i..<(m - 1)]) { return true }
        // Missing letter in q at i.
        if w.count >= m + 1, q[i...].elementsEqual(w[(i + 1)..<(m + 1)]) { return true }
        // Swapped letters at i, i+1.
        if i + 1 < m, w.count >= m, q[i] == w[i + 1], q[i + 1] == w[i], q[(i + 2)...].elementsEqual(w[(i + 2)..<m]) {
            return true
        }
        return false
    }
}
