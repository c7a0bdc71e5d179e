import CRM
import Foundation
import Records

/// The agent's basket at the desk, before it goes with a request: each change is one transaction
/// that reads the basket and writes it back, so two changes at once (two tabs, a double click)
/// both land instead of one overwriting the other. A record added for the first time counts
/// toward its popularity in search.
public struct DraftBasket: Sendable {
    public let crm: any CRMStores
    public let records: RecordStore
    /// Layout names a basket may use (the files of `Layouts/`).
    public let layouts: @Sendable () -> [String]
    public static let limit = 200

    /// A basket's records (names in its language, in its order) and the office's documents in it.
    public func contents(_ basket: Basket, by caller: Caller) throws -> (records: [RecordSummary], documents: [OfficeDocument]) {
        (try records.summaries(ids: basket.recordIDs, language: basket.language), try OfficeDocuments(crm: crm).documents(of: basket, by: caller))
    }

    public init(crm: any CRMStores, records: RecordStore, layouts: @escaping @Sendable () -> [String]) {
        self.crm = crm; self.records = records; self.layouts = layouts
    }

    /// The caller's draft (created empty the first time).
    public func current(by caller: Caller) throws -> Basket {
        try crm.baskets.draft(by: caller)
    }

    /// Adds a record the office may use (its own, or any for PREMIUM); another is unknown.
    public func add(recordID: Int, by caller: Caller) throws -> Basket {
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        guard try RecordScope.outside([recordID], for: office, in: records).isEmpty else { throw WorkflowError.unknownRecord(recordID) }
        var added = false
        let basket = try change(by: caller) { basket in
            guard !basket.recordIDs.contains(recordID) else { return }
            guard basket.recordIDs.count < Self.limit else { throw WorkflowError.basketFull(limit: Self.limit) }
            basket.recordIDs.append(recordID)
            added = true
        }
        if added { try records.addPopularity(id: recordID) }
        return basket
    }

    public func remove(recordID: Int, by caller: Caller) throws -> Basket {
        try change(by: caller) { $0.recordIDs.removeAll { $0 == recordID } }
    }

    /// Adds one of the office's own documents (another office's is unknown to the store).
    public func add(documentID: Int64, by caller: Caller) throws -> Basket {
        _ = try crm.documents.document(id: documentID, by: caller)
        return try change(by: caller) { basket in
            guard !basket.documentIDs.contains(documentID) else { return }
            guard basket.documentIDs.count < Self.limit else { throw WorkflowError.basketFull(limit: Self.limit) }
            basket.documentIDs.append(documentID)
        }
    }

    /// Takes one of the office's documents out (another office's id is unknown, as for `add`).
    public func remove(documentID: Int64, by caller: Caller) throws -> Basket {
        _ = try crm.documents.document(id: documentID, by: caller)
        return try change(by: caller) { $0.documentIDs.removeAll { $0 == documentID } }
    }

    /// A new order of the basket's records (some may be left out, none added), its layout, its language.
    public func update(order: [Int]?, layout: String?, language: String?, by caller: Caller) throws -> Basket {
        if let layout, !layouts().contains(layout) { throw WorkflowError.unknownLayout(layout) }
        if let language, !VisitorLanguages.codes.contains(language) { throw WorkflowError.unknownLanguage(language) }
        return try change(by: caller) { basket in
            if let order {
                guard Set(order).isSubset(of: basket.recordIDs), Set(order).count == order.count else { throw WorkflowError.notInBasket }
                basket.recordIDs = order
            }
            if let layout { basket.layout = layout }
            if let language { basket.language = language }
        }
    }

    public func empty(by caller: Caller) throws -> Basket {
        try change(by: caller) { basket in
            basket.recordIDs = []
            basket.documentIDs = []
        }
    }

    private func change(by caller: Caller, _ edit: (inout Basket) throws -> Void) throws -> Basket {
        try crm.transaction { tx in
            var basket = try tx.baskets.draft(by: caller)
            try edit(&basket)
            return try tx.baskets.save(basket, by: caller)
        }
    }
}
