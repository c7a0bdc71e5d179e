import CRM

/// The office's audit log as its admin reads it (the regional admin: every office's).
public struct AuditTrail: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    public func entries(_ filter: AuditFilter, by caller: Caller) throws -> [AuditEntry] {
        try crm.audit.entries(filter, by: caller)
    }
}
