/// The parts of an Apidae object's JSON that `TouristObject` models, in both format versions.
/// v001 (2014 Sitra): `coordonnee` + `coordonnees`, `imagePrincipale` + `images`.
/// v002: `coordonnees: {"fr": …}`, `illustrations[].traductionFichiers[]`.
struct ApidaeObjectDTO: Decodable {
    var id: Int
    var type: String
    var nom: ApidaeText?
    var gestion: Lenient<Gestion>?
    var informations: Lenient<Informations>?
    var presentation: Lenient<Presentation>?
    var localisation: Lenient<Localisation>?
    var ouverture: Lenient<Ouverture>?
    var descriptionTarif: Lenient<DescriptionTarif>?
    var illustrations: Lenient<[Media]>?
    var imagePrincipale: Lenient<Media>?
    var images: Lenient<[Media]>?
    var formatVersion: String?

    struct Gestion: Decodable {
        var dateCreation: String?
        var dateModification: String?
        var membreProprietaire: Owner?
        struct Owner: Decodable { var id: Int; var nom: String? }
    }

    struct Informations: Decodable {
        var moyensCommunication: [Lenient<Communication>]?
    }

    struct Communication: Decodable {
        var type: ApidaeReference?
        var coordonnee: String?
        var coordonnees: [String: String]?
    }

    struct Presentation: Decodable {
        var descriptifCourt: ApidaeText?
        var descriptifDetaille: ApidaeText?
    }

    struct Localisation: Decodable {
        var adresse: Adresse?
        var geolocalisation: Geolocalisation?
        struct Adresse: Decodable {
            var adresse1: String?
            var adresse2: String?
            var adresse3: String?
            var codePostal: String?
            var commune: Commune?
        }
        struct Commune: Decodable {
            var id: Int?
            var code: String?
            var nom: String?
            var codePostal: String?
        }
        struct Geolocalisation: Decodable {
            var geoJson: GeoJSON?
            struct GeoJSON: Decodable { var coordinates: Lenient<[Double]>? }
        }
    }

    struct Ouverture: Decodable {
        var periodeEnClair: ApidaeText?
        var periodesOuvertures: [Lenient<Periode>]?
        struct Periode: Decodable {
            var dateDebut: CalendarDay
            var dateFin: CalendarDay?
            var tousLesAns: Bool?
            var type: String?
            var complementHoraire: ApidaeText?
        }
    }

    struct DescriptionTarif: Decodable {
        var gratuit: Bool?
        var tarifsEnClair: ApidaeText?
        var periodes: [Lenient<Periode>]?
        struct Periode: Decodable {
            var dateDebut: Lenient<CalendarDay>?
            var dateFin: Lenient<CalendarDay>?
            var tarifs: [Lenient<Tarif>]?
        }
        struct Tarif: Decodable {
            var devise: String?
            var minimum: Double?
            var maximum: Double?
            var precisionTarif: ApidaeText?
            var type: ApidaeReference?
        }
    }

    struct Media: Decodable {
        var type: String?
        var nom: ApidaeText?
        var legende: ApidaeText?
        var copyright: ApidaeText?
        var traductionFichiers: [Lenient<File>]?
        struct File: Decodable {
            var url: String?
            var urlListe: String?
            var urlFiche: String?
            var taille: Int?
            var hauteur: Int?
            var largeur: Int?
        }
    }
}
