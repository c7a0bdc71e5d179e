import Foundation
import Storage

/// The CRM on the process's database owner (SQLite or PostgreSQL): one store per aggregate.
public struct SQLCRM: CRMStores {
    public let owner: DatabaseOwner
    let executor: SQLExecutor

    public init(owner: DatabaseOwner) {
        self.owner = owner
        executor = SQLExecutor(owner: owner)
    }

    /// The CRM alone on a SQLite file, for tools and tests; a server opens one owner for every
    /// module (`GuichetDatabase`).
    public init(path: String) throws(CRMError) {
        do {
            self.init(owner: try DatabaseOwner.open(.sqlite(path: path), migrations: Self.migrations))
        } catch {
            throw .storage("cannot open \(path): \(error)")
        }
    }

    /// The SQLite file, or the PostgreSQL database's redacted URL.
    public var path: String {
        if case let .sqlite(path) = owner.location { return path }
        return owner.location.description
    }

    /// The CRM's migrations on each engine.
    public static var migrations: MigrationList {
        MigrationList(sqlite: sqliteMigrations, postgres: postgresMigrations)
    }

    public var offices: any OfficeStore { SQLOfficeStore(executor: executor) }
    public var users: any UserStore { SQLUserStore(executor: executor) }
    public var lists: any ThemeStore { SQLThemeStore(executor: executor) }
    public var contacts: any ContactStore { SQLContactStore(executor: executor) }
    public var requests: any RequestStore { SQLRequestStore(executor: executor) }
    public var baskets: any BasketStore { SQLBasketStore(executor: executor) }
    public var savedSearches: any SavedSearchStore { SQLSavedSearchStore(executor: executor) }
    public var outbox: any OutboxStore { SQLOutboxStore(executor: executor) }
    public var statistics: any StatisticsStore { SQLStatisticsStore(executor: executor) }
    public var sessions: any SessionStore { SQLSessionStore(executor: executor) }
    public var campaigns: any CampaignStore { SQLCampaignStore(executor: executor) }
    public var audit: any AuditStore { SQLAuditStore(executor: executor) }
    public var retention: any RetentionStore { SQLRetentionStore(executor: executor) }
    public var registers: any RegisterStore { SQLRegisterStore(executor: executor) }
    public var documents: any DocumentStore { SQLDocumentStore(executor: executor) }
    public var webForms: any WebFormStore { SQLWebFormStore(executor: executor) }
    public var apidaeContacts: any ApidaeContactStore { SQLApidaeContactStore(executor: executor) }
    public var attempts: any AttemptStore { SQLAttemptStore(executor: executor) }

    public func transaction<T>(_ body: (any CRMStores) throws -> T) throws -> T {
        do {
            return try owner.write { _ in try body(self) }
        } catch let error as StorageError {
            throw SQLExecutor.crmError(error)
        }
    }
}

/// Values kept as JSON text in a column.
enum JSONColumn {
    static func encode(_ value: (some Encodable)?) -> String? {
        guard let value, let data = try? JSONEncoder().encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
