import Foundation
import Storage

/// Where the CRM stores run their SQL: the process's database owner. A call outside a transaction
/// is one of its own; inside `SQLCRM.transaction` (or any `owner.write` on the same thread) it
/// joins the open one.
struct SQLExecutor: Sendable {
    let owner: DatabaseOwner

    func read<T>(_ body: (any SQLSession) throws -> T) throws(CRMError) -> T {
        do { return try owner.read(body) } catch { throw Self.crmError(error) }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws(CRMError) -> T {
        do { return try owner.write(body) } catch { throw Self.crmError(error) }
    }

    /// A read of the caller's office's rows only (see `Tenant`).
    func read<T>(as caller: Caller, _ body: (any SQLSession, Tenant) throws -> T) throws(CRMError) -> T {
        let tenant = try Tenant(caller)
        return try read { db in try body(db, tenant) }
    }

    /// A write to the caller's office's rows only (see `Tenant`).
    func write<T>(as caller: Caller, _ body: (any SQLSession, Tenant) throws -> T) throws(CRMError) -> T {
        let tenant = try Tenant(caller)
        return try write { db in try body(db, tenant) }
    }

    static func crmError(_ error: any Error) -> CRMError {
        if let error = error as? CRMError { return error }
        if let error = error as? StorageError, case let .unavailable(reason) = error { return .unavailable(reason) }
        return .storage("\(error)")
    }
}
