/// Accent- and case-insensitive folding of names, as the counter agent types them.
///
/// "Saint-Étienne" folds to "saint-etienne", "Œnologie" to "oenologie". Only letters and digits
/// survive `tokens(_:)`; apostrophes, hyphens and punctuation separate words. The common French
/// abbreviations "st"/"ste" are expanded to "saint"/"sainte" so that "st etienne" finds
/// "Saint-Étienne". The fast path handles Latin scripts by table; anything else goes through
/// Unicode canonical decomposition.
public enum TextFolding {
    /// The folded form of `text`: lower case, without diacritics, ligatures expanded.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// The words of `text`, folded, in order. Abbreviations are expanded.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            result.append(expandAbbreviation(word))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            var folded = String.UnicodeScalarView()
            appendFolded(scalar, to: &folded)
            for f in folded {
                if isWordScalar(f) { current.append(f) } else { flush() }
            }
        }
        flush()
        return result
    }

    /// "st" → "saint", "ste" → "sainte"; other words unchanged.
    public static func expandAbbreviation(_ word: String) -> String {
        switch word {
        case "st": return "saint"
        case "ste": return "sainte"
        default: return word
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x61...0x7A: return true
        case 0..<0x80: return false
        default: return s.properties.isAlphabetic || s.properties.numericType != nil
        }
    }

    static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { out.append(Unicode.Scalar(v + 32)!) } else { out.append(scalar) }
            return
        }
        if let mapped = latinTable[v] {
            out.append(contentsOf: mapped.unicodeScalars)
            return
        }
        // Generic path: canonical decomposition, drop combining marks, lower-case.
        for s in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            for l in s.properties.lowercaseMapping.unicodeScalars { out.append(l) }
        }
    }

    /// Latin-1 Supplement and Latin Extended-A, the letters of French, German, Spanish, Italian,
    /// Dutch and their neighbours, plus typographic punctuation that must separate words.
    private static let latinTable: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"),
            ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"),
            ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"),
            ("ŚśŜŝŞşŠš", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"),
            ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"),
        ]
        for (letters, base) in groups {
            for s in letters.unicodeScalars { table[s.value] = base }
        }
        let specials: [(Character, String)] = [
            ("Æ", "ae"), ("æ", "ae"), ("Œ", "oe"), ("œ", "oe"), ("ß", "ss"), ("Þ", "th"), ("þ", "th"),
            ("Ð", "d"), ("ð", "d"), ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{00A0}", " "),
            ("\u{2010}", "-"), ("\u{2011}", "-"), ("\u{2013}", "-"), ("\u{2014}", "-"),
            ("«", " "), ("»", " "), ("°", " "),
        ]
        for (c, s) in specials {
            for scalar in String(c).unicodeScalars { table[scalar.value] = s }
        }
        return table
    }()
}
