import Records

/// Writes JSON text directly: the generator emits a million records, and building dictionaries
/// for JSONSerialization would cost more than the writing.
struct JSONWriter {
    var out = ""

    mutating func raw(_ s: String) { out += s }

    mutating func string(_ s: String) { JSONValue.appendQuoted(s, to: &out) }

    /// `{"libelleFr": …, "libelleEn": …}` with the languages present.
    mutating func libelles(_ texts: [(String, String)]) {
        out += "{"
        for (i, (lang, text)) in texts.enumerated() {
            if i > 0 { out += "," }
            out += "\"libelle\(lang)\":"
            string(text)
        }
        out += "}"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
