import Foundation

/// Every country of ISO 3166-1, named in the interface's language (Foundation's ICU data), for the
/// counter form's "other country" field; the frequent ones stay as big buttons (`DeskLabels.countries`).
enum Countries {
    /// Codes ICU knows that are not ISO 3166-1 countries (continents, reserved and private codes).
    static let notCountries: Set<String> = ["AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"]

    static let codes: [String] = Locale.Region.isoRegions.map(\.identifier)
        .filter { $0.count == 2 && $0.allSatisfy(\.isLetter) && !notCountries.contains($0) }

    /// Code and name, by name.
    static func all(_ language: UILanguage) -> [(code: String, name: String)] {
        codes.map { ($0, language.locale.localizedString(forRegionCode: $0) ?? $0) }
            .sorted { $0.name.compare($1.name, locale: language.locale) == .orderedAscending }
    }

    /// The code of a country typed or picked: its code, or its name in French or English (accents
    /// and case ignored); nil when unknown.
    static func code(for text: String) -> String? {
        let key = fold(text)
        if key.count == 2, codes.contains(key.uppercased()) { return key.uppercased() }
        for language in UILanguage.allCases {
            if let found = codes.first(where: { fold(language.locale.localizedString(forRegionCode: $0) ?? "") == key }) { return found }
        }
        return nil
    }

    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
