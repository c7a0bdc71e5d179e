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

/// `{"elementReferenceType": "…", "id": 201, "libelleFr": …}`: an id, with its labels when inline.
struct ApidaeReference: Decodable {
    var id: Int?
    var label: LocalizedText

    enum CodingKeys: String, CodingKey { case id }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try? c.decodeIfPresent(Int.self, forKey: .id)
        label = (try? ApidaeText(from: decoder))?.text ?? .init()
    }
}

/// Decodes a value when it has the expected shape and gives nil otherwise: for optional blocks,
/// where a malformed value must not cost the record (the raw JSON is kept anyway).
struct Lenient<T: Decodable>: Decodable {
    var value: T?
    init(from decoder: Decoder) throws { value = try? T(from: decoder) }
}
