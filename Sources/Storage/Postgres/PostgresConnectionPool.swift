import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers
import NIOSSL
import PostgresNIO

/// The connections of one process to PostgreSQL, lent to one blocking thread at a time.
///
/// Up to `maximum` connections, opened when needed and kept; a connection that failed is closed,
/// not lent again, and the next lease opens a fresh one (so a database that comes back is used
/// again without a restart). A lease waits `leaseTimeout` at most, then the caller gets
/// `.unavailable` (answered 503 by the web app).
final class PostgresConnectionPool: @unchecked Sendable {
    let location: PostgresLocation
    let maximum: Int
    let leaseTimeout: TimeInterval
    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let group: any EventLoopGroup
    private let condition = NSCondition()
    private var idle: [(connection: PostgresConnection, since: Date)] = []
    private var open = 0
    private var closed = false
    private var nextID = 0

    init(location: PostgresLocation, maximum: Int, leaseTimeout: TimeInterval = 10, logger: Logger) throws(StorageError) {
        self.location = location
        self.maximum = max(2, maximum)
        self.leaseTimeout = leaseTimeout
        self.logger = logger
        self.group = MultiThreadedEventLoopGroup.singleton
        self.configuration = try Self.configuration(location)
    }

    static func configuration(_ location: PostgresLocation) throws(StorageError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = location.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(location.port)", username: location.user,
                                  password: location.password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch location.tls {
                case .disable: tls = .disable
                case .require:
                    var settings = TLSConfiguration.makeClientConfiguration()
                    settings.certificateVerification = .none
                    tls = .require(try NIOSSLContext(configuration: settings))
                case .verifyFull:
                    var settings = TLSConfiguration.makeClientConfiguration()
                    settings.certificateVerification = .fullVerification
                    if let file = location.rootCertificate { settings.trustRoots = .file(file) }
                    tls = .require(try NIOSSLContext(configuration: settings))
                }
            } catch {
                throw .configuration("TLS for \(location.redacted): \(error)")
            }
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Runs `body` with a connection of its own; the connection goes back to the pool after.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try lease()
        let session = PostgresSession(connection: connection, logger: logger)
        defer { giveBack(connection, broken: session.broken || connection.isClosed) }
        return try body(session)
    }

    func lease() throws(StorageError) -> PostgresConnection {
        let deadline = Date().addingTimeInterval(leaseTimeout)
        condition.lock()
        while true {
            if closed { condition.unlock(); throw .unavailable("the database connections are closed") }
            if let (connection, since) = idle.popLast() {
                // One the server closed while it waited (a restart, an idle timeout) is dropped here;
                // one idle for a while is asked first (postgres-nio may not have seen the server end
                // it, and a statement on it would wait for its limit).
                if connection.isClosed { open -= 1; continue }
                if Date().timeIntervalSince(since) > Self.checkAfterIdle {
                    condition.unlock()
                    if Self.answers(connection, logger: logger) { return connection }
                    (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection }
                    condition.lock()
                    open -= 1
                    continue
                }
                condition.unlock()
                return connection
            }
            if open < maximum { break }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw .unavailable("no database connection free after \(Int(leaseTimeout)) s")
            }
        }
        open += 1
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try connect(id: id)
        } catch {
            condition.lock(); open -= 1; condition.signal(); condition.unlock()
            throw error
        }
    }

    /// A new connection outside the pool, for async code (a listener): never lent, closed by its owner.
    func connectAsync(id: Int) async throws -> PostgresConnection {
        try await PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).get()
    }

    /// A new connection (not counted in the pool: the caller counts it).
    func connect(id: Int) throws(StorageError) -> PostgresConnection {
        do {
            let eventLoop = group.next()
            let future = PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: logger)
            let done = DispatchSemaphore(value: 0)
            let outcome = NIOLockedValueBox<Result<PostgresConnection, any Error>?>(nil)
            future.whenComplete { result in outcome.withLockedValue { $0 = result }; done.signal() }
            guard done.wait(timeout: .now() + 15) == .success, let result = outcome.withLockedValue({ $0 }) else {
                future.whenSuccess { _ = $0.close() as EventLoopFuture<Void> }
                throw StorageError.unavailable("no connection in 15 s")
            }
            return try result.get()
        } catch {
            throw .unavailable("cannot connect to \(location.redacted): \(PostgresValues.storageError(error))")
        }
    }

    func giveBack(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        if broken || closed {
            open -= 1
            condition.signal()
            condition.unlock()
            (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection }
            return
        }
        idle.append((connection, Date()))
        condition.signal()
        condition.unlock()
    }

    deinit {
        // Each connection lives until its close completes (postgres-nio wants one closed before it goes).
        for (connection, _) in idle { (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection } }
    }

    /// Seconds idle after which a connection is checked before it is lent.
    static let checkAfterIdle: TimeInterval = 5

    /// Whether the connection answers a `SELECT 1` within 2 s.
    static func answers(_ connection: PostgresConnection, logger: Logger) -> Bool {
        (try? PostgresSession.wait(connection.query("SELECT 1", logger: logger), connection: connection, limit: 2)) != nil
    }

    /// Closes every idle connection; leases after this fail.
    func close() {
        condition.lock()
        closed = true
        let connections = idle.map(\.connection)
        idle = []
        open -= connections.count
        condition.broadcast()
        condition.unlock()
        for connection in connections { try? (connection.close() as EventLoopFuture<Void>).wait() }
    }
}
