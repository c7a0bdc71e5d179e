import Consent
import Foundation

/// The confirmation email of a consent asked, in French or English: who collected the address,
/// where, when, why (the exact wordings, the partners named), the link that confirms and the one
/// that withdraws everything.
struct ConfirmationEmail {
    var office: String
    var agent: String
    var mode: CollectionMode
    var context: String?
    var at: Date
    var wordings: [Wording]
    var channels: [Channel]
    var partners: [String]
    var confirmLink: String
    var unsubscribeLink: String
    var preferencesLink: String
    var days: Int
    var english: Bool
    /// Asked of a person already among the office's contacts (a re-opt-in campaign).
    var reOptIn = false

    var subject: String { english ? "Please confirm: messages from \(office)" : "Confirmez votre accord : messages de \(office)" }

    var body: String {
        let date = at.formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: english ? "en_GB" : "fr_FR")))
        let place = [Self.mode(mode, english), context].compactMap { $0 }.joined(separator: ", ")
        let agreed = wordings.map { "  • \($0.text)" }.joined(separator: "\n")
        let by = channels.map { Self.channel($0, english) }.joined(separator: ", ")
        let partnerLine = partners.isEmpty ? "" : (english ? "\nThe partners: " : "\nLes partenaires : ") + partners.joined(separator: ", ") + "\n"
        let opening = switch (reOptIn, english) {
        case (true, true): "You are among the contacts of \(office). Would you like to keep receiving:"
        case (true, false): "Vous faites partie des contacts de \(office). Souhaitez-vous continuer à recevoir :"
        case (false, true): "On \(date), \(office) (\(agent)) noted your e-mail address (\(place)) and that you would like to receive:"
        case (false, false): "Le \(date), \(office) (\(agent)) a noté votre adresse e-mail (\(place)) et votre souhait de recevoir :"
        }
        if english {
            return """
            Hello,

            \(opening)
            \(agreed)
              By: \(by)
            \(partnerLine)
            Nothing will be sent to you unless you confirm, within \(days) days, by opening this link and pressing the button:
            \(confirmLink)

            If you did not ask for this, ignore this message.
            Your choices, purpose by purpose: \(preferencesLink)
            To withdraw everything at any time: \(unsubscribeLink)
            """
        }
        return """
        Bonjour,

        \(opening)
        \(agreed)
          Par : \(by)
        \(partnerLine)
        Rien ne vous sera envoyé sans votre confirmation : ouvrez ce lien dans les \(days) jours et appuyez sur le bouton.
        \(confirmLink)

        Si vous n'avez rien demandé, ignorez ce message.
        Vos choix, finalité par finalité : \(preferencesLink)
        Pour tout retirer à tout moment : \(unsubscribeLink)
        """
    }

    static func channel(_ channel: Channel, _ english: Bool) -> String {
        switch (channel, english) {
        case (.email, _): "e-mail"
        case (.sms, _): "SMS"
        case (.phone, false): "téléphone"
        case (.phone, true): "phone"
        case (.post, false): "courrier"
        case (.post, true): "post"
        }
    }

    static func mode(_ mode: CollectionMode, _ english: Bool) -> String {
        switch (mode, english) {
        case (.counter, false): "à l'accueil de l'office"
        case (.counter, true): "at the office's desk"
        case (.phone, false): "au téléphone"
        case (.phone, true): "on the phone"
        case (.email, false): "par e-mail"
        case (.email, true): "by e-mail"
        case (.fair, false): "sur un salon"
        case (.fair, true): "at a fair"
        case (.webForm, false): "sur un formulaire du site"
        case (.webForm, true): "on a web form"
        case (.fileImport, false): "dans un fichier de contacts"
        case (.fileImport, true): "in a contact list"
        case (.apidaeSync, false): "dans Apidae"
        case (.apidaeSync, true): "in Apidae"
        }
    }
}
