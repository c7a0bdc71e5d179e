import Foundation

/// Where a printed website, email or phone number takes a reader who taps it.
enum ContactLinks {
    /// `https://…` for a website (`www.example.fr` gets `https://`); nil for any other scheme.
    static func website(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(" ") else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return trimmed }
        guard !lower.contains("://"), !lower.hasPrefix("mailto:"), lower.contains(".") else { return nil }
        return "https://" + trimmed
    }

    /// `mailto:` for something that looks like one address.
    static func email(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(" ") else { return nil }
        return "mailto:" + trimmed
    }

    /// `tel:` in E.164 for a French number (`04 79 00 00 01`, `+33 (0)4 79…`, `0033 4 79…`) or an
    /// international one written with its `+`; nil when the number does not parse as either.
    static func phone(_ text: String) -> String? {
        var t = text.replacingOccurrences(of: "(0)", with: "")
        let plus = t.trimmingCharacters(in: .whitespaces).hasPrefix("+")
        t = t.filter { $0.isASCII && $0.isNumber }
        if !plus, t.hasPrefix("00") { return phone("+" + t.dropFirst(2)) }
        if plus {
            guard t.first != "0" else { return nil }  // no country code starts with 0
            // E.164: a country code and at most 15 digits; France: 33 then 9 digits.
            if t.hasPrefix("33") { return t.count == 11 ? "tel:+" + t : nil }
            return (8...15).contains(t.count) ? "tel:+" + t : nil
        }
        guard t.count == 10, t.hasPrefix("0"), t.dropFirst().first != "0" else { return nil }
        return "tel:+33" + t.dropFirst()
    }
}
