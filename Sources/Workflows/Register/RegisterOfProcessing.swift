import Brochure
import CRM
import Consent
import Foundation

/// An office's register of processing activities: as its admin keeps it, or, until the first
/// save, pre-filled from what Guichet knows (its processings, the office's retention policy and
/// partners); printed as a PDF with the office's branding, exported as CSV.
public struct RegisterOfProcessing: Sendable {
    public let desk: ConsentDesk
    public let brochures: BrochureMaker

    public init(desk: ConsentDesk, brochures: BrochureMaker) { self.desk = desk; self.brochures = brochures }

    var crm: any CRMStores { desk.crm }

    public func current(by caller: Caller) throws -> ProcessingRegister {
        if let saved = try crm.registers.register(by: caller) { return saved }
        return try prefilled(by: caller)
    }

    public func save(_ register: ProcessingRegister, by caller: Caller) throws {
        try crm.registers.save(register, by: caller)
        try crm.audit.record(.registerChanged, detail: "register: \(register.processings.count) processing(s)", by: caller)
    }

    /// The register as a PDF (the brochure engine, the office's branding).
    public func pdf(by caller: Caller) throws -> Data {
        let register = try current(by: caller)
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        let branding = try brochures.branding(for: office, own: try crm.offices.branding(by: caller))
        let date = (register.updatedAt ?? Date()).formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: "fr_FR")))
        let document = Document(
            title: "Registre des activités de traitement",
            subtitle: "\(office.name) — article 30 du RGPD — à jour au \(date)"
                + (register.updatedBy.map { " (\($0))" } ?? " (proposé par Guichet, à compléter)"),
            sections: [Document.Section(heading: "Responsable du traitement", fields: [
                ("Organisme", [office.name, branding.address].compactMap { $0 }.joined(separator: "\n")),
                ("Délégué à la protection des données ou référent", register.referent.isEmpty ? "À désigner" : register.referent),
            ])] + register.processings.map { p in
                Document.Section(heading: p.name, fields: p.fields.map { ($0.label, $0.text) })
            },
            footer: "\(office.name) · Registre des activités de traitement · \(date)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-register-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try DocumentRenderer(fonts: brochures.fonts, branding: branding).render(document, to: file.path)
        return try Data(contentsOf: file)
    }

    public func csv(by caller: Caller) throws -> String {
        let register = try current(by: caller)
        return try SpreadsheetTable.csv(header: ["traitement", "finalite", "base_legale", "personnes", "donnees", "destinataires", "transferts",
                                                 "conservation", "securite", "referent"],
                                        rows: register.processings.map { p in
                                            [p.name] + p.fields.map(\.text) + [register.referent]
                                        })
    }

    /// What Guichet does with personal data for the office, in the register's words.
    func prefilled(by caller: Caller) throws -> ProcessingRegister {
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        let policy = try crm.retention.policy(by: caller)
        let partners = try desk.store.partners(officeID: office.id)
        let partnerOffices = try desk.store.partnerOffices(officeID: office.id).map { try crm.offices.office(id: $0, by: .regionalAdmin).name }
        let then = policy.action == .anonymise ? "puis anonymisation (les demandes restent, sans identité, pour les statistiques)" : "puis suppression"
        let retention = "\(policy.inactiveYears) ans après le dernier échange, la personne prévenue \(policy.warningDays) jours avant, \(then) ; "
            + "textes et pièces jointes des messages vidés après \(policy.messageDays) jours."
        let security = "Comptes nominatifs (mot de passe haché bcrypt, sessions limitées, freinage des tentatives), chaque office ne voit que ses "
            + "propres contacts, journal d'audit inaltérable, échanges chiffrés (TLS), liens des e-mails signés et à durée limitée, "
            + "effacement définitif des données supprimées."
        let hosting = "Agents de l'office habilités ; hébergeur de Guichet (sous-traitant)."
        return ProcessingRegister(referent: "", processings: [
            .init(name: "Accueil et demandes d'information",
                  purpose: "Répondre aux demandes des visiteurs (accueil, téléphone, e-mail, salons) et leur envoyer la documentation demandée.",
                  legalBasis: "Mesures précontractuelles prises à la demande de la personne ; intérêt légitime de l'office (suivi de la demande).",
                  persons: "Visiteurs, prospects, professionnels du tourisme qui contactent l'office.",
                  data: "Identité, coordonnées, langue, origine géographique, séjour (dates, groupe), centres d'intérêt, échanges avec l'office.",
                  recipients: hosting, transfers: "Aucun.", retention: retention, security: security),
            .init(name: "Communications de l'office (lettres d'information, campagnes)",
                  purpose: "Informer les personnes qui l'ont demandé des actualités, événements et offres de l'office.",
                  legalBasis: "Consentement (case non pré-cochée, confirmé par e-mail ; preuves conservées). Professionnels : intérêt légitime, opposition possible à tout moment.",
                  persons: "Personnes ayant confirmé leur accord ; contacts professionnels.",
                  data: "Identité, e-mail, langue, centres d'intérêt, preuves du consentement (date, adresse IP, navigateur, version du texte accepté).",
                  recipients: hosting, transfers: "Aucun.",
                  retention: "Jusqu'au retrait de l'accord ; " + retention + " Les personnes opposées restent sur une liste d'exclusion (empreinte chiffrée).",
                  security: security),
            .init(name: "Informations des partenaires",
                  purpose: "Transmettre aux personnes qui l'ont demandé les informations des partenaires de l'office.",
                  legalBasis: "Consentement distinct (seconde case, confirmé par e-mail).",
                  persons: "Personnes ayant confirmé leur accord pour les partenaires.",
                  data: "Identité, e-mail, langue, centres d'intérêt.",
                  recipients: "L'office envoie lui-même les informations" + (partners.isEmpty ? "." : " de : \(partners.joined(separator: ", ")).")
                      + (partnerOffices.isEmpty ? " Les données ne sont pas transmises aux partenaires."
                         : " Les offices partenaires (\(partnerOffices.joined(separator: ", "))) voient l'identité et les coordonnées des personnes qui ont accepté, tant que leur accord vaut."),
                  transfers: "Aucun.", retention: "Jusqu'au retrait de l'accord ; " + retention, security: security),
            .init(name: "Statistiques de fréquentation",
                  purpose: "Mesurer la fréquentation et les demandes de l'office (observatoire, rapports).",
                  legalBasis: "Mission de service public / intérêt légitime de l'office.",
                  persons: "Visiteurs et contacts de l'office.",
                  data: "Données agrégées : date, mode de contact, origine (département, pays), thèmes, séjour, groupe. Aucune identité.",
                  recipients: "Office ; administration régionale (chiffres agrégés).", transfers: "Aucun.",
                  retention: "Statistiques anonymes conservées sans limite.", security: security),
        ])
    }
}
