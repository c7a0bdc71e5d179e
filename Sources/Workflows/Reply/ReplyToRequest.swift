import Brochure
import CRM
import Foundation
import Mail
import Records

/// The reply to a request: the office's template filled for the contact, the basket's brochure
/// attached, written to the outbox, then sent once when a mail server is configured. The request
/// is marked answered when the message went out.
public struct ReplyToRequest: Sendable {
    public let crm: any CRMStores
    public let brochures: BrochureMaker
    /// nil: replies are written and wait in the outbox.
    public let mail: Mailer?

    /// For the preferences link of the rights notice; without it the notice names the office's address only.
    public let consent: ConsentDesk?

    public init(crm: any CRMStores, brochures: BrochureMaker, mail: Mailer? = nil, consent: ConsentDesk? = nil) {
        self.crm = crm; self.brochures = brochures; self.mail = mail; self.consent = consent
    }

    /// A reply's text as the agent sees and edits it: the office's template filled for the contact
    /// (with the basket's records), then the office's signature; and the notice of the person's
    /// rights added under it when sent.
    public struct Draft: Sendable, Hashable {
        public var subject: String
        public var body: String
        public var notice: String
    }

    public func draft(requestID: Int64, by caller: Caller) throws -> Draft {
        let request = try crm.requests.request(id: requestID, by: caller)
        let office = try crm.offices.office(id: request.officeID, by: caller)
        let contact = try request.contactID.map { try crm.contacts.contact(id: $0, by: caller) }
        let basket = try crm.baskets.list(requestID: requestID, by: caller).first
        let names = try attachedNames(basket, by: caller)
        let sender = try crm.offices.sender(by: caller)
        let text = try crm.offices.replyTemplate(by: caller).compose(contact: contact, recordNames: names, office: office.name,
                                                                     agent: caller.userName, signature: sender.signature)
        return Draft(subject: text.subject, body: text.body, notice: try notice(office: office, contact: contact, sender: sender, by: caller))
    }

    /// What the reply lists as sent: the basket's records, then its documents' titles.
    func attachedNames(_ basket: Basket?, by caller: Caller) throws -> [String] {
        guard let basket else { return [] }
        return try brochures.records.summaries(ids: basket.recordIDs, language: basket.language).map(\.name)
            + OfficeDocuments(crm: crm).documents(of: basket, by: caller).map(\.title)
    }

    /// What the person may do about their data, and where: every reply carries it.
    func notice(office: Office, contact: Contact?, sender: OfficeSender, by caller: Caller) throws -> String {
        let years = try crm.retention.policy(by: caller).inactiveYears
        let address = sender.replyTo ?? mail?.from.address
        var lines = ["—", "Vos données : \(office.name) garde vos coordonnées pour répondre à vos demandes, \(years) ans au plus après notre dernier échange."]
        lines.append("Vous pouvez y accéder, les faire corriger ou effacer" + (address.map { " en écrivant à \($0)" } ?? " en nous écrivant") + ".")
        if let consent, let contact, let email = contact.email {
            lines.append("Vos choix de messages : " + consent.preferencesLink(officeID: office.id, subject: consent.keys.subject(email: email), contact: contact.id))
        }
        return lines.joined(separator: "\n")
    }

    /// Writes the reply, then sends it when a mail server is configured; returns the entry as it
    /// stands afterwards.
    /// - Parameter edited: the subject and text as the agent changed them (the draft's when nil).
    public func run(requestID: Int64, attachBasket: Bool, edited: (subject: String, body: String)? = nil, by caller: Caller) throws -> OutboxEntry {
        let entry = try write(requestID: requestID, attachBasket: attachBasket, edited: edited, by: caller)
        guard mail != nil else { return entry }
        _ = try send(entry, by: caller)
        return try crm.outbox.entry(id: entry.id, by: caller)
    }

    /// Composes the reply and writes it to the outbox (nothing is sent here). The idempotency key
    /// is derived from the request, the text and the basket, so running it twice writes one message;
    /// a reply already written is returned as it is, without rendering its brochure again.
    /// - Parameter template: the office's own when nil.
    public func write(requestID: Int64, attachBasket: Bool, template: ReplyComposer? = nil, edited: (subject: String, body: String)? = nil,
                      by caller: Caller) throws -> OutboxEntry {
        let template = try template ?? crm.offices.replyTemplate(by: caller)
        let request = try crm.requests.request(id: requestID, by: caller)
        let office = try crm.offices.office(id: request.officeID, by: caller)
        guard let contactID = request.contactID else { throw WorkflowError.noRecipient(requestID: requestID) }
        let contact = try crm.contacts.contact(id: contactID, by: caller)
        guard let email = contact.email else { throw WorkflowError.noRecipient(requestID: requestID) }
        let basket = try crm.baskets.list(requestID: requestID, by: caller).first
        if attachBasket, basket?.isEmpty ?? true { throw WorkflowError.noBasketToAttach(requestID: requestID) }
        if attachBasket, !(basket?.recordIDs.isEmpty ?? true), !office.mayPrintBrochures { throw WorkflowError.noBrochureRight(office: office.name) }
        let names = try attachedNames(basket, by: caller)
        let sender = try crm.offices.sender(by: caller)
        var text = template.compose(contact: contact, recordNames: names, office: office.name, agent: caller.userName, signature: sender.signature)
        if let edited {
            guard !edited.subject.trimmingCharacters(in: .whitespaces).isEmpty, !edited.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CRMError.invalid(field: "body", reason: "une réponse a besoin d'un objet et d'un texte")
            }
            text = (edited.subject.trimmingCharacters(in: .whitespaces), edited.body.replacingOccurrences(of: "\r\n", with: "\n"))
        }
        // The notice's link is new each time: the idempotency key is taken from the text before it.
        let notice = try notice(office: office, contact: contact, sender: sender, by: caller)
        let parts = [String(requestID), text.subject, text.body, basket.map { "\($0.id):\($0.recordIDs):\($0.documentIDs):\($0.layout):\($0.language)" } ?? "",
                     attachBasket ? "pdf" : ""]
        let key = "reply-\(requestID)-" + Digest.sha256Hex(parts.joined(separator: "\u{0}")).prefix(24)
        if let written = try crm.outbox.list(requestID: requestID, by: caller).first(where: { $0.idempotencyKey == key }) { return written }
        var attachments: [OutboxEntry.Attachment] = []
        if attachBasket, let basket {
            if !basket.recordIDs.isEmpty {
                let result = try BasketBrochure(crm: crm, maker: brochures).render(basket, withDocuments: false, by: caller)
                attachments.append(.init(fileName: "Selection \(office.name).pdf", data: result.pdf))
            }
            // The office's documents go as files of their own, under their own names.
            for file in try OfficeDocuments(crm: crm).files(of: basket, by: caller) {
                attachments.append(.init(fileName: file.document.fileName, data: file.data))
            }
        }
        return try crm.outbox.enqueue(OutboxEntry(requestID: requestID, idempotencyKey: key, recipient: email, subject: text.subject,
                                                  text: text.body + "\n\n" + notice, attachments: attachments, fromName: office.name,
                                                  replyTo: sender.replyTo), by: caller)
    }

    /// Sends again, by an agent's decision, a reply left `interrupted` (the server may or may not
    /// have it: the agent checked) or `failed` (too many tries): it is written again, then sent
    /// when a mail server is configured. Returns the entry as it stands afterwards.
    public func resend(outboxID: Int64, by caller: Caller) throws -> OutboxEntry {
        let entry = try crm.outbox.requeue(outboxID: outboxID, by: caller)
        guard mail != nil else { return entry }
        _ = try send(entry, by: caller)
        return try crm.outbox.entry(id: outboxID, by: caller)
    }

    /// Sends a written reply once through the configured mail server (it waits in the outbox
    /// without one); the request is marked answered when it went out.
    public func send(_ entry: OutboxEntry, by caller: Caller) throws -> OutboxEntry.State {
        guard let mail else { return entry.state }
        let state = try mail.delivery(crm.outbox).deliver(outboxID: entry.id, by: caller)
        if state == .sent, let requestID = entry.requestID {
            try crm.transaction { tx in
                let request = try tx.requests.request(id: requestID, by: caller)
                if request.status == .open { try tx.requests.setStatus(.answered, requestID: requestID, by: caller) }
                if let contact = request.contactID { try tx.contacts.touch(contact, at: Date(), by: caller) }
            }
        }
        return state
    }
}
