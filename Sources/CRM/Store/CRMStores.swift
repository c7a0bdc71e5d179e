import Foundation

/// The CRM's storage, one store per aggregate. Every call takes the caller and is scoped to the
/// caller's office in the store: an object of another office is `notFound`, exactly like a
/// missing one. `SQLCRM` is the embedded implementation; a PostgreSQL one implements the same
/// protocols (dialect-specific SQL stays inside the SQLite types).
public protocol CRMStores: Sendable {
    var offices: any OfficeStore { get }
    var users: any UserStore { get }
    var lists: any ThemeStore { get }
    var contacts: any ContactStore { get }
    var requests: any RequestStore { get }
    var baskets: any BasketStore { get }
    var savedSearches: any SavedSearchStore { get }
    var outbox: any OutboxStore { get }
    var statistics: any StatisticsStore { get }
    var sessions: any SessionStore { get }
    var campaigns: any CampaignStore { get }
    var audit: any AuditStore { get }
    var retention: any RetentionStore { get }
    var registers: any RegisterStore { get }
    var documents: any DocumentStore { get }
    var webForms: any WebFormStore { get }
    var apidaeContacts: any ApidaeContactStore { get }
    var attempts: any AttemptStore { get }

    /// Runs `body` in one transaction: everything written through the stores it is handed is
    /// committed together, or nothing is when it throws. Inside, calls to `transaction` join it.
    /// The stores handed to `body` are valid only while it runs.
    func transaction<T>(_ body: (any CRMStores) throws -> T) throws -> T
}
