import CRM
import Foundation

/// Merges a duplicate into the contact kept, for the caller's office: only two contacts the
/// office knows, and only when they look like the same person (the rule the preview shows: same
/// email, or same names and postal code).
public struct MergeContacts: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    /// The contact to keep, within the caller's office: `notFound` for another office's.
    public func kept(_ id: Int64, by caller: Caller) throws -> Contact { try crm.contacts.contact(id: id, by: caller) }

    /// The contact as the merge would leave it, nothing written.
    public func preview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws -> Contact {
        try check(mergedID, into: keptID, in: crm, by: caller)
        return try crm.contacts.mergePreview(mergedID, into: keptID, by: caller)
    }

    public func run(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws -> Contact {
        try crm.transaction { tx in
            try check(mergedID, into: keptID, in: tx, by: caller)
            let kept = try tx.contacts.merge(mergedID, into: keptID, by: caller)
            try tx.audit.record(.contactsMerged, contactID: keptID, objectID: mergedID, by: caller)
            return kept
        }
    }

    private func check(_ mergedID: Int64, into keptID: Int64, in stores: any CRMStores, by caller: Caller) throws {
        _ = try stores.contacts.contact(id: keptID, by: caller)
        _ = try stores.contacts.contact(id: mergedID, by: caller)
        guard try stores.contacts.duplicates(of: keptID, by: caller).contains(where: { $0.id == mergedID }) else {
            throw WorkflowError.notDuplicates(kept: keptID, merged: mergedID)
        }
    }
}
