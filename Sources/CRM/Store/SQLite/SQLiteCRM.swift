import Foundation
import GRDB

/// The CRM in SQLite (GRDB), in the same file as the record cache or its own: one store per
/// aggregate over one pool.
public struct SQLiteCRM: CRMStores {
    public let path: String
    let executor: SQLiteExecutor
    let pool: DatabasePool

    public init(path: String) throws(CRMError) {
        do {
            let pool = try DatabasePool(path: path, configuration: SQLiteCRM.configuration)
            try Self.migrator.migrate(pool)
            self.init(path: path, pool: pool, executor: SQLiteExecutor(target: .pool(pool)))
        } catch {
            throw .storage("cannot open \(path): \(error)")
        }
    }

    init(path: String, pool: DatabasePool, executor: SQLiteExecutor) {
        self.path = path; self.pool = pool; self.executor = executor
    }

    /// Foreign keys on; a writer waits up to 10 s for another (an import, another process) instead
    /// of failing with SQLITE_BUSY; deleted rows are overwritten with zeros (`secure_delete`), so an
    /// erased person's data does not linger in free pages.
    static var configuration: Configuration {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON") }
        return config
    }

    public var offices: any OfficeStore { SQLiteOfficeStore(executor: executor) }
    public var users: any UserStore { SQLiteUserStore(executor: executor) }
    public var lists: any ThemeStore { SQLiteThemeStore(executor: executor) }
    public var contacts: any ContactStore { SQLiteContactStore(executor: executor) }
    public var requests: any RequestStore { SQLiteRequestStore(executor: executor) }
    public var baskets: any BasketStore { SQLiteBasketStore(executor: executor) }
    public var savedSearches: any SavedSearchStore { SQLiteSavedSearchStore(executor: executor) }
    public var outbox: any OutboxStore { SQLiteOutboxStore(executor: executor) }
    public var statistics: any StatisticsStore { SQLiteStatisticsStore(executor: executor) }
    public var sessions: any SessionStore { SQLiteSessionStore(executor: executor) }
    public var campaigns: any CampaignStore { SQLiteCampaignStore(executor: executor) }
    public var audit: any AuditStore { SQLiteAuditStore(executor: executor) }
    public var retention: any RetentionStore { SQLiteRetentionStore(executor: executor) }
    public var registers: any RegisterStore { SQLiteRegisterStore(executor: executor) }
    public var documents: any DocumentStore { SQLiteDocumentStore(executor: executor) }
    public var webForms: any WebFormStore { SQLiteWebFormStore(executor: executor) }
    public var apidaeContacts: any ApidaeContactStore { SQLiteApidaeContactStore(executor: executor) }

    public func transaction<T>(_ body: (any CRMStores) throws -> T) throws -> T {
        if case .transaction = executor.target { return try body(self) }
        do {
            return try pool.write { db in
                try body(SQLiteCRM(path: path, pool: pool, executor: SQLiteExecutor(target: .transaction(db))))
            }
        } catch let error as CRMError {
            throw error
        } catch let error as DatabaseError {
            throw CRMError.storage("\(error)")
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
