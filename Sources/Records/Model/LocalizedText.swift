/// An Apidae multilingual text: `{"libelleFr": …, "libelleEn": …}` with languages simply absent
/// when untranslated. Reading a language falls back to French, then to any language present.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// Texts by lower-case language code: "fr", "en", "de", "nl", "it", "es", "ptbr", …
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    public static let fallbackOrder = VisitorLanguages.codes

    public var isEmpty: Bool { values.isEmpty }

    /// The text in `language`, else French, else the first language present (in a fixed order).
    public func text(_ language: String = "fr") -> String? {
        if let v = values[language] ?? values[language.lowercased()] { return v }
        for lang in Self.fallbackOrder { if let v = values[lang] { return v } }
        return values.keys.sorted().first.flatMap { values[$0] }
    }

    /// The distinct texts across languages, French first.
    public var distinctTexts: [String] {
        var out: [String] = []
        // A name has a few languages: a linear look-up, and the other languages sorted only when
        // there are some.
        for lang in Self.fallbackOrder {
            if let v = values[lang], !out.contains(v) { out.append(v) }
        }
        if values.keys.contains(where: { !Self.fallbackOrder.contains($0) }) {
            for lang in values.keys.sorted() where !Self.fallbackOrder.contains(lang) {
                if let v = values[lang], !out.contains(v) { out.append(v) }
            }
        }
        return out
    }
}
