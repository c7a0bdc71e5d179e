/// Commune autocomplete over the whole gazetteer, in memory (35,000 communes, ~40,000 postal codes).
///
/// A query is a name (every word a prefix of a word of the name, accents and case ignored: "st
/// etienne" finds "Saint-Étienne"), a postal code or its prefix ("421"), or an INSEE code.
public struct CommuneDirectory: Sendable {
    struct Entry: Sendable {
        var commune: Commune
        var folded: String
        var words: [String]
    }
    let entries: [Entry]

    public init(_ communes: [Commune]) {
        entries = communes.map { c in
            Entry(commune: c, folded: TextFolding.tokens(c.name).joined(separator: " "), words: TextFolding.tokens(c.name))
        }
    }

    public var count: Int { entries.count }

    /// Every commune, in the gazetteer's order.
    public var all: [Commune] { entries.map(\.commune) }

    /// Best matches first: exact name, then name starting with the query, then other word matches;
    /// shorter names first within each rank. One entry per INSEE code unless a postal code was typed.
    public func search(_ query: String, limit: Int = 10) -> [Commune] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let upper = trimmed.uppercased()
        let isCorsicanInsee = upper.count == 5 && (upper.hasPrefix("2A") || upper.hasPrefix("2B")) && upper.dropFirst(2).allSatisfy(\.isNumber)
        if trimmed.allSatisfy(\.isNumber) || isCorsicanInsee {
            let code = upper
            let byPostal = entries.filter { $0.commune.postalCode.hasPrefix(code) }
            let byInsee = code.count == 5 ? entries.filter { $0.commune.insee == code } : []
            let hits = (byInsee + byPostal).map(\.commune)
            var seen = Set<String>()
            return Array(hits.filter { seen.insert($0.insee + $0.postalCode).inserted }
                .sorted { ($0.postalCode, $0.name) < ($1.postalCode, $1.name) }.prefix(limit))
        }
        let words = queryWords(trimmed)
        guard !words.isEmpty else { return [] }
        let joined = words.map { $0[0] }.joined(separator: " ")
        let joinedExpanded = words.map { $0[$0.count - 1] }.joined(separator: " ")
        var ranked: [(rank: Int, entry: Entry)] = []
        for e in entries where words.allSatisfy({ alternatives in
            e.words.contains { word in alternatives.contains { word.hasPrefix($0) } }
        }) {
            let rank = e.folded == joined || e.folded == joinedExpanded ? 0
                : e.folded.hasPrefix(joined) || e.folded.hasPrefix(joinedExpanded) ? 1 : 2
            ranked.append((rank, e))
        }
        ranked.sort { ($0.rank, $0.entry.folded.count, $0.entry.folded, $0.entry.commune.postalCode)
            < ($1.rank, $1.entry.folded.count, $1.entry.folded, $1.entry.commune.postalCode) }
        var seen = Set<String>()
        var result: [Commune] = []
        for (_, entry) in ranked where result.count < limit && seen.insert(entry.commune.insee).inserted {
            result.append(entry.commune)
        }
        return result
    }

    /// Query words, each with its alternatives: a finished "st" means "saint"; the word being typed
    /// (the last one) may be either ("st" → "st…" or "saint…").
    func queryWords(_ text: String) -> [[String]] {
        var words = TextFolding.tokens(text).map { [$0] }
        let endsInWord = text.last.map { $0.isLetter || $0.isNumber } ?? false
        if endsInWord, !words.isEmpty,
           let lastRaw = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last {
            let typed = TextFolding.fold(String(lastRaw))
            let expanded = TextFolding.expandAbbreviation(typed)
            words[words.count - 1] = typed == expanded ? [typed] : [typed, expanded]
        }
        return words
    }
}
