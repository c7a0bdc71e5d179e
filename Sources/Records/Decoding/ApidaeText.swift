/// Decodes `{"libelleFr": "…", "libelleEn": "…"}` into `LocalizedText`, ignoring the other keys a
/// reference element carries (`id`, `ordre`, `elementReferenceType`…). A libelle that is not a
/// string is a type error.
struct ApidaeText: Decodable {
    var text: LocalizedText

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var values: [String: String] = [:]
        for key in c.allKeys where key.stringValue.hasPrefix("libelle") && key.stringValue.count > 7 {
            if let v = try c.decodeIfPresent(String.self, forKey: key) {
                values[String(key.stringValue.dropFirst(7)).lowercased()] = v
            }
        }
        text = LocalizedText(values)
    }
}

