import CRM
import Consent
import Foundation
import ZIPFoundation

/// Everything an office holds about a person, as the zip the person (or the DPO) receives:
/// JSON for machines, CSV (`;`, UTF-8) for spreadsheets, and a README that says what each file
/// and column holds.
struct PersonExport {
    var office: String
    var contact: Contact
    var requests: [InformationRequest]
    var baskets: [Basket]
    var events: [ConsentEvent]
    var messages: [OutboxEntry]
    var at: Date

    func zip() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, text) in try files() {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: at, compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CRMError.storage("the export archive could not be written") }
        return data
    }

    func files() throws -> [(String, String)] {
        let day = { (date: Date) in date.formatted(.iso8601) }
        let requestRows = requests.map { r in
            [String(r.id), day(r.date), r.contactMode.rawValue, r.responseMode?.rawValue ?? "", r.subject ?? "", r.stay?.from ?? "", r.stay?.to ?? "",
             r.stay?.nights.map(String.init) ?? "", r.party?.size.map(String.init) ?? "", r.party?.kind?.rawValue ?? "", r.originDepartment ?? "",
             r.originCountry ?? "", r.themes.joined(separator: " "), r.extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " | "),
             r.notes ?? "", r.status.rawValue]
        }
        let eventRows = events.map { e in
            [day(e.at), e.kind.rawValue, e.purpose.rawValue, e.channel.rawValue, e.mode.rawValue, e.context ?? "", e.agent ?? "", e.ipAddress ?? "",
             e.userAgent ?? "", e.wordingVersion.map(String.init) ?? "", e.wordingHash ?? ""]
        }
        let messageRows = messages.map { m in
            [day(m.createdAt), m.sentAt.map(day) ?? "", m.state.rawValue, m.recipient, m.subject, m.purpose.rawValue,
             m.attachments.map(\.fileName).joined(separator: " | ")]
        }
        return [
            ("LISEZMOI.txt", readme),
            ("contact.json", try json(contact)),
            ("demandes.json", try json(requests)),
            ("demandes.csv", try SpreadsheetTable.csv(header: ["id", "date", "mode_contact", "mode_reponse", "objet", "sejour_debut", "sejour_fin", "nuits",
                                                               "personnes", "type_groupe", "departement_origine", "pays_origine", "themes", "criteres",
                                                               "notes", "statut"], rows: requestRows)),
            ("paniers.json", try json(baskets)),
            ("consentement.json", try json(events)),
            ("consentement.csv", try SpreadsheetTable.csv(header: ["date", "evenement", "finalite", "canal", "mode_collecte", "contexte", "agent",
                                                                   "adresse_ip", "navigateur", "version_texte", "empreinte_texte"], rows: eventRows)),
            ("messages.json", try json(messages.map(Message.init))),
            ("messages.csv", try SpreadsheetTable.csv(header: ["ecrit_le", "envoye_le", "etat", "destinataire", "objet", "finalite", "pieces_jointes"],
                                                      rows: messageRows)),
        ]
    }

    /// A message as exported: its headers and text, the names (not the bytes) of its attachments.
    struct Message: Encodable {
        var writtenAt: Date, sentAt: Date?, state: String, recipient: String, subject: String, text: String, purpose: String, attachments: [String]
        init(_ m: OutboxEntry) {
            writtenAt = m.createdAt; sentAt = m.sentAt; state = m.state.rawValue; recipient = m.recipient; subject = m.subject; text = m.text
            purpose = m.purpose.rawValue; attachments = m.attachments.map(\.fileName)
        }
    }

    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    var readme: String {
        """
        Données détenues par \(office) sur \(contact.displayName) — export du \(at.formatted(.iso8601))
        Data held by \(office) about this person (GDPR articles 15 and 20).

        contact.json        La fiche de contact telle que l'office l'a recueillie (champs vides omis).
        demandes.json/.csv  Les demandes d'information : date, mode de contact et de réponse, objet, séjour
                            (début, fin, nuits), groupe (nombre, type), origine (département, pays), thèmes
                            (thème/sous-thème), critères propres à l'office (nom=valeur), notes, statut.
        paniers.json        Les sélections de fiches touristiques liées aux demandes (identifiants Apidae).
        consentement.*      Chaque événement de consentement, tel qu'enregistré : date, événement (demandé,
                            confirmé, retiré, expiré, opposition…), finalité (own = l'office, partners = ses
                            partenaires), canal, mode de collecte, contexte, agent, adresse IP et navigateur
                            lors d'une action en ligne, version et empreinte SHA-256 du texte accepté.
        messages.*          Les messages écrits à la personne : dates, état, destinataire, objet, finalité,
                            texte (JSON) et noms des pièces jointes.

        CSV : séparateur « ; », encodage UTF-8. JSON : dates ISO 8601 (UTC).
        """
    }
}
