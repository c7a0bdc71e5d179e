/// A French commune at one postal code, with a position when known.
public struct Commune: Sendable, Hashable, Codable {
    public var insee: String
    public var postalCode: String
    public var name: String
    public var latitude: Double?
    public var longitude: Double?

    public init(insee: String, postalCode: String, name: String, latitude: Double? = nil, longitude: Double? = nil) {
        self.insee = insee; self.postalCode = postalCode; self.name = name
        self.latitude = latitude; self.longitude = longitude
    }

    /// The département, from the INSEE code: "74010" → "74", "2A004" → "2A", "97411" → "974".
    public var department: String { String(insee.prefix(insee.hasPrefix("97") ? 3 : 2)) }

    /// The département a French postal code belongs to when the gazetteer does not know the code:
    /// its first two digits (three overseas; Corsica's 20000–20199 → 2A, 20200+ → 2B). Right for
    /// nearly every code; the gazetteer (`RecordStore.department`) knows the exceptions.
    public static func department(ofPostalCode postalCode: String) -> String? {
        guard postalCode.count == 5, postalCode.allSatisfy(\.isASCII), postalCode.allSatisfy(\.isNumber) else { return nil }
        if postalCode.hasPrefix("97") { return String(postalCode.prefix(3)) }
        if postalCode.hasPrefix("20") { return (Int(postalCode) ?? 0) < 20200 ? "2A" : "2B" }
        return String(postalCode.prefix(2))
    }

    public var location: GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// "HAUTEVILLE SUR MER" → "Hauteville sur Mer": La Poste writes names in capitals without
    /// accents; this is only used until an Apidae name (with its accents) is known.
    public static func displayName(fromLaPoste name: String) -> String {
        let small: Set<String> = ["sur", "sous", "le", "la", "les", "de", "du", "des", "en", "et", "aux", "au", "lès", "d", "l"]
        var words = name.lowercased().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        for i in words.indices {
            if words[i] == "st" { words[i] = "saint" } else if words[i] == "ste" { words[i] = "sainte" }
            if i == 0 || !small.contains(words[i]) { words[i] = words[i].prefix(1).uppercased() + words[i].dropFirst() }
        }
        return words.joined(separator: " ")
    }
}
