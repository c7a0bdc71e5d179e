import Foundation
import Logging
import NIOPosix

/// Where the database is: a SQLite file (embedded) or a PostgreSQL URL (a region).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// `--database URL` or `GUICHET_DATABASE_URL` selects PostgreSQL; otherwise the SQLite file
    /// named by `--db`, else `GUICHET_DB`, else `./guichet.sqlite`.
    public static func resolve(url: String?, path: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StorageError) -> DatabaseLocation {
        if let url = url ?? environment["GUICHET_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return .postgres(try PostgresLocation(url: url))
        }
        return .sqlite(path: path ?? environment["GUICHET_DB"] ?? "guichet.sqlite")
    }

    public var description: String {
        switch self {
        case let .sqlite(path): path
        case let .postgres(location): location.redacted
        }
    }

    /// The folder beside the database for a node's own files (snapshots, staging): the SQLite
    /// file's folder, or `fallback` for PostgreSQL.
    public var dialect: SQLDialect {
        if case .sqlite = self { .sqlite } else { .postgres }
    }
}

/// The one owner of the database in a process: every module reads and writes through it.
///
/// `write { session in … }` is one transaction; a `read` or `write` called inside it on the same
/// thread joins it (a use case wraps the stores it calls in one `write`, and everything they do
/// commits together — an erasure and its audit entry, say). Calls block: run them on a blocking
/// pool's thread, never on an event loop.
public final class DatabaseOwner: Sendable {
    public let location: DatabaseLocation
    let engine: any DatabaseEngine
    let current = ThreadSpecificVariable<SessionBox>()

    public var dialect: SQLDialect { engine.dialect }

    init(location: DatabaseLocation, engine: any DatabaseEngine) {
        self.location = location; self.engine = engine
    }

    /// Opens the database and brings its schema up to date with `migrations`.
    ///
    /// One owner per database in a process: opening a database this process already has open
    /// returns that owner (after running any of `migrations` it lacks), so that modules opened
    /// one by one (tools, tests) still share one pool and one transaction. `separate` opens a
    /// second one anyway (a test standing for a second node).
    /// `upTo`: stop after this migration (tests that build a database as an older version left it).
    public static func open(_ location: DatabaseLocation, migrations: MigrationList, upTo last: String? = nil, connections: Int = 12,
                            separate: Bool = false, logger: Logger = Logger(label: "guichet.database")) throws(StorageError) -> DatabaseOwner {
        let list = migrations.upTo(last)
        if !separate, let owner = OpenOwners.shared.owner(location) {
            try owner.engine.migrate(list)
            return owner
        }
        let engine: any DatabaseEngine
        switch location {
        case let .sqlite(path): engine = try SQLiteEngine(path: path)
        case let .postgres(url): engine = try PostgresEngine(location: url, connections: connections, logger: logger)
        }
        do {
            try engine.migrate(list)
        } catch {
            engine.close()
            throw error
        }
        let owner = DatabaseOwner(location: location, engine: engine)
        if !separate { OpenOwners.shared.add(owner) }
        return owner
    }

    /// Reads (on SQLite a snapshot beside the writer; on PostgreSQL statements on one connection).
    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        if let box = current.currentValue { return try body(box.session) }
        return try engine.read(body)
    }

    /// One transaction: committed when `body` returns, rolled back when it throws.
    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        if let box = current.currentValue {
            guard box.writes else { throw StorageError.failed("a write inside a read") }
            return try body(box.session)
        }
        return try engine.write { session in
            current.currentValue = SessionBox(session: session, writes: true)
            defer { current.currentValue = nil }
            return try body(session)
        }
    }

    /// A write that, inside a transaction open on this thread, runs in a savepoint of its own (a
    /// failure undoes only it, and the transaction goes on); outside, a transaction of its own.
    public func write<T>(savepoint: Bool, _ body: (any SQLSession) throws -> T) throws -> T {
        guard savepoint, let box = current.currentValue, box.writes else { return try write(body) }
        return try box.session.savepoint { try body(box.session) }
    }

    /// True inside a `write` on this thread.
    public var inTransaction: Bool { current.currentValue?.writes == true }

    public func close() { engine.close() }
}

/// `@unchecked Sendable`: a box is set, read and cleared on one thread only (thread-specific).
final class SessionBox: @unchecked Sendable {
    let session: any SQLSession
    let writes: Bool
    init(session: any SQLSession, writes: Bool) { self.session = session; self.writes = writes }
}

/// The owners open in this process, by database (held weakly: an owner nobody uses any more goes).
final class OpenOwners: @unchecked Sendable {
    static let shared = OpenOwners()
    private let lock = NSLock()
    private var owners: [String: WeakOwner] = [:]

    private struct WeakOwner { weak var owner: DatabaseOwner? }

    static func key(_ location: DatabaseLocation) -> String {
        switch location {
        case let .sqlite(path): "sqlite:" + URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        case let .postgres(url): "postgres:" + url.redacted
        }
    }

    func owner(_ location: DatabaseLocation) -> DatabaseOwner? {
        lock.withLock { owners[Self.key(location)]?.owner }
    }

    func add(_ owner: DatabaseOwner) {
        lock.withLock {
            owners = owners.filter { $0.value.owner != nil }
            owners[Self.key(owner.location)] = WeakOwner(owner: owner)
        }
    }
}
