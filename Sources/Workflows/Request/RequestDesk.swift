import CRM
import Foundation
import Records

/// What the desk reads of its requests, within the caller's office: the counter form's choices, the
/// list, one request with its contact, basket, documents and replies, a reply of a request.
public struct RequestDesk: Sendable {
    public let crm: any CRMStores
    public let records: RecordStore

    public init(crm: any CRMStores, records: RecordStore) {
        self.crm = crm; self.records = records
    }

    /// What the counter form offers: the office's reception points and criteria, the regional
    /// themes, and how many records the agent's draft basket holds.
    public struct FormChoices: Sendable {
        public var receptionPoints: [String]
        public var themes: [Theme]
        public var criteria: [Criterion]
        public var basketCount: Int
    }

    public func formChoices(by caller: Caller) throws -> FormChoices {
        FormChoices(receptionPoints: try crm.offices.receptionPoints(by: caller), themes: try crm.lists.themes(),
                    criteria: try crm.lists.criteria(by: caller),
                    basketCount: caller.userID == nil ? 0 : try crm.baskets.draft(by: caller).recordIDs.count)
    }

    /// The office's own criteria, the counter form's free fields.
    public func criteria(by caller: Caller) throws -> [Criterion] { try crm.lists.criteria(by: caller) }

    /// The regional themes, for labels.
    public func themes() throws -> [Theme] { try crm.lists.themes() }

    /// A request with its contact (nil: an anonymous visit).
    public struct Listed: Sendable {
        public var request: InformationRequest
        public var contact: Contact?
    }

    /// The office's latest requests, newest first.
    public func list(limit: Int = 200, by caller: Caller) throws -> [Listed] {
        try crm.requests.list(contactID: nil, by: caller).prefix(limit).map { try listed($0, by: caller) }
    }

    public func requests(by caller: Caller) throws -> [InformationRequest] { try crm.requests.list(contactID: nil, by: caller) }

    public func request(id: Int64, by caller: Caller) throws -> InformationRequest { try crm.requests.request(id: id, by: caller) }

    /// A request as its page shows it.
    public struct Shown: Sendable {
        public var listed: Listed
        /// The basket's records (id and name, in the basket's order) and documents.
        public var records: [RecordSummary]
        public var documents: [OfficeDocument]
        public var replies: [OutboxEntry]
        public var themes: [Theme]
        public var hasBasket: Bool { !records.isEmpty || !documents.isEmpty }
    }

    public func show(requestID id: Int64, by caller: Caller) throws -> Shown {
        let listed = try listed(try crm.requests.request(id: id, by: caller), by: caller)
        let basket = try crm.baskets.list(requestID: id, by: caller).first
        return Shown(listed: listed, records: try basket.map { try records.summaries(ids: $0.recordIDs) } ?? [],
                     documents: try basket.map { try OfficeDocuments(crm: crm).documents(of: $0, by: caller) } ?? [],
                     replies: try crm.outbox.list(requestID: id, by: caller), themes: try crm.lists.themes())
    }

    /// The reply `messageID` of request `requestID`; `notFound` when it is another request's (or office's).
    public func reply(_ messageID: Int64, ofRequest requestID: Int64, by caller: Caller) throws -> OutboxEntry {
        let entry = try crm.outbox.entry(id: messageID, by: caller)
        guard entry.requestID == requestID else { throw CRMError.notFound("message \(messageID)") }
        return entry
    }

    private func listed(_ request: InformationRequest, by caller: Caller) throws -> Listed {
        Listed(request: request, contact: try request.contactID.map { try crm.contacts.contact(id: $0, by: caller) })
    }
}
