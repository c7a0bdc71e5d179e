import Consent
import Foundation
import Workflows

/// Consent states and events as the contact page words them, in French or English.
enum ConsentLabels {
    static func view(_ view: ConsentRecord.View, _ language: UILanguage) -> [String: Any] {
        [
            "states": view.states.filter { $0.channel == .email || $0.state != .none }.map {
                ["purpose": purpose($0.purpose, language), "channel": channel($0.channel, language), "state": state($0.state, language),
                 "code": $0.state.rawValue]
            },
            "events": view.events.reversed().map { e -> [String: Any] in
                let proof = [e.agent, e.ipAddress, e.userAgent, e.context, e.wordingVersion.map { "texte v\($0)" }].compactMap { $0 }.joined(separator: " · ")
                return ["at": e.at.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().locale(language.locale)),
                        "kind": kind(e.kind, language), "purpose": purpose(e.purpose, language), "channel": channel(e.channel, language), "proof": proof]
            },
        ]
    }

    static func purpose(_ purpose: Purpose, _ language: UILanguage) -> String {
        switch (purpose, language) {
        case (.own, .fr): "Informations de l'office"
        case (.own, .en): "The office's information"
        case (.partners, .fr): "Informations des partenaires"
        case (.partners, .en): "Partners' information"
        }
    }

    static func mode(_ mode: CollectionMode, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch mode {
        case .counter: fr ? "À l'accueil" : "At the desk"
        case .phone: fr ? "Au téléphone" : "On the phone"
        case .email: "E-mail"
        case .fair: fr ? "Salon, foire" : "Fair"
        case .webForm: fr ? "Formulaire du site" : "Web form"
        case .fileImport: fr ? "Fichier de contacts" : "Contact file"
        case .apidaeSync: "Apidae"
        }
    }

    static func channel(_ channel: Channel, _ language: UILanguage) -> String {
        switch (channel, language) {
        case (.email, _): "E-mail"
        case (.sms, _): "SMS"
        case (.phone, .fr): "Téléphone"
        case (.phone, .en): "Phone"
        case (.post, .fr): "Courrier"
        case (.post, .en): "Post"
        }
    }

    static func state(_ state: ConsentState, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch state {
        case .none: fr ? "Jamais demandé" : "Never asked"
        case .pending: fr ? "En attente de confirmation" : "Waiting for confirmation"
        case .confirmed: fr ? "Confirmé" : "Confirmed"
        case .refused: fr ? "Refusé" : "Refused"
        case .withdrawn: fr ? "Retiré" : "Withdrawn"
        case .expired: fr ? "Expiré" : "Expired"
        case .objected: fr ? "Opposition" : "Objected"
        }
    }

    /// An event is named after the state it leaves, but "asked", which is an act, not a wait.
    static func kind(_ kind: ConsentEvent.Kind, _ language: UILanguage) -> String {
        kind == .asked ? (language == .fr ? "Demandé" : "Asked") : state(ConsentState(kind), language)
    }
}
