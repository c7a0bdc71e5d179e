import Foundation

/// The words of the quick-entry page and of the device's queue (`offline.js`), in both languages.
extension UIText {
    static let tabletFrench: [String: String] = [
        "quickEntry": "Saisie rapide", "quickHint": "Les critères principaux d'abord ; « Suivant » pour les coordonnées.",
        "communeOrPostcode": "Commune ou code postal", "keypad": "Pavé numérique", "keypadClear": "Effacer le nombre",
        "keypadBack": "Effacer le dernier chiffre", "validate": "Valider", "next": "Suivant", "back": "Retour",
        "queueTitle": "Saisies en attente d'envoi", "sendNow": "Envoyer maintenant", "queueEmpty": "Aucune saisie en attente.",
        "waitingToSend": "en attente", "ownRecords": "Fiches de l'office, même hors ligne",
        "ownRecordsSearch": "Nom d'une fiche de l'office", "deviceBasket": "Panier de la tablette",
        "deviceBasketHint": "Les fiches choisies ici rejoignent votre panier au retour du réseau ; la brochure PDF se fait alors.",
        "offlineWhatTitle": "Sans réseau",
        "offlineWorks": "Fonctionne : la saisie des demandes (gardées sur la tablette), la recherche dans les fiches de l'office, le panier.",
        "offlineWaits": "Attend le réseau : l'envoi des saisies, la brochure PDF, les e-mails, la recherche dans toute la région, les photos.",
        "offlineSession": "La tablette reste connectée au plus 12 heures ; à la déconnexion, les saisies sont envoyées ou supprimées, puis plus rien ne reste sur l'appareil.",
        "offlineSessionEnded": "La session est terminée sur cette tablette : reconnectez-vous quand le réseau revient. Les saisies en attente restent ici.",
    ]

    static let tabletEnglish: [String: String] = [
        "quickEntry": "Quick entry", "quickHint": "The main criteria first; “Next” for the visitor's details.",
        "communeOrPostcode": "Town or postcode", "keypad": "Keypad", "keypadClear": "Clear the number",
        "keypadBack": "Delete the last digit", "validate": "Save", "next": "Next", "back": "Back",
        "queueTitle": "Entries waiting to be sent", "sendNow": "Send now", "queueEmpty": "No entry waiting.",
        "waitingToSend": "waiting", "ownRecords": "The office's records, even offline",
        "ownRecordsSearch": "Name of an office record", "deviceBasket": "This tablet's basket",
        "deviceBasketHint": "Records chosen here join your basket when the network is back; the PDF brochure is made then.",
        "offlineWhatTitle": "Without network",
        "offlineWorks": "Works: recording requests (kept on the tablet), searching the office's records, the basket.",
        "offlineWaits": "Waits for the network: sending the entries, the PDF brochure, e-mails, searching the whole region, photos.",
        "offlineSession": "The tablet stays signed in for 12 hours at most; at sign-out, entries are sent or deleted, then nothing stays on the device.",
        "offlineSessionEnded": "The session has ended on this tablet: sign in again when the network is back. The entries waiting stay here.",
    ]

    /// What `offline.js` says, `{n}`/`{id}`/`{reason}` filled in by the script.
    static func tabletScript(_ language: UILanguage) -> [String: String] {
        language == .fr ? [
            "online": "En ligne : les saisies partent aussitôt.",
            "offline": "Hors ligne : les saisies restent sur la tablette et partiront au retour du réseau.",
            "savedOnDevice": "Saisie gardée sur la tablette.", "sentAs": "Demande n° {id} enregistrée.",
            "nothingToSave": "Rien à enregistrer : choisissez au moins un critère.", "queueEmpty": "Aucune saisie en attente.",
            "queueCount": "{n} saisie(s) en attente d'envoi.", "waiting": "En attente d'envoi", "rejected": "Refusée : {reason}",
            "otherAccount": "Saisie d'un autre compte : connectez-vous avec ce compte pour l'envoyer.",
            "sessionOver": "Session terminée : reconnectez-vous pour envoyer les saisies.", "sending": "Envoi…",
            "edit": "Corriger", "discard": "Supprimer", "discardConfirm": "Supprimer cette saisie ? Elle ne sera jamais envoyée.",
            "entryAt": "Saisie de {time}", "editing": "Correction de la saisie de {time} : validez pour la renvoyer.",
            "ownCountOne": "{n} fiche de l'office sur la tablette.", "ownCountMany": "{n} fiches de l'office sur la tablette.", "ownTruncated": "Les {n} premières seulement.",
            "ownNone": "Aucune fiche de l'office sur la tablette : ouvrez cette page une fois en ligne.",
            "ownNoMatch": "Aucune fiche ne correspond.", "addDevice": "Ajouter « {name} » au panier", "addShort": "Ajouter",
            "inBasket": "Dans le panier", "basketEmpty": "Le panier de la tablette est vide.", "removeDevice": "Retirer « {name} »",
            "logoutPending": "{n} saisie(s) ne sont pas envoyées. Elles contiennent des données de visiteurs : envoyez-les ou supprimez-les avant de vous déconnecter.",
            "logoutSend": "Envoyer maintenant", "logoutDiscard": "Supprimer et se déconnecter", "cancel": "Annuler",
            "loggedOutOffline": "Déconnecté de cette tablette : plus rien n'y reste. La session sera fermée au retour du réseau.",
        ] : [
            "online": "Online: entries are sent at once.",
            "offline": "Offline: entries stay on the tablet and will be sent when the network is back.",
            "savedOnDevice": "Entry kept on the tablet.", "sentAs": "Request no. {id} recorded.",
            "nothingToSave": "Nothing to record: choose at least one criterion.", "queueEmpty": "No entry waiting.",
            "queueCount": "{n} entry(ies) waiting to be sent.", "waiting": "Waiting to be sent", "rejected": "Refused: {reason}",
            "otherAccount": "Entry of another account: sign in with that account to send it.",
            "sessionOver": "Session ended: sign in again to send the entries.", "sending": "Sending…",
            "edit": "Correct", "discard": "Delete", "discardConfirm": "Delete this entry? It will never be sent.",
            "entryAt": "Entry of {time}", "editing": "Correcting the entry of {time}: save to send it again.",
            "ownCountOne": "{n} office record on the tablet.", "ownCountMany": "{n} office records on the tablet.", "ownTruncated": "The first {n} only.",
            "ownNone": "No office record on the tablet: open this page once online.",
            "ownNoMatch": "No record matches.", "addDevice": "Add “{name}” to the basket", "addShort": "Add",
            "inBasket": "In the basket", "basketEmpty": "The tablet's basket is empty.", "removeDevice": "Remove “{name}”",
            "logoutPending": "{n} entry(ies) not sent. They hold visitors' data: send or delete them before signing out.",
            "logoutSend": "Send now", "logoutDiscard": "Delete and sign out", "cancel": "Cancel",
            "loggedOutOffline": "Signed out of this tablet: nothing stays on it. The session will be closed when the network is back.",
        ]
    }
}
