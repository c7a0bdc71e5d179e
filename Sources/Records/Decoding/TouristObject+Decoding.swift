import Foundation

extension TouristObject {
    /// Decodes one object from its JSON bytes.
    ///
    /// - Parameter labels: `MoyenCommunicationType` labels from an `elements_reference.json`, used
    ///   where the object gives only the reference id.
    /// - Throws: a `String` reason (the caller adds file, index and id) when the object has no usable
    ///   id, type or name, or when one of those has the wrong type.
    public static func decode(json: Data, labels: [Int: String] = [:]) throws(DecodeFailure) -> TouristObject {
        let dto: ApidaeObjectDTO
        do {
            dto = try JSONDecoder().decode(ApidaeObjectDTO.self, from: json)
        } catch let error as DecodingError {
            throw DecodeFailure(id: Self.peekId(json), reason: error.reason)
        } catch {
            throw DecodeFailure(id: Self.peekId(json), reason: "\(error)")
        }
        return try TouristObject(dto: dto, labels: labels)
    }

    /// Why a record could not be decoded, with its id when one could be read.
    public struct DecodeFailure: Error, Sendable {
        public var id: Int?
        public var reason: String
    }

    init(dto: ApidaeObjectDTO, labels: [Int: String]) throws(DecodeFailure) {
        guard !dto.type.isEmpty else { throw DecodeFailure(id: dto.id, reason: "empty type") }
        guard let name = dto.nom?.text, !name.isEmpty else {
            throw DecodeFailure(id: dto.id, reason: "missing name (nom.libelleFr or another language)")
        }
        let gestion = dto.gestion?.value
        let loc = dto.localisation?.value
        let adresse = loc?.adresse
        let commune: CommuneReference? = adresse?.commune.map {
            CommuneReference(apidaeId: $0.id, insee: $0.code, name: $0.nom, postalCode: $0.codePostal ?? adresse?.codePostal)
        }
        var location: GeoPoint?
        if let c = loc?.geolocalisation?.geoJson?.coordinates?.value, c.count >= 2 {
            let p = GeoPoint(latitude: c[1], longitude: c[0])  // GeoJSON is [lon, lat]
            location = p.isPlausible ? p : nil
        }
        let communications = (dto.informations?.value?.moyensCommunication ?? []).compactMap { $0.value }
            .compactMap { m -> CommunicationMean? in
                guard let value = m.coordonnees?["fr"] ?? m.coordonnees?.values.sorted().first ?? m.coordonnee,
                      !value.isEmpty else { return nil }
                let typeId = m.type?.id
                return CommunicationMean(typeId: typeId, label: m.type?.label.text("fr") ?? typeId.flatMap { labels[$0] },
                                         value: value)
            }
        var media = dto.illustrations?.value ?? []
        if let main = dto.imagePrincipale?.value { media.insert(main, at: 0) }
        media += dto.images?.value ?? []
        let illustrations = media.compactMap { m -> Illustration? in
            guard m.type != "PLAN", let f = m.traductionFichiers?.lazy.compactMap(\.value).first,
                  let url = f.url ?? f.urlFiche ?? f.urlListe else { return nil }
            return Illustration(url: url, listUrl: f.urlListe, sheetUrl: f.urlFiche, width: f.largeur, height: f.hauteur,
                                byteSize: f.taille, caption: m.legende?.text ?? m.nom?.text ?? .init(),
                                copyright: m.copyright?.text ?? .init())
        }
        let ouverture = dto.ouverture?.value
        let periods = (ouverture?.periodesOuvertures ?? []).compactMap(\.value).map { p in
            OpeningPeriod(start: p.dateDebut, end: max(p.dateFin ?? p.dateDebut, p.dateDebut), everyYear: p.tousLesAns ?? false,
                          kind: p.type, hours: p.complementHoraire?.text ?? .init())
        }
        let tarif = dto.descriptionTarif?.value
        let pricePeriods = (tarif?.periodes ?? []).compactMap(\.value).map { p in
            PricePeriod(start: p.dateDebut?.value, end: p.dateFin?.value, prices: (p.tarifs ?? []).compactMap(\.value).map {
                Price(minimum: $0.minimum, maximum: $0.maximum, currency: $0.devise, typeId: $0.type?.id,
                      typeLabel: $0.type?.label.text("fr"), precision: $0.precisionTarif?.text ?? .init())
            })
        }
        self.init(
            id: dto.id, type: ObjectType(apidae: dto.type), name: name,
            shortDescription: dto.presentation?.value?.descriptifCourt?.text ?? .init(),
            longDescription: dto.presentation?.value?.descriptifDetaille?.text ?? .init(),
            owner: gestion?.membreProprietaire.map { Member(id: $0.id, name: $0.nom) },
            address: Address(lines: [adresse?.adresse1, adresse?.adresse2, adresse?.adresse3].compactMap { $0 }.filter { !$0.isEmpty },
                             postalCode: adresse?.codePostal ?? commune?.postalCode, commune: commune),
            location: location, communications: communications, illustrations: illustrations,
            openingText: ouverture?.periodeEnClair?.text ?? .init(), openingPeriods: periods,
            priceText: tarif?.tarifsEnClair?.text ?? .init(), pricePeriods: pricePeriods, isFree: tarif?.gratuit,
            created: gestion?.dateCreation.flatMap(ApidaeTimestamp.parse),
            modified: gestion?.dateModification.flatMap(ApidaeTimestamp.parse),
            formatVersion: dto.formatVersion
        )
    }

    /// The object's id read leniently, to name a record that failed to decode.
    static func peekId(_ json: Data) -> Int? {
        struct IdOnly: Decodable { var id: Int? }
        return (try? JSONDecoder().decode(Lenient<IdOnly>.self, from: json))?.value?.id
    }
}

extension DecodingError {
    /// A one-line reason naming the JSON path, e.g. "nom.libelleFr: expected String, found number".
    var reason: String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case let .keyNotFound(key, ctx):
            let p = path(ctx.codingPath + [key])
            return "missing \(p)"
        case let .typeMismatch(type, ctx):
            return "\(path(ctx.codingPath)): expected \(type)"
        case let .valueNotFound(type, ctx):
            return "\(path(ctx.codingPath)): null where \(type) was expected"
        case let .dataCorrupted(ctx):
            let p = path(ctx.codingPath)
            return (p.isEmpty ? "" : "\(p): ") + "invalid JSON (\(ctx.debugDescription))"
        @unknown default:
            return "\(self)"
        }
    }
}
