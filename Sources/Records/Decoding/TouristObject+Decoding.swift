import Foundation

extension TouristObject {
    /// Why a record could not be decoded, with its id when one could be read.
    public struct DecodeFailure: Error, Sendable {
        public var id: Int?
        public var reason: String
    }

    /// Decodes one object from its JSON bytes (format v001 or v002).
    ///
    /// - Parameters:
    ///   - labels: `MoyenCommunicationType` labels from an `elements_reference.json`, used where the
    ///     object gives only the reference id.
    ///   - keeping: the parts of the JSON to build (the rest is checked, not built): an object read
    ///     for the cache's columns only leaves its descriptions, prices and contacts empty.
    /// - Throws: `DecodeFailure` when the JSON is invalid or the object has no usable id, type or
    ///   name. Other blocks are read leniently: a malformed optional block is left out of the model
    ///   (the raw JSON, kept in the cache, still has it).
    public static func decode(json: some Collection<UInt8>, labels: [Int: String] = [:], keeping parts: JSONSelection = .all) throws(DecodeFailure) -> TouristObject {
        let value: JSONValue
        do { value = try JSONParser.parse(json, keeping: parts) } catch { throw DecodeFailure(id: nil, reason: error.description) }
        return try TouristObject(json: value, labels: labels)
    }

    public init(json o: JSONValue, labels: [Int: String] = [:]) throws(DecodeFailure) {
        guard o.members != nil else { throw DecodeFailure(id: nil, reason: "not a JSON object but \(o.kindName)") }
        guard let idValue = o["id"] else { throw DecodeFailure(id: nil, reason: "missing id") }
        guard let id = idValue.int else { throw DecodeFailure(id: nil, reason: "id: expected an integer, found \(idValue.kindName)") }
        guard let typeValue = o["type"] else { throw DecodeFailure(id: id, reason: "missing type") }
        guard let typeCode = typeValue.string, !typeCode.isEmpty else {
            throw DecodeFailure(id: id, reason: "type: expected an Apidae type name, found \(typeValue.kindName)")
        }
        let name: LocalizedText
        do { name = try ApidaeJSON.strictText(o["nom"], path: "nom") } catch { throw DecodeFailure(id: id, reason: error.reason) }
        guard !name.isEmpty else { throw DecodeFailure(id: id, reason: "missing name (nom.libelleFr or another language)") }

        let gestion = o["gestion"]
        let presentation = o["presentation"]
        let ouverture = o["ouverture"]
        let tarif = o["descriptionTarif"]
        var media = o["illustrations"]?.array ?? []
        if let main = o["imagePrincipale"], main.members != nil { media.insert(main, at: 0) }
        media += o["images"]?.array ?? []
        self.init(
            id: id, type: ObjectType(apidae: typeCode), name: name,
            shortDescription: ApidaeJSON.text(presentation?["descriptifCourt"]),
            longDescription: ApidaeJSON.text(presentation?["descriptifDetaille"]),
            owner: gestion?["membreProprietaire"].flatMap { m in m["id"]?.int.map { Member(id: $0, name: m["nom"]?.string) } },
            address: ApidaeJSON.address(o["localisation"]?["adresse"]),
            location: ApidaeJSON.location(o["localisation"]?["geolocalisation"]),
            communications: (o["informations"]?["moyensCommunication"]?.array ?? []).compactMap { ApidaeJSON.communication($0, labels) },
            illustrations: media.compactMap(ApidaeJSON.illustration),
            openingText: ApidaeJSON.text(ouverture?["periodeEnClair"]),
            openingPeriods: (ouverture?["periodesOuvertures"]?.array ?? []).compactMap(ApidaeJSON.openingPeriod),
            priceText: ApidaeJSON.text(tarif?["tarifsEnClair"]),
            pricePeriods: (tarif?["periodes"]?.array ?? []).compactMap(ApidaeJSON.pricePeriod),
            isFree: tarif?["gratuit"]?.bool,
            created: gestion?["dateCreation"]?.string.flatMap(ApidaeTimestamp.parse),
            modified: gestion?["dateModification"]?.string.flatMap(ApidaeTimestamp.parse),
            formatVersion: o["formatVersion"]?.string
        )
    }
}

/// Readers of the Apidae blocks, lenient: a value of the wrong shape reads as absent.
enum ApidaeJSON {
    struct PathError: Error { var reason: String }

    /// `{"libelleFr": …, "libelleEn": …}`; other keys (`id`, `ordre`…) are ignored.
    static func text(_ value: JSONValue?) -> LocalizedText {
        guard let members = value?.members else { return LocalizedText() }
        var values: [String: String] = [:]
        for (key, v) in members where key.hasPrefix("libelle") && key.utf8.count > 7 {
            if let s = v.string { values[language(ofLabelKey: key)] = s }
        }
        return LocalizedText(values)
    }

    /// `libelleFr` → `fr`: the usual two-letter suffixes without Unicode case mapping (a tenth of
    /// the text blocks' decoding time), anything else lowercased.
    static func language(ofLabelKey key: String) -> String {
        let suffix = key.utf8.dropFirst(7)
        if suffix.count == 2, let first = suffix.first, let second = suffix.last,
           first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"), second >= UInt8(ascii: "a"), second <= UInt8(ascii: "z") {
            return String(decoding: [first + 32, second], as: UTF8.self)
        }
        return String(key.dropFirst(7)).lowercased()
    }

    /// Like `text`, but a present value of the wrong shape is an error naming its path.
    static func strictText(_ value: JSONValue?, path: String) throws(PathError) -> LocalizedText {
        guard let value else { return LocalizedText() }
        guard let members = value.members else { throw PathError(reason: "\(path): expected an object of libelles, found \(value.kindName)") }
        for (key, v) in members where key.hasPrefix("libelle") && v.string == nil && v != .null {
            throw PathError(reason: "\(path).\(key): expected a string, found \(v.kindName)")
        }
        return text(value)
    }

    static func day(_ value: JSONValue?) -> CalendarDay? { value?.string.flatMap { CalendarDay(iso: $0) } }

    static func address(_ a: JSONValue?) -> Address {
        let postal = a?["codePostal"]?.string
        let commune = a?["commune"].flatMap { c -> CommuneReference? in
            guard c.members != nil else { return nil }
            return CommuneReference(apidaeId: c["id"]?.int, insee: c["code"]?.string, name: c["nom"]?.string,
                                    postalCode: c["codePostal"]?.string ?? postal)
        }
        let lines = ["adresse1", "adresse2", "adresse3"].compactMap { a?[$0]?.string }.filter { !$0.isEmpty }
        return Address(lines: lines, postalCode: postal ?? commune?.postalCode, commune: commune)
    }

    /// GeoJSON `[longitude, latitude]`; absent, malformed or implausible positions read as nil.
    static func location(_ g: JSONValue?) -> GeoPoint? {
        guard let c = g?["geoJson"]?["coordinates"]?.array, c.count >= 2, let lon = c[0].double, let lat = c[1].double else {
            return nil
        }
        let p = GeoPoint(latitude: lat, longitude: lon)
        return p.isPlausible ? p : nil
    }

    /// v002 `coordonnees: {"fr": …}`, v001 also `coordonnee: "…"`.
    static func communication(_ m: JSONValue, _ labels: [Int: String]) -> CommunicationMean? {
        let byLocale = m["coordonnees"]?.members ?? []
        let value = byLocale.first { $0.0 == "fr" }?.1.string ?? byLocale.lazy.compactMap { $0.1.string }.first ?? m["coordonnee"]?.string
        guard let value, !value.isEmpty else { return nil }
        let typeId = m["type"]?["id"]?.int
        return CommunicationMean(typeId: typeId, label: text(m["type"]).text("fr") ?? typeId.flatMap { labels[$0] }, value: value)
    }

    static func illustration(_ m: JSONValue) -> Illustration? {
        guard m["type"]?.string != "PLAN",
              let f = m["traductionFichiers"]?.array?.first(where: { $0.members != nil }),
              let url = f["url"]?.string ?? f["urlFiche"]?.string ?? f["urlListe"]?.string else { return nil }
        let caption = text(m["legende"])
        return Illustration(url: url, listUrl: f["urlListe"]?.string, sheetUrl: f["urlFiche"]?.string,
                            width: f["largeur"]?.int, height: f["hauteur"]?.int, byteSize: f["taille"]?.int,
                            caption: caption.isEmpty ? text(m["nom"]) : caption, copyright: text(m["copyright"]))
    }

    static func openingPeriod(_ p: JSONValue) -> OpeningPeriod? {
        guard let start = day(p["dateDebut"]) else { return nil }
        let end = day(p["dateFin"]) ?? start
        return OpeningPeriod(start: start, end: max(start, end), everyYear: p["tousLesAns"]?.bool ?? false,
                             kind: p["type"]?.string, hours: text(p["complementHoraire"]))
    }

    static func pricePeriod(_ p: JSONValue) -> PricePeriod? {
        guard p.members != nil else { return nil }
        let prices = (p["tarifs"]?.array ?? []).compactMap { t -> Price? in
            guard t.members != nil else { return nil }
            return Price(minimum: t["minimum"]?.double, maximum: t["maximum"]?.double, currency: t["devise"]?.string,
                         typeId: t["type"]?["id"]?.int, typeLabel: text(t["type"]).text("fr"), precision: text(t["precisionTarif"]))
        }
        return PricePeriod(start: day(p["dateDebut"]), end: day(p["dateFin"]), prices: prices)
    }
}

extension DecodingError {
    /// A one-line reason naming the JSON path, e.g. "id: expected Int".
    var reason: String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case let .keyNotFound(key, ctx): return "missing \(path(ctx.codingPath + [key]))"
        case let .typeMismatch(type, ctx): return "\(path(ctx.codingPath)): expected \(type)"
        case let .valueNotFound(type, ctx): return "\(path(ctx.codingPath)): null where \(type) was expected"
        case let .dataCorrupted(ctx):
            let p = path(ctx.codingPath)
            return (p.isEmpty ? "" : "\(p): ") + "invalid JSON (\(ctx.debugDescription))"
        @unknown default: return "\(self)"
        }
    }
}
