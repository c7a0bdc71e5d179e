import Foundation
import GRDB

/// Where the SQLite stores run their SQL: each call in a transaction of its own on the pool, or
/// every call inside one open transaction (`SQLiteCRM.transaction`).
///
/// `@unchecked Sendable`: the `.transaction` case holds GRDB's `Database`, which is valid only
/// inside the `write` closure that opened it. `SQLiteCRM.transaction` builds stores on it and
/// hands them to a non-escaping closure that runs synchronously on that same thread; the stores
/// are documented as valid only while it runs. The `.pool` case is GRDB's `DatabasePool`, which is
/// Sendable itself.
struct SQLiteExecutor: @unchecked Sendable {
    enum Target {
        case pool(DatabasePool)
        case transaction(Database)
    }

    let target: Target

    func read<T>(_ body: (Database) throws -> T) throws(CRMError) -> T {
        do {
            switch target {
            case let .pool(pool): return try pool.read(body)
            case let .transaction(db): return try body(db)
            }
        } catch { throw Self.crmError(error) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(CRMError) -> T {
        do {
            switch target {
            case let .pool(pool): return try pool.write(body)
            case let .transaction(db): return try body(db)
            }
        } catch { throw Self.crmError(error) }
    }

    /// A read of the caller's office's rows only (see `Tenant`).
    func read<T>(as caller: Caller, _ body: (Database, Tenant) throws -> T) throws(CRMError) -> T {
        let tenant = try Tenant(caller)
        return try read { db in try body(db, tenant) }
    }

    /// A write to the caller's office's rows only (see `Tenant`).
    func write<T>(as caller: Caller, _ body: (Database, Tenant) throws -> T) throws(CRMError) -> T {
        let tenant = try Tenant(caller)
        return try write { db in try body(db, tenant) }
    }

    static func crmError(_ error: any Error) -> CRMError {
        (error as? CRMError) ?? .storage("\(error)")
    }
}
