import Foundation

/// The retention warning: the office still has the person's details since their last exchange,
/// will forget them on a given day, unless they say they want it to keep them.
struct ReactivationEmail {
    var office: String
    var lastInteraction: Date
    var forgetOn: Date
    var keepLink: String
    var unsubscribeLink: String
    var english: Bool

    var subject: String { english ? "\(office) will soon forget your details" : "\(office) va bientôt effacer vos coordonnées" }

    var body: String {
        let locale = Locale(identifier: english ? "en_GB" : "fr_FR")
        let last = lastInteraction.formatted(.dateTime.month(.wide).year().locale(locale))
        let day = forgetOn.formatted(.dateTime.day().month(.wide).year().locale(locale))
        if english {
            return """
            Hello,

            \(office) has kept your contact details since your last exchange with it (\(last)).
            Without news from you, they will be erased on \(day).

            If you would like the office to keep them, open this link and press the button:
            \(keepLink)

            Otherwise there is nothing to do. To receive nothing more from the office: \(unsubscribeLink)
            """
        }
        return """
        Bonjour,

        \(office) conserve vos coordonnées depuis votre dernier échange (\(last)).
        Sans nouvelle de votre part, elles seront effacées le \(day).

        Si vous souhaitez que l'office les garde, ouvrez ce lien et appuyez sur le bouton :
        \(keepLink)

        Sinon, vous n'avez rien à faire. Pour ne plus rien recevoir de l'office : \(unsubscribeLink)
        """
    }
}
