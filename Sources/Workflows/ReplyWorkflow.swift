import Brochure
import CRM
import Foundation
import Mail
import Records

/// The reply to a request: the office's template filled for the contact, the basket's brochure
/// attached, written to the outbox, then sent once.
public struct ReplyWorkflow: Sendable {
    public let crm: any CRMStore
    public let brochures: BrochureMaker

    public init(crm: any CRMStore, brochures: BrochureMaker) {
        self.crm = crm; self.brochures = brochures
    }

    /// Composes the reply and writes it to the outbox (nothing is sent here). The idempotency key
    /// is derived from the request, the text and the basket, so running it twice writes one message;
    /// a reply already written is returned as it is, without rendering its brochure again.
    /// - Parameter template: the office's own when nil.
    public func write(requestID: Int64, attachBasket: Bool, template: ReplyComposer? = nil, by caller: Caller) throws -> OutboxEntry {
        let template = try template ?? crm.replyTemplate(by: caller)
        let request = try crm.request(id: requestID, by: caller)
        let office = try crm.office(id: request.officeID, by: caller)
        guard let contactID = request.contactID else { throw WorkflowError.noRecipient(requestID: requestID) }
        let contact = try crm.contact(id: contactID, by: caller)
        guard let email = contact.email else { throw WorkflowError.noRecipient(requestID: requestID) }
        let basket = try crm.baskets(requestID: requestID, by: caller).first
        let attach = attachBasket && basket?.recordIDs.isEmpty == false
        if attach, !office.mayPrintBrochures { throw WorkflowError.noBrochureRight(office: office.name) }
        let names = try basket.map { try brochures.records.summaries(ids: $0.recordIDs, language: $0.language).map(\.name) } ?? []
        let text = template.compose(contact: contact, recordNames: names, office: office.name, agent: caller.userName)
        let parts = [String(requestID), text.subject, text.body, basket.map { "\($0.id):\($0.recordIDs):\($0.layout):\($0.language)" } ?? "",
                     attach ? "pdf" : ""]
        let key = "reply-\(requestID)-" + Digest.sha256Hex(parts.joined(separator: "\u{0}")).prefix(24)
        if let written = try crm.outbox(requestID: requestID, by: caller).first(where: { $0.idempotencyKey == key }) { return written }
        var attachments: [OutboxEntry.Attachment] = []
        if attach, let basket {
            let result = try brochures.render(ids: basket.recordIDs, layout: basket.layout, language: basket.language,
                                              branding: try brochures.branding(for: office, own: try crm.branding(by: caller)))
            attachments.append(.init(fileName: "Selection \(office.name).pdf", data: result.pdf))
        }
        return try crm.enqueue(OutboxEntry(requestID: requestID, idempotencyKey: key, recipient: email, subject: text.subject,
                                           text: text.body, attachments: attachments), by: caller)
    }

    /// Sends a written reply once; the request is marked answered when it went out.
    public func send(_ entry: OutboxEntry, transport: any MailTransport, from: MailAddress, by caller: Caller) throws -> OutboxEntry.State {
        let state = try OutboxDelivery(store: crm, transport: transport, from: from).deliver(outboxID: entry.id, by: caller)
        if state == .sent, let requestID = entry.requestID, try crm.request(id: requestID, by: caller).status == .open {
            try crm.setStatus(.answered, requestID: requestID, by: caller)
        }
        return state
    }
}

/// Saving a basket also counts each newly added record toward its popularity in search.
public struct BasketWorkflow: Sendable {
    public let crm: any CRMStore
    public let records: RecordStore

    public init(crm: any CRMStore, records: RecordStore) { self.crm = crm; self.records = records }

    public func save(_ basket: Basket, by caller: Caller) throws -> Basket {
        let before = basket.id == 0 ? [] : try crm.basket(id: basket.id, by: caller).recordIDs
        let saved = try crm.saveBasket(basket, by: caller)
        for id in Set(saved.recordIDs).subtracting(before) { try records.addPopularity(id: id) }
        return saved
    }
}
