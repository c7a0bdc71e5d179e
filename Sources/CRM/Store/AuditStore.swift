import Foundation

/// The offices' audit logs: appended by the use cases, read by each office's admin.
public protocol AuditStore: Sendable {
    /// Appends an entry to the caller's office's log; the regional admin's go to the log of the
    /// office they acted on (`officeID`), else to the region's.
    func record(_ action: AuditEntry.Action, contactID: Int64?, objectID: Int64?, detail: String?, officeID: Int64?, by caller: Caller) throws(CRMError)
    /// The caller's office's entries, newest first (office admins only).
    func entries(_ filter: AuditFilter, by caller: Caller) throws(CRMError) -> [AuditEntry]
}

extension AuditStore {
    public func record(_ action: AuditEntry.Action, contactID: Int64? = nil, objectID: Int64? = nil, detail: String? = nil,
                       by caller: Caller) throws(CRMError) {
        try record(action, contactID: contactID, objectID: objectID, detail: detail, officeID: nil, by: caller)
    }
}

/// Which entries of the log to read.
public struct AuditFilter: Sendable, Hashable {
    public var action: AuditEntry.Action?
    public var userName: String?
    public var contactID: Int64?
    public var from: Date?
    /// Exclusive.
    public var to: Date?
    public var limit: Int

    public init(action: AuditEntry.Action? = nil, userName: String? = nil, contactID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                limit: Int = 1000) {
        self.action = action; self.userName = userName; self.contactID = contactID; self.from = from; self.to = to; self.limit = limit
    }
}
