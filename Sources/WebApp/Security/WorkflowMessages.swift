import Consent
import Hummingbird
import Search
import Workflows

/// The use cases' and the search's refusals as the desk shows them: a status, a French sentence,
/// the field when there is one. A refusal that depends on what is stored (the basket's records, a
/// request without basket or email) is a 409: the same call may succeed once the data changes.
enum WorkflowMessages {
    static func describe(_ error: WorkflowError) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case .emptySelection: (.unprocessableContent, "Le panier est vide.", nil)
        case let .noKnownRecord(ids): (.unprocessableContent, "Aucune des fiches \(ids.map(String.init).joined(separator: ", ")) n'est dans le cache.", nil)
        case let .noBrochureRight(office): (.forbidden, "\(office) n'a pas l'option brochures (PREMIUM ou option brochures).", nil)
        case .noRecipient: (.conflict, "Ce contact n'a pas d'adresse e-mail : la réponse ne peut pas partir par e-mail.", nil)
        case .noBasketToAttach: (.conflict, "Cette demande n'a pas de panier à joindre.", nil)
        case let .unknownRecord(id): (.notFound, "Fiche \(id) introuvable.", "id")
        case let .basketFull(limit): (.unprocessableContent, "Le panier contient déjà \(limit) fiches.", nil)
        case .notInBasket: (.conflict, "ids : seulement les fiches du panier, chacune une fois.", "ids")
        case .unknownLayout: (.unprocessableContent, "layout : mise en page inconnue.", "layout")
        case .unknownLanguage: (.unprocessableContent, "language : langue inconnue.", "language")
        case .notDuplicates: (.unprocessableContent, "Ces deux contacts ne sont pas des doublons (même e-mail, ou mêmes nom, prénom et code postal).", "duplicate")
        case .regionForbidden: (.forbidden, "La recherche régionale est réservée aux offices PREMIUM.", "scope")
        case .noPostalAddress: (.unprocessableContent, "Le contact n'a pas d'adresse postale complète (nom, rue, commune) : complétez sa fiche.", "address")
        case .campaignsArePremium: (.forbidden, "Les campagnes sont réservées aux offices PREMIUM.", "tier")
        case let .timedOut(what): (.gatewayTimeout, "Délai dépassé : \(what).", nil)
        }
    }

    /// A consent link refused: nothing changed.
    static func describe(_ error: ConsentError) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case .tamperedToken: (.badRequest, "Ce lien n'est pas valide : il a été modifié ou ne vient pas de nous. Rien n'a été changé.", nil)
        case .expiredToken: (.gone, "Ce lien a expiré. Rien n'a été changé ; l'office peut vous envoyer un nouveau lien.", nil)
        case .usedToken: (.gone, "Ce lien a déjà servi. Rien n'a été changé.", nil)
        case let .invalid(field, reason): (.unprocessableContent, "\(field) : \(reason).", field)
        case .unavailable: ErrorMiddleware.unavailable
        case .storage: (.internalServerError, "Une erreur est survenue. Réessayez dans un instant.", nil)
        }
    }

    static func describe(_ error: SearchError) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case let .unknownPlace(place): (.notFound, "near : aucune commune, aucun code postal ou INSEE, ni « lat,lon » ne correspond à « \(place) ».", "near")
        case let .unknownType(type): (.badRequest, "type : type Apidae inconnu « \(type) ».", "type")
        case let .unknownCategory(category): (.badRequest, "category : catégorie inconnue « \(category) ».", "category")
        case .invalidRadius: (.badRequest, "radius : de 0 à 500 km.", "radius")
        case .radiusWithoutCentre: (.badRequest, "radius : un rayon demande un centre (near).", "radius")
        case let .invalidDateWindow(from, to): (.badRequest, "from/to : la période finit (\(to)) avant de commencer (\(from)).", "to")
        case let .invalidDate(date): (.badRequest, "date : AAAA-MM-JJ attendue, reçu « \(date) ».", nil)
        case let .invalidPaging(reason): (.badRequest, "pagination : \(reason).", nil)
        case .unavailable: ErrorMiddleware.unavailable
        case .storage, .snapshot: (.internalServerError, "Une erreur est survenue. Réessayez dans un instant.", nil)
        }
    }
}
