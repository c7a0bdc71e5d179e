import Records
import CRM

/// How the desk names the CRM's values, in the interface's language.
enum DeskLabels {
    static func mode(_ mode: InformationRequest.ContactMode, _ language: UILanguage) -> String {
        switch (mode, language) {
        case (.counter, .fr): "Guichet"
        case (.counter, .en): "Counter"
        case (.phone, .fr): "Téléphone"
        case (.phone, .en): "Phone"
        case (.mail, .fr): "Courrier"
        case (.mail, .en): "Letter"
        case (.email, _): "E-mail"
        case (.fair, .fr): "Salon"
        case (.fair, .en): "Fair"
        case (.web, .fr): "Site web"
        case (.web, .en): "Website"
        case (.sms, _): "SMS"
        }
    }

    static func party(_ kind: InformationRequest.Party.Kind, _ language: UILanguage) -> String {
        switch (kind, language) {
        case (.alone, .fr): "Seul"
        case (.alone, .en): "Alone"
        case (.couple, _): "Couple"
        case (.family, .fr): "Famille"
        case (.family, .en): "Family"
        case (.group, .fr): "Groupe"
        case (.group, .en): "Group"
        case (.locals, .fr): "Population locale"
        case (.locals, .en): "Local residents"
        }
    }

    /// What a request lacks for the 15 % rule, in words: "origine, nombre de nuits".
    static func missing(_ r: InformationRequest, _ language: UILanguage) -> String {
        Statistics.missing(r).map { criterion in
            switch (criterion, language) {
            case (.origin, .fr): "origine"
            case (.origin, .en): "origin"
            case (.responseMode, .fr): "réponse souhaitée"
            case (.responseMode, .en): "response wanted"
            case (.nights, .fr): "nombre de nuits"
            case (.nights, .en): "nights"
            case (.period, .fr): "dates du séjour"
            case (.period, .en): "stay dates"
            case (.partySize, .fr): "nombre de personnes"
            case (.partySize, .en): "party size"
            case (.contactType, .fr): "type de groupe"
            case (.contactType, .en): "party kind"
            case (.themes, .fr): "thèmes"
            case (.themes, .en): "themes"
            }
        }.joined(separator: ", ")
    }

    static func status(_ status: InformationRequest.Status, _ language: UILanguage) -> String {
        switch (status, language) {
        case (.open, .fr): "Ouverte"
        case (.open, .en): "Open"
        case (.answered, .fr): "Répondue"
        case (.answered, .en): "Answered"
        case (.closed, .fr): "Close"
        case (.closed, .en): "Closed"
        }
    }

    /// What became of the reply just sent, in a sentence for the banner at the top of the reply box.
    static func replyOutcome(_ e: OutboxEntry, _ language: UILanguage) -> String {
        let files = e.attachments.isEmpty ? "" : language == .fr
            ? " avec " + count(e.attachments.count, "pièce jointe", "pièces jointes", language)
            : " with " + count(e.attachments.count, "attachment", "attachments", language)
        switch (e.state, language) {
        case (.sent, .fr): return "Réponse envoyée à \(e.recipient)\(files)."
        case (.sent, .en): return "Reply sent to \(e.recipient)\(files)."
        case (.written, .fr), (.retry, .fr): return "Réponse enregistrée\(files) : elle attend le serveur d'envoi et partira d'elle-même."
        case (.written, .en), (.retry, .en): return "Reply saved\(files): it waits for the mail server and will leave by itself."
        default: return outbox(e.state, language) + (e.lastError.map { " — \($0)" } ?? "")
        }
    }

    static func outbox(_ state: OutboxEntry.State, _ language: UILanguage) -> String {
        switch (state, language) {
        case (.written, .fr): "En attente d'envoi"
        case (.written, .en): "Waiting to be sent"
        case (.sending, .fr): "Envoi en cours"
        case (.sending, .en): "Being sent"
        case (.sent, .fr): "Envoyée"
        case (.sent, .en): "Sent"
        case (.refused, .fr): "Refusée"
        case (.refused, .en): "Refused"
        case (.withheld, .fr): "Retenue : pas de consentement"
        case (.withheld, .en): "Withheld: no consent"
        case (.retry, .fr): "Nouvel essai prévu"
        case (.retry, .en): "Will be retried"
        case (.failed, .fr): "Échec après plusieurs essais"
        case (.failed, .en): "Failed after several tries"
        case (.interrupted, .fr): "Interrompue : à vérifier"
        case (.interrupted, .en): "Interrupted: to check"
        }
    }

    static let countries: [(code: String, fr: String, en: String)] = [
        ("FR", "France", "France"), ("BE", "Belgique", "Belgium"), ("CH", "Suisse", "Switzerland"), ("DE", "Allemagne", "Germany"),
        ("NL", "Pays-Bas", "Netherlands"), ("GB", "Royaume-Uni", "United Kingdom"), ("IT", "Italie", "Italy"), ("ES", "Espagne", "Spain"),
        ("US", "États-Unis", "United States"),
    ]

    /// Socio-professional categories (INSEE's groups), suggested on the contact form.
    static func categories(_ language: UILanguage) -> [String] {
        language == .fr
            ? ["Agriculteur exploitant", "Artisan, commerçant, chef d'entreprise", "Cadre, profession intellectuelle supérieure", "Profession intermédiaire",
               "Employé", "Ouvrier", "Retraité", "Étudiant", "Sans activité professionnelle"]
            : ["Farmer", "Craftsman, shopkeeper, business owner", "Executive, higher intellectual profession", "Intermediate profession", "Employee",
               "Manual worker", "Retired", "Student", "Not working"]
    }

    static func notice(_ key: String, _ language: UILanguage) -> String? {
        let fr = ["office": "Office ajouté.", "user": "Invitation envoyée par e-mail.",
                  "userNoMail": "Invitation enregistrée, mais aucun serveur de messagerie n'est configuré (GUICHET_SMTP_URL) : elle n'est pas partie et attend dans la file d'envoi.",
                  "disabled": "Compte désactivé : ses sessions sont fermées et ses jetons d'API révoqués.", "enabled": "Compte réactivé.",
                  "password": "Mot de passe changé : vos autres sessions sont fermées.", "consent": "Textes et partenaires enregistrés.", "campaign": "Brouillon enregistré.", "sender": "Expéditeur des réponses enregistré.", "tokenRevoked": "Jeton révoqué : il n'agit plus.",
                  "passwordReset": "Mot de passe réinitialisé : l'ancien ne fonctionne plus, un lien part par e-mail.", "officeUpdated": "Office modifié.", "points": "Points d'accueil enregistrés.", "retention": "Durées de conservation enregistrées.",
                  "launched": "Campagne lancée : les messages partent au rythme choisi.", "theme": "Sous-thème ajouté.", "criterion": "Critère enregistré.",
                  "branding": "Charte enregistrée.", "template": "Modèle de réponse enregistré.", "smtp": "Message de test envoyé.",
                  "documentAdded": "Document ajouté : les agents le trouvent dans la recherche.", "documentRemoved": "Document retiré.",
                  "syncQueued": "Synchronisation demandée : elle commence dans quelques secondes."]
        let en = ["office": "Office added.", "user": "Invitation sent by e-mail.",
                  "userNoMail": "Invitation saved, but no mail server is configured (GUICHET_SMTP_URL): it has not left and waits in the outbox.",
                  "disabled": "Account disabled: its sessions are closed and its API tokens revoked.", "enabled": "Account enabled again.",
                  "password": "Password changed: your other sessions are closed.", "consent": "Wordings and partners saved.", "campaign": "Draft saved.", "sender": "Sender of the replies saved.", "tokenRevoked": "Token revoked: it no longer acts.",
                  "passwordReset": "Password reset: the old one no longer works, a link goes by e-mail.", "officeUpdated": "Office changed.", "points": "Reception points saved.", "retention": "Retention periods saved.",
                  "launched": "Campaign launched: the messages leave at the chosen rate.", "theme": "Sub-theme added.", "criterion": "Criterion saved.",
                  "branding": "Branding saved.", "template": "Reply template saved.", "smtp": "Test message sent.",
                  "documentAdded": "Document added: agents find it in search.", "documentRemoved": "Document removed.",
                  "syncQueued": "Sync requested: it starts within a few seconds."]
        return (language == .fr ? fr : en)[key]
    }

    /// A sync run's kind: an API pull, or an export (full or differential).
    static func syncKind(_ run: SyncRun, _ language: UILanguage) -> String {
        switch (run.kind, language) {
        case (.pull, .fr): "Synchronisation par l'API"
        case (.pull, .en): "API pull"
        case (.export, .fr): run.fullReplacement ? "Export complet (réinitialisation)" : "Export différentiel"
        case (.export, .en): run.fullReplacement ? "Full export (replacement)" : "Differential export"
        }
    }

    /// What a successful sync did, in the interface's language; a failure keeps its reason.
    static func syncResult(_ run: SyncRun, _ language: UILanguage) -> String {
        guard run.status == .succeeded else { return run.message ?? "" }
        let r = run.report
        let seconds = r.seconds.formatted(.number.precision(.fractionLength(1)).locale(language.locale))
        var parts = language == .fr
            ? ["\(r.added) ajoutées", "\(r.updated) modifiées", "\(r.deleted) supprimées", "\(r.rejected) refusées", "\(r.photos) photos récupérées"]
            : ["\(r.added) added", "\(r.updated) updated", "\(r.deleted) deleted", "\(r.rejected) rejected", "\(r.photos) photos fetched"]
        if r.contacts > 0 { parts.append(language == .fr ? "\(r.contacts) contacts professionnels" : "\(r.contacts) professional contacts") }
        var line = (language == .fr ? "Fiches : " : "Records: ") + parts.joined(separator: ", ") + " — \(seconds) s"
        // What went wrong after the records were applied (the confirmation, the contacts) follows the summary.
        if let notes = run.message?.split(separator: ";", maxSplits: 1).dropFirst().first { line += " ;" + notes }
        return line
    }

    static func syncStatus(_ status: SyncRun.Status, _ language: UILanguage) -> String {
        let fr: [SyncRun.Status: String] = [.queued: "En attente", .running: "En cours", .succeeded: "Réussie", .failed: "Échouée", .ignored: "Non importée", .interrupted: "Interrompue"]
        let en: [SyncRun.Status: String] = [.queued: "Queued", .running: "Running", .succeeded: "Succeeded", .failed: "Failed", .ignored: "Not imported", .interrupted: "Interrupted"]
        return (language == .fr ? fr : en)[status] ?? status.rawValue
    }

    static func role(_ role: Caller.Role, _ language: UILanguage) -> String {
        switch (role, language) {
        case (.agent, _): "Agent"
        case (.officeAdmin, .fr): "Administrateur de l'office"
        case (.officeAdmin, .en): "Office admin"
        case (.regionalAdmin, .fr): "Administrateur régional"
        case (.regionalAdmin, .en): "Regional admin"
        }
    }

    /// A change to an account (`UserEvent.what`) in the interface's language.
    static func userEvent(_ code: String, _ language: UILanguage) -> String {
        let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
        let role = parts.count == 2 ? Caller.Role(rawValue: parts[1]).map { Self.role($0, language) } ?? parts[1] : ""
        let fr = language == .fr
        return switch parts.first ?? "" {
        case "created": (fr ? "Compte créé : " : "Account created: ") + role
        case "invited": (fr ? "Invitation envoyée : " : "Invited: ") + role
        case "password-set": fr ? "Mot de passe choisi (invitation)" : "Password chosen (invitation)"
        case "password-changed": fr ? "Mot de passe changé" : "Password changed"
        case "disabled": fr ? "Désactivé (sessions fermées, jetons d'API révoqués)" : "Disabled (sessions closed, API tokens revoked)"
        case "enabled": fr ? "Réactivé" : "Enabled again"
        case "password-reset": fr ? "Mot de passe réinitialisé (lien envoyé)" : "Password reset (link sent)"
        default: code
        }
    }

    static func anonymous(_ language: UILanguage) -> String { language == .fr ? "Visite anonyme" : "Anonymous visit" }

    /// "12,5 %" in French, "12.5 %" in English (a non-breaking space before the sign).
    static func percent(_ rate: Double, _ language: UILanguage) -> String {
        (rate * 100).formatted(.number.precision(.fractionLength(1)).locale(language.locale)) + "\u{A0}%"
    }

    /// "1 demande", "3 demandes" — French counts 0 and 1 as singular.
    static func count(_ n: Int, _ one: String, _ many: String, _ language: UILanguage) -> String {
        let plural = language == .fr ? n > 1 : n != 1
        return n.formatted(.number.locale(language.locale)) + " " + (plural ? many : one)
    }

    /// `met`: the target holds for every office counted (a region whose total passes while
    /// offices stay below does not say it is met).
    static func statsSummary(requests: Int, qualified: Int, rate: Double, meets: Bool, _ language: UILanguage, officesBelow: Int = 0) -> String {
        let target = meets && officesBelow == 0
        let below = officesBelow == 0 ? "" : language == .fr
            ? " — " + count(officesBelow, "office sous l'objectif", "offices sous l'objectif", language)
            : " — " + count(officesBelow, "office below the target", "offices below the target", language)
        return language == .fr
            ? count(requests, "demande", "demandes", language) + ", dont " + count(qualified, "entièrement qualifiée", "entièrement qualifiées", language)
                + " : \(percent(rate, language)) " + (target ? "(objectif de 15\u{A0}% atteint)" : "(objectif : 15\u{A0}%)") + below
            : count(requests, "request", "requests", language) + ", " + count(qualified, "fully qualified", "fully qualified", language)
                + ": \(percent(rate, language)) " + (target ? "(15 % target met)" : "(target: 15 %)") + below
    }

    static func contactsSummary(contacts: Int, qualified: Int, rate: Double, _ language: UILanguage) -> String {
        let meets = rate >= Statistics.qualificationTarget
        return language == .fr
            ? count(contacts, "contact", "contacts", language) + ", dont " + count(qualified, "qualifié", "qualifiés", language)
                + " par une demande complète : \(percent(rate, language)) " + (meets ? "(objectif de 15\u{A0}% atteint)" : "(objectif : 15\u{A0}%)")
            : count(contacts, "contact", "contacts", language) + ", " + count(qualified, "qualified", "qualified", language)
                + " by a complete request: \(percent(rate, language)) " + (meets ? "(15 % target met)" : "(target: 15 %)")
    }
}
