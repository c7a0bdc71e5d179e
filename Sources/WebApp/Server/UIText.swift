import Foundation
import Hummingbird

/// The interface's languages: French first, English second. Chosen with `/language/fr|en`
/// (a cookie); the data (records, templates of replies, error sentences from the stores) keeps
/// its own language.
enum UILanguage: String, CaseIterable, Sendable {
    case fr, en

    static let cookieName = "guichet_lang"

    init(_ request: Request) {
        self = request.cookies[Self.cookieName].flatMap { UILanguage(rawValue: $0.value) } ?? .fr
    }

    var other: UILanguage { self == .fr ? .en : .fr }
    var label: String { self == .fr ? "Français" : "English" }
    var texts: [String: String] { self == .fr ? UIText.french : UIText.english }
    var locale: Locale { Locale(identifier: self == .fr ? "fr_FR" : "en_GB") }
}

/// The fixed words of the interface, by key, in both languages (the templates use `{{t.key}}`).
enum UIText {
    static let french: [String: String] = [
        "campaigns": "Campagnes", "campaignsHint": "Un message à une partie de vos contacts. Seuls ceux que le registre du consentement autorise le reçoivent, contrôlés encore au moment de l'envoi.",
        "noCampaigns": "Aucune campagne pour l'instant.", "newCampaign": "Nouvelle campagne", "createCampaign": "Créer le brouillon", "campaignName": "Nom de la campagne",
        "campaignOwn": "Communications de l'office", "campaignPartners": "Informations des partenaires", "campaignReOptIn": "Campagne de re-consentement",
        "campaignReOptInHint": "Envoie l'e-mail de confirmation du consentement aux contacts qui n'en ont jamais confirmé (importés, collectés avant) : ils ne recevront vos messages qu'après avoir confirmé.",
        "campaignSent": "Envoyés", "campaignWaiting": "En attente", "campaignWithheld": "Retenus par le registre à l'envoi", "campaignFailed": "Échecs",
        "campaignUnsubscribed": "Désinscrits depuis le lancement", "campaignExcludedAtLaunch": "Écartés au lancement", "campaignReport": "Bilan",
        "campaignRecipients": "destinataires autorisés", "campaignExcluded": "écartés", "campaignMessage": "Message et destinataires",
        "campaignFooterHint": "Guichet ajoute à chaque message le nom et l'adresse de l'office, la raison de l'envoi et un lien de désinscription en un clic.",
        "campaignBrochure": "Joindre la brochure de ma sélection actuelle", "campaignKeepBrochure": "Garder la brochure déjà jointe", "campaignSegment": "Destinataires",
        "campaignCriteria": "Critères Qualif+ (une ligne « critère=valeur »)", "campaignOrigins": "Origine : départements ou pays (ex. 74, 69, BE)",
        "campaignLanguages": "Langues (ex. fr, en)", "campaignEveryone": "Tous", "campaignB2C": "Particuliers", "campaignB2B": "Professionnels",
        "campaignSince": "Dernier contact à partir du", "campaignBefore": "Dernier contact avant le", "campaignRate": "Envois par minute",
        "campaignLaunch": "Lancer la campagne", "campaignLaunchConfirm": "Lancer la campagne ? Les messages partiront au rythme choisi ; elle ne pourra plus être modifiée.",
        "consentBoxes": "Accord pour recevoir des informations", "consentHint": "Cochez seulement ce que la personne demande : elle recevra un e-mail pour confirmer.",
        "consentTitle": "Consentement", "consentState": "État", "consentHistory": "Historique", "consentWithdraw": "Enregistrer un retrait entendu",
        "consentWithdrawContext": "Où, comment (ex. au téléphone)", "consentConfirmTitle": "Confirmer votre accord", "consentConfirmButton": "Je confirme",
        "consentDone": "C'est noté.", "consentUnsubscribeTitle": "Ne plus rien recevoir", "consentUnsubscribeButton": "Me désinscrire de toutes les listes",
        "consentSettings": "Consentement : textes et partenaires", "consentOwnWording": "Texte de la case « l'office »",
        "consentPartnersWording": "Texte de la case « partenaires »", "consentPartners": "Partenaires (un par ligne)", "purpose": "Finalité", "channel": "Canal",
        "event": "Événement", "consentPreferencesTitle": "Vos choix", "consentPreferencesHint": "Ce que vous acceptez de recevoir, et comment :", "consentObjectHint": "Ou, pour ne plus jamais être sollicité par cet office, même pour redonner votre accord :",
        "consentObjectButton": "M'opposer à tout envoi de cet office", "consentObjectHeard": "Enregistrer une opposition",
        "userDisabled": "Désactivé", "userActive": "Actif", "enableUser": "Réactiver", "disableUser": "Désactiver",
        "inviteUser": "Inviter un utilisateur", "invite": "Envoyer l'invitation",
        "inviteHint": "La personne reçoit par e-mail un lien valable 3 jours, une seule fois, pour choisir son mot de passe : personne d'autre ne le connaît.",
        "userEvents": "Historique des comptes", "userEventWhat": "Changement", "userEventBy": "Par", "account": "Mon compte",
        "changePassword": "Changer de mot de passe", "changePasswordHint": "10 caractères ou plus. Vos autres sessions ouvertes seront fermées.",
        "currentPassword": "Mot de passe actuel", "confirmPassword": "Confirmer le mot de passe", "setPassword": "Choisir ce mot de passe",
        "invitationWelcome": "Bienvenue sur Guichet. Choisissez le mot de passe du compte",
        "skip": "Aller au contenu", "mainNav": "Navigation principale", "search": "Recherche", "requests": "Demandes",
        "newRequest": "Nouvelle demande", "stats": "Statistiques", "admin": "Administration", "logout": "Déconnexion",
        "tagline": "L'outil d'accueil des offices de tourisme.", "email": "Adresse e-mail", "password": "Mot de passe", "signIn": "Se connecter",
        "backToSearch": "Retour à la recherche", "searchRecords": "Recherche de fiches", "recordName": "Nom de la fiche",
        "recordNameHint": "ex. château, camping, « cha »…", "suggestions": "Suggestions", "recordTypes": "Types de fiches",
        "place": "Commune, code postal ou « lat,lon »", "placeHint": "ex. Annecy, 74000", "radius": "Rayon :", "from": "Du", "to": "Au",
        "resultLanguage": "Langue des résultats", "wholeRegion": "Toutes les fiches de la région", "searchAction": "Rechercher", "clear": "Effacer",
        "saveSearch": "Enregistrer cette recherche…", "searchName": "Nom de la recherche", "shareWithOffice": "Partager avec l'office",
        "save": "Enregistrer", "savedSearches": "Recherches enregistrées", "office": "Office", "moreResults": "Plus de résultats", "basket": "Panier",
        "emptyBasket": "Le panier est vide : ajoutez des fiches depuis les résultats.", "layout": "Mise en page", "language": "Langue",
        "preview": "Aperçu", "download": "Télécharger le PDF", "print": "Imprimer", "previewAlt": "Aperçu de la première page de la brochure",
        "noBrochureRight": "Les brochures PDF sont comprises dans l'offre PREMIUM ou l'option brochures.",
        "requestWithBasket": "Enregistrer la demande avec ce panier", "requestsCaption": "Demandes de l'office, les plus récentes d'abord",
        "number": "N°", "date": "Date", "contact": "Contact", "mode": "Mode", "subject": "Objet", "status": "Statut", "agent": "Agent",
        "noRequests": "Aucune demande pour l'instant.", "contactMode": "Mode de contact", "who": "Qui ?", "partySize": "Nombre de personnes",
        "fromWhere": "D'où ?", "department": "Département", "commune": "Commune", "whichThemes": "Quels thèmes ?", "stay": "Séjour",
        "nights": "Nuits", "zone": "Zone", "zoneHint": "ex. Lac d'Annecy", "qualifPlus": "Qualif+ de l'office",
        "visitorDetails": "Coordonnées du visiteur (pour lui répondre)", "civility": "Civilité", "firstName": "Prénom", "lastName": "Nom",
        "phone": "Téléphone", "postalCode": "Code postal", "responseMode": "Réponse souhaitée", "notes": "Notes", "saveRequest": "Enregistrer la demande",
        "request": "Demande n°", "party": "Groupe", "origin": "Origine", "themes": "Thèmes", "qualification": "Qualification", "complete": "Complète",
        "incomplete": "Incomplète", "basketRecords": "Fiches du panier", "noBasketRecords": "Aucune fiche jointe à cette demande.", "reply": "Réponse",
        "attachBrochure": "Joindre la brochure PDF du panier",
        "smtpMissing": "Aucun serveur d'envoi n'est configuré : la réponse restera en attente dans la boîte d'envoi.",
        "sendReply": "Envoyer la réponse", "noEmail": "Ce visiteur n'a pas laissé d'adresse e-mail.", "sent": "Envois", "attachment": "pièce jointe :",
        "nothingSent": "Aucun envoi.", "resend": "Renvoyer ce message", "kind": "Type", "address": "Adresse", "misc": "Divers", "replies": "Réponses", "none": "Aucune.",
        "possibleDuplicates": "Doublons possibles", "merge": "Fusionner dans cette fiche",
        "noDuplicates": "Aucun doublon trouvé (même e-mail, ou mêmes nom, prénom et code postal).", "region": "région",
        "downloadCSV": "Télécharger (CSV)", "filter": "Filtrer", "monthsChart": "Courbe des demandes par mois", "themesChart": "Barres des thèmes demandés",
        "contactModes": "Modes de contact", "countries": "Pays d'origine", "departments": "Départements d'origine", "offices": "Offices",
        "tier": "Offre", "apidaeMember": "Membre Apidae", "brochures": "brochures", "officeName": "Nom de l'office", "brochureAddOn": "Option brochures",
        "addOffice": "Ajouter l'office", "regionalThemes": "Thèmes régionaux", "theme": "Thème", "newSubTheme": "Nouveau sous-thème", "add": "Ajouter",
        "users": "Utilisateurs", "name": "Nom", "role": "Rôle", "roleAgent": "Agent", "roleOfficeAdmin": "Administrateur de l'office",
        "roleRegionalAdmin": "Administrateur régional", "officeNumber": "Office n°", "newPassword": "Mot de passe (10 caractères ou plus)",
        "criterion": "Critère", "criterionChoices": "Valeurs possibles (séparées par des virgules, vide = texte libre)",
        "branding": "Charte des brochures", "logo": "Logo (JPEG, PNG ou SVG)", "logoSaved": "un logo est enregistré",
        "primaryColour": "Couleur principale", "mutedColour": "Couleur secondaire", "footerAddress": "Adresse (pied de page)",
        "legalMention": "Mention légale", "saveBranding": "Enregistrer la charte", "replyTemplate": "Modèle de réponse", "templateText": "Texte",
        "saveTemplate": "Enregistrer le modèle", "emailSending": "Envoi des e-mails", "server": "Serveur", "noServer": "aucun (GUICHET_SMTP_URL)",
        "smtpTest": "M'envoyer un e-mail de test",
    ]

    static let english: [String: String] = [
        "campaigns": "Campaigns", "campaignsHint": "A message to some of your contacts. Only those the consent records allow receive it, checked again when it leaves.",
        "noCampaigns": "No campaign yet.", "newCampaign": "New campaign", "createCampaign": "Create the draft", "campaignName": "Campaign name",
        "campaignOwn": "The office's communications", "campaignPartners": "Partners' information", "campaignReOptIn": "Re-opt-in campaign",
        "campaignReOptInHint": "Sends the consent confirmation email to the contacts who never confirmed one (imported, collected before): they receive your messages only once they confirm.",
        "campaignSent": "Sent", "campaignWaiting": "Waiting", "campaignWithheld": "Withheld by the records when sent", "campaignFailed": "Failed",
        "campaignUnsubscribed": "Unsubscribed since the launch", "campaignExcludedAtLaunch": "Left out at launch", "campaignReport": "Report",
        "campaignRecipients": "allowed recipients", "campaignExcluded": "left out", "campaignMessage": "Message and recipients",
        "campaignFooterHint": "Guichet adds to each message the office's name and address, why it is sent and a one-click unsubscribe link.",
        "campaignBrochure": "Attach the brochure of my current selection", "campaignKeepBrochure": "Keep the brochure already attached", "campaignSegment": "Recipients",
        "campaignCriteria": "Qualif+ criteria (one line \"criterion=value\")", "campaignOrigins": "Origin: departments or countries (e.g. 74, 69, BE)",
        "campaignLanguages": "Languages (e.g. fr, en)", "campaignEveryone": "Everyone", "campaignB2C": "Private persons", "campaignB2B": "Professionals",
        "campaignSince": "Last contact on or after", "campaignBefore": "Last contact before", "campaignRate": "Messages per minute",
        "campaignLaunch": "Launch the campaign", "campaignLaunchConfirm": "Launch the campaign? Messages leave at the chosen rate; it can no longer be changed.",
        "consentBoxes": "Agreement to receive information", "consentHint": "Tick only what the person asks for: they will receive an e-mail to confirm.",
        "consentTitle": "Consent", "consentState": "State", "consentHistory": "History", "consentWithdraw": "Record a withdrawal heard",
        "consentWithdrawContext": "Where, how (e.g. on the phone)", "consentConfirmTitle": "Confirm your agreement", "consentConfirmButton": "I confirm",
        "consentDone": "Noted.", "consentUnsubscribeTitle": "Receive nothing more", "consentUnsubscribeButton": "Unsubscribe me from all lists",
        "consentSettings": "Consent: wordings and partners", "consentOwnWording": "Wording of the office's box",
        "consentPartnersWording": "Wording of the partners' box", "consentPartners": "Partners (one per line)", "purpose": "Purpose", "channel": "Channel",
        "event": "Event", "consentPreferencesTitle": "Your choices", "consentPreferencesHint": "What you agree to receive, and how:", "consentObjectHint": "Or, never to be asked by this office again, not even to give your agreement back:",
        "consentObjectButton": "Object to any message from this office", "consentObjectHeard": "Record an objection",
        "userDisabled": "Disabled", "userActive": "Active", "enableUser": "Enable", "disableUser": "Disable",
        "inviteUser": "Invite a user", "invite": "Send the invitation",
        "inviteHint": "The person receives by e-mail a link, valid 3 days and once, to choose their own password: nobody else knows it.",
        "userEvents": "Account history", "userEventWhat": "Change", "userEventBy": "By", "account": "My account",
        "changePassword": "Change password", "changePasswordHint": "10 characters or more. Your other open sessions will be closed.",
        "currentPassword": "Current password", "confirmPassword": "Confirm the password", "setPassword": "Choose this password",
        "invitationWelcome": "Welcome to Guichet. Choose the password of the account",
        "skip": "Skip to content", "mainNav": "Main navigation", "search": "Search", "requests": "Requests",
        "newRequest": "New request", "stats": "Statistics", "admin": "Administration", "logout": "Sign out",
        "tagline": "The counter tool of tourist offices.", "email": "E-mail address", "password": "Password", "signIn": "Sign in",
        "backToSearch": "Back to search", "searchRecords": "Record search", "recordName": "Record name",
        "recordNameHint": "e.g. castle, campsite, “cha”…", "suggestions": "Suggestions", "recordTypes": "Record types",
        "place": "Town, postcode or “lat,lon”", "placeHint": "e.g. Annecy, 74000", "radius": "Radius:", "from": "From", "to": "To",
        "resultLanguage": "Results language", "wholeRegion": "All records of the region", "searchAction": "Search", "clear": "Clear",
        "saveSearch": "Save this search…", "searchName": "Search name", "shareWithOffice": "Share with the office",
        "save": "Save", "savedSearches": "Saved searches", "office": "Office", "moreResults": "More results", "basket": "Basket",
        "emptyBasket": "The basket is empty: add records from the results.", "layout": "Layout", "language": "Language",
        "preview": "Preview", "download": "Download the PDF", "print": "Print", "previewAlt": "Preview of the brochure's first page",
        "noBrochureRight": "PDF brochures come with the PREMIUM tier or the brochure add-on.",
        "requestWithBasket": "Record the request with this basket", "requestsCaption": "The office's requests, newest first",
        "number": "No.", "date": "Date", "contact": "Contact", "mode": "Mode", "subject": "Subject", "status": "Status", "agent": "Agent",
        "noRequests": "No request yet.", "contactMode": "Contact mode", "who": "Who?", "partySize": "Number of people",
        "fromWhere": "From where?", "department": "Département", "commune": "Town", "whichThemes": "Which themes?", "stay": "Stay",
        "nights": "Nights", "zone": "Area", "zoneHint": "e.g. Lake Annecy", "qualifPlus": "The office's Qualif+",
        "visitorDetails": "Visitor's details (to reply)", "civility": "Title", "firstName": "First name", "lastName": "Last name",
        "phone": "Phone", "postalCode": "Postcode", "responseMode": "Reply wanted by", "notes": "Notes", "saveRequest": "Record the request",
        "request": "Request no.", "party": "Party", "origin": "Origin", "themes": "Themes", "qualification": "Qualification", "complete": "Complete",
        "incomplete": "Incomplete", "basketRecords": "Basket records", "noBasketRecords": "No record attached to this request.", "reply": "Reply",
        "attachBrochure": "Attach the basket's PDF brochure",
        "smtpMissing": "No mail server is configured: the reply will wait in the outbox.",
        "sendReply": "Send the reply", "noEmail": "This visitor left no e-mail address.", "sent": "Sent messages", "attachment": "attachment:",
        "nothingSent": "Nothing sent.", "resend": "Send this message again", "kind": "Kind", "address": "Address", "misc": "Miscellaneous", "replies": "Replies", "none": "None.",
        "possibleDuplicates": "Possible duplicates", "merge": "Merge into this contact",
        "noDuplicates": "No duplicate found (same e-mail, or same names and postcode).", "region": "region",
        "downloadCSV": "Download (CSV)", "filter": "Filter", "monthsChart": "Line of requests per month", "themesChart": "Bars of the themes asked for",
        "contactModes": "Contact modes", "countries": "Countries of origin", "departments": "Départements of origin", "offices": "Offices",
        "tier": "Tier", "apidaeMember": "Apidae member", "brochures": "brochures", "officeName": "Office name", "brochureAddOn": "Brochure add-on",
        "addOffice": "Add the office", "regionalThemes": "Regional themes", "theme": "Theme", "newSubTheme": "New sub-theme", "add": "Add",
        "users": "Users", "name": "Name", "role": "Role", "roleAgent": "Agent", "roleOfficeAdmin": "Office admin",
        "roleRegionalAdmin": "Regional admin", "officeNumber": "Office no.", "newPassword": "Password (10 characters or more)",
        "criterion": "Criterion", "criterionChoices": "Possible values (comma-separated, empty = free text)",
        "branding": "Brochure branding", "logo": "Logo (JPEG, PNG or SVG)", "logoSaved": "a logo is saved",
        "primaryColour": "Main colour", "mutedColour": "Secondary colour", "footerAddress": "Address (footer)",
        "legalMention": "Legal mention", "saveBranding": "Save the branding", "replyTemplate": "Reply template", "templateText": "Text",
        "saveTemplate": "Save the template", "emailSending": "Sending e-mail", "server": "Server", "noServer": "none (GUICHET_SMTP_URL)",
        "smtpTest": "Send me a test e-mail",
    ]

    /// The words the page's script writes, as JSON in the page (`data-i18n`).
    static func script(_ language: UILanguage) -> String {
        let words: [String: String] = language == .fr ? [
            "searching": "Recherche…", "records": "fiche(s)", "around": "autour de", "understoodAs": "compris comme",
            "add": "Ajouter au panier", "addLabel": "Ajouter « {name} » au panier", "up": "Monter « {name} »", "down": "Descendre « {name} »",
            "remove": "Retirer « {name} »", "chosen": "choisie {n} fois", "printTitle": "Brochure à imprimer", "error": "Erreur",
        ] : [
            "searching": "Searching…", "records": "record(s)", "around": "around", "understoodAs": "read as",
            "add": "Add to basket", "addLabel": "Add “{name}” to the basket", "up": "Move “{name}” up", "down": "Move “{name}” down",
            "remove": "Remove “{name}”", "chosen": "chosen {n} times", "printTitle": "Brochure to print", "error": "Error",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: words, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
