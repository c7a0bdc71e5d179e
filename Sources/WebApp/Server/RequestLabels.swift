import CRM

/// The new request fields as the counter words them (the tablet app's categories), in French or English.
enum RequestLabels {
    static func type(_ type: InformationRequest.RequestType, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch type {
        case .practical: fr ? "Pratique" : "Practical"
        case .shop: fr ? "Boutique, billetterie" : "Shop, tickets"
        case .events: fr ? "Événements" : "Events"
        case .accommodation: fr ? "Hébergement" : "Accommodation"
        case .activities: fr ? "Activités et patrimoine" : "Activities and heritage"
        case .tourism: fr ? "Information touristique" : "Tourist information"
        }
    }

    static func zone(_ zone: InformationRequest.Stay.Zone, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch zone {
        case .hyperlocal: fr ? "Hyperlocal (la commune)" : "Hyperlocal (the town)"
        case .local: fr ? "Local (le territoire de l'office)" : "Local (the office's area)"
        case .other: fr ? "Ailleurs" : "Elsewhere"
        }
    }

    static func accommodation(_ mode: InformationRequest.Stay.Accommodation, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch mode {
        case .hotel: fr ? "Hôtel" : "Hotel"
        case .campsite: fr ? "Camping" : "Campsite"
        case .rental: fr ? "Location, meublé" : "Rental"
        case .guestHouse: fr ? "Chambre d'hôtes" : "Guest house"
        case .friendsAndFamily: fr ? "Famille, amis" : "Friends and family"
        case .secondHome: fr ? "Résidence secondaire" : "Second home"
        case .camperVan: fr ? "Camping-car" : "Camper van"
        case .groupLodge: fr ? "Hébergement collectif" : "Group lodge"
        case .none: fr ? "Sans hébergement (excursion)" : "None (day trip)"
        case .other: fr ? "Autre" : "Other"
        }
    }

    /// Every code of the statistics tables in words (codes of older requests stay as they are).
    static func words(_ language: UILanguage) -> [String: String] {
        var words: [String: String] = [:]
        for t in InformationRequest.RequestType.allCases { words[t.rawValue] = type(t, language) }
        for z in InformationRequest.Stay.Zone.allCases { words[z.rawValue] = zone(z, language) }
        for a in InformationRequest.Stay.Accommodation.allCases { words[a.rawValue] = accommodation(a, language) }
        for p in InformationRequest.Party.Kind.allCases { words[p.rawValue] = DeskLabels.party(p, language) }
        for m in InformationRequest.ContactMode.allCases { words[m.rawValue] = DeskLabels.mode(m, language) }
        return words
    }
}
