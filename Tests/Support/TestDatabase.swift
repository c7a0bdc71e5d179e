import Foundation
import Storage

/// The engines a store suite runs on: SQLite always, PostgreSQL when `GUICHET_TEST_POSTGRES`
/// names a server (`scripts/test.sh` starts one; so does CI).
public enum Engine: String, CaseIterable, Sendable{
    case sqlite, postgres

    /// The engines available here: PostgreSQL's suites are left out, visibly, without a server
    /// (see `TestPostgres.skipReason`).
    public static var available: [Engine] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// The PostgreSQL server the tests may use, and why its suites are skipped when there is none.
public enum TestPostgres {
    public static let url: PostgresLocation? = {
        guard let text = ProcessInfo.processInfo.environment["GUICHET_TEST_POSTGRES"], !text.isEmpty else { return nil }
        return try? PostgresLocation(url: text)
    }()

    public static let skipReason = "GUICHET_TEST_POSTGRES not set: store suites ran on SQLite only (scripts/test.sh starts a PostgreSQL)"

    /// A CI run must not pass with PostgreSQL's suites silently left out.
    public static var problem: String? {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == "true", url == nil { return "CI=true but GUICHET_TEST_POSTGRES is not set" }
        if let text = environment["GUICHET_TEST_POSTGRES"], !text.isEmpty, url == nil { return "GUICHET_TEST_POSTGRES=\(text) is not a postgres:// URL" }
        return nil
    }
}

/// A database of its own for one test: a temporary SQLite file, or a new PostgreSQL database
/// dropped when the test ends.
public final class TestDatabase: @unchecked Sendable {
    public let engine: Engine
    public let location: DatabaseLocation
    private let folder: URL?
    private let postgresName: String?
    private var owners: [DatabaseOwner] = []
    private let lock = NSLock()

    public init(_ engine: Engine) throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-db-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.folder = folder
            postgresName = nil
            location = .sqlite(path: folder.appendingPathComponent("guichet.sqlite").path)
        case .postgres:
            guard let server = TestPostgres.url else { throw StorageError.configuration(TestPostgres.skipReason) }
            let name = "guichet_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try Self.admin(server) { session in _ = try session.execute("CREATE DATABASE \(name)") }
            folder = nil
            postgresName = name
            location = .postgres(server.database(name))
        }
    }

    /// Opens (and migrates) an owner on this database; closed when the test database goes.
    public func open(_ migrations: MigrationList, connections: Int = 6, separate: Bool = false) throws -> DatabaseOwner {
        let owner = try DatabaseOwner.open(location, migrations: migrations, connections: connections, separate: separate)
        lock.withLock { owners.append(owner) }
        return owner
    }

    /// Opens an owner of its own on this database through another port of loopback (a relay).
    public func open(_ migrations: MigrationList, throughPort port: Int, connections: Int = 6) throws -> DatabaseOwner {
        guard case var .postgres(url) = location else { throw StorageError.configuration("a relay is for PostgreSQL") }
        url.host = "127.0.0.1"
        url.port = port
        let owner = try DatabaseOwner.open(.postgres(url), migrations: migrations, connections: connections, separate: true)
        lock.withLock { owners.append(owner) }
        return owner
    }

    /// The SQLite file's folder (nil on PostgreSQL).
    public var sqliteFolder: URL? { folder }

    deinit {
        for owner in owners { owner.close() }
        if let folder { try? FileManager.default.removeItem(at: folder) }
        if let postgresName, let server = TestPostgres.url {
            try? Self.admin(server) { session in _ = try session.execute("DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)") }
        }
    }

    private static func admin(_ server: PostgresLocation, _ body: (any SQLSession) throws -> Void) throws {
        let owner = try DatabaseOwner.open(.postgres(server), migrations: MigrationList(sqlite: [], postgres: []), connections: 2, separate: true)
        defer { owner.close() }
        try owner.read(body)
    }
}
