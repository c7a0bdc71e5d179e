import Foundation
import Records

extension DemoGenerator {
    static let totalWeight = DemoVocabulary.kinds.reduce(0) { $0 + $1.weight }

    /// One record: same `n` and seed, same record.
    func writeRecord(_ n: Int, into w: inout JSONWriter, rng: inout SplitMix64) {
        var pick = rng.int(0...(Self.totalWeight - 1))
        let kind = DemoVocabulary.kinds.first { pick -= $0.weight; return pick < 0 }!
        let communeIndex = Int(Double(communes.count) * pow(rng.unit(), 1.6))  // towns near the top are busier
        let commune = communes[min(communeIndex, communes.count - 1)]
        let member = Self.members[(communeIndex + rng.int(0...1)) % Self.members.count]
        let id = 100_000 + n
        let head = rng.pick(kind.heads)
        let place = rng.chance(0.25) ? DemoVocabulary.of(commune.name) : rng.pick(DemoVocabulary.places)
        let names = [("Fr", "\(head.0) \(place)"), ("En", "\(head.1) \(place)"), ("De", "\(head.2) \(place)")]
        let blurb = rng.pick(kind.blurbs)
        let lat = commune.latitude! + (rng.unit() - 0.5) * 0.08
        let lon = commune.longitude! + (rng.unit() - 0.5) * 0.11
        let created = firstDay.daysSinceEpoch - rng.int(30...3000)
        let modified = created + rng.int(0...25)
        let slug = TextFolding.tokens(names[0].1).joined(separator: "-")

        w.raw("{\"type\":\"\(kind.type.apidaeCode)\",\"id\":\(id),\"nom\":")
        w.libelles(names)
        w.raw(",\"identifier\":\"DEMO_\(id)\",\"state\":\"PUBLISHED\",\"gestion\":{\"dateCreation\":\"")
        w.raw(CalendarDay(daysSinceEpoch: created).description + "T08:12:\(10 + n % 50).000+0000\",\"dateModification\":\"")
        w.raw(CalendarDay(daysSinceEpoch: modified).description + "T16:45:\(10 + n % 50).512+0000\",\"membreProprietaire\":{\"type\":{\"elementReferenceType\":\"MembreSitraType\",\"id\":233},\"nom\":")
        w.string(member.name)
        w.raw(",\"id\":\(member.id)}},\"informations\":{\"moyensCommunication\":[")
        w.raw("{\"identifiant\":\(id * 10 + 1),\"type\":{\"elementReferenceType\":\"MoyenCommunicationType\",\"id\":201},\"coordonnees\":{\"fr\":\"04 \(70 + n % 30) \(10 + n % 89) \(10 + (n / 7) % 89) \(10 + (n / 3) % 89)\"}}")
        if kind.type != .patrimoineNaturel {
            w.raw(",{\"identifiant\":\(id * 10 + 2),\"type\":{\"elementReferenceType\":\"MoyenCommunicationType\",\"id\":204},\"coordonnees\":{\"fr\":\"contact@\(slug.prefix(30)).example.fr\"}}")
            w.raw(",{\"identifiant\":\(id * 10 + 3),\"type\":{\"elementReferenceType\":\"MoyenCommunicationType\",\"id\":205},\"coordonnees\":{\"fr\":\"https://www.\(slug.prefix(30)).example.fr/\"}}")
        }
        w.raw("]},\"presentation\":{\"descriptifCourt\":")
        w.libelles([("Fr", blurb.0), ("En", blurb.1), ("De", blurb.2)])
        w.raw(",\"descriptifDetaille\":")
        w.libelles([("Fr", "\(names[0].1), à \(commune.name).\r\n\(blurb.0)"), ("En", "\(names[1].1), in \(commune.name).\r\n\(blurb.1)")])
        w.raw("},\"localisation\":{\"adresse\":{\"adresse1\":")
        w.string("\(1 + n % 120) \(rng.pick(["rue", "route", "chemin", "place", "avenue"])) \(rng.pick(DemoVocabulary.places))")
        w.raw(",\"codePostal\":")
        w.string(commune.postalCode)
        w.raw(",\"commune\":{\"id\":\(Self.apidaeCommuneId(communes.firstIndex(of: commune) ?? 0))}}")
        if !rng.chance(0.02) {  // like the real files, a few records have no geometry
            w.raw(",\"geolocalisation\":{\"valide\":true,\"geoJson\":{\"type\":\"Point\",\"coordinates\":[\(Self.fixed(lon)),\(Self.fixed(lat))]}}")
        }
        w.raw("},")
        writeOpening(kind.type, n: n, into: &w, rng: &rng)
        writePrices(kind.type, into: &w, rng: &rng)
        w.raw(",\"illustrations\":[{\"identifiant\":\(id * 10),\"link\":false,\"type\":\"IMAGE\",\"nom\":")
        w.libelles([("Fr", names[0].1)])
        w.raw(",\"copyright\":{\"libelleFr\":\"Guichet démo\"},\"traductionFichiers\":[{\"locale\":\"fr\",")
        let path = "https://static.apidae-tourisme.com/filestore/objets-touristiques/images/\(id % 100)/\(id % 997)/\(id)"
        w.raw("\"url\":\"\(path).jpg\",\"urlListe\":\"\(path)-liste.jpg\",\"urlFiche\":\"\(path)-fiche.jpg\",\"extension\":\"jpg\",\"taille\":\(80_000 + n % 200_000),\"hauteur\":800,\"largeur\":1200}]}]")
        w.raw("}")
    }

    func writeOpening(_ type: ObjectType, n: Int, into w: inout JSONWriter, rng: inout SplitMix64) {
        w.raw("\"ouverture\":{")
        if type == .feteEtManifestation {
            let start = CalendarDay(daysSinceEpoch: firstDay.daysSinceEpoch + rng.int(0...729))
            let end = CalendarDay(daysSinceEpoch: start.daysSinceEpoch + (rng.chance(0.7) ? 0 : rng.int(1...3)))
            w.raw("\"periodeEnClair\":{\"libelleFr\":\"Le \(start.day)/\(start.month)/\(start.year).\"},")
            w.raw("\"periodesOuvertures\":[{\"identifiant\":\(n),\"dateDebut\":\"\(start)\",\"dateFin\":\"\(end)\",\"type\":\"OUVERTURE_TOUS_LES_JOURS\",\"tousLesAns\":false}]}")
        } else if rng.chance(0.6) {
            let summer = rng.chance(0.5)
            let (m1, m2) = summer ? (rng.int(4...6), rng.int(9...10)) : (12, 4)
            let year = firstDay.year
            let endYear = m2 < m1 ? year + 1 : year
            w.raw("\"periodeEnClair\":{\"libelleFr\":\"Du 01/\(String(m1).leftPadded(to: 2)) au 30/\(String(m2).leftPadded(to: 2)).\"},")
            w.raw("\"periodesOuvertures\":[{\"identifiant\":\(n),\"dateDebut\":\"\(year)-\(String(m1).leftPadded(to: 2))-01\",\"dateFin\":\"\(endYear)-\(String(m2).leftPadded(to: 2))-30\",\"type\":\"OUVERTURE_TOUS_LES_JOURS\",\"tousLesAns\":true}]}")
        } else {
            w.raw("\"periodeEnClair\":{\"libelleFr\":\"Toute l'année.\"}}")
        }
    }

    func writePrices(_ type: ObjectType, into w: inout JSONWriter, rng: inout SplitMix64) {
        if [.patrimoineNaturel, .equipement].contains(type) || rng.chance(0.15) {
            w.raw(",\"descriptionTarif\":{\"gratuit\":true}")
            return
        }
        let low = Double(rng.int(5...60))
        let high = low + Double(rng.int(5...90))
        w.raw(",\"descriptionTarif\":{\"gratuit\":false,\"tarifsEnClair\":{\"libelleFr\":\"De \(Int(low)) à \(Int(high)) €.\"},")
        w.raw("\"periodes\":[{\"tarifs\":[{\"devise\":\"EUR\",\"minimum\":\(low),\"maximum\":\(high),\"type\":{\"elementReferenceType\":\"TarifType\",\"id\":1466}}]}]}")
    }

    static func fixed(_ v: Double) -> String { String(format: "%.6f", v) }
}
