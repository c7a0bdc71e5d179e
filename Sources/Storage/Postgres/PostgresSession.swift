import Foundation
import Logging
import NIOCore
import NIOConcurrencyHelpers
import PostgresNIO

/// One leased PostgreSQL connection inside `read` or `write`. Statements wait on the connection's
/// event loop from the calling thread (a blocking pool's thread, never an event loop's).
final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    /// Set when the connection failed: the pool closes it instead of lending it again.
    private(set) var broken = false
    var dialect: SQLDialect { .postgres }

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection; self.logger = logger
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws(StorageError) -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let result = try run(sql, arguments)
        var columns: SQLColumns?
        for row in result.rows {
            let names = columns ?? SQLColumns(row.map(\.columnName))
            columns = names
            var values: [SQLValue] = []
            values.reserveCapacity(names.names.count)
            for cell in row { values.append(try PostgresValues.value(cell)) }
            try body(SQLRow(columns: names, values: values))
        }
    }

    func executeScript(_ sql: String) throws(StorageError) {
        // The simple query protocol runs several statements; postgres-nio sends a query without
        // bindings as one extended query, so statements go one by one.
        for statement in Self.statements(sql) { _ = try run(statement, []) }
    }

    private var savepoints = 0

    func markBroken() { broken = true }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepoints += 1
        let name = "guichet_\(savepoints)"
        defer { savepoints -= 1 }
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            if !broken { _ = try? execute("ROLLBACK TO SAVEPOINT \(name)") }
            throw error
        }
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws(StorageError) -> PostgresQueryResult {
        let query = PostgresQuery(unsafeSQL: PostgresPlaceholders.rewrite(sql), binds: PostgresValues.bindings(arguments))
        do {
            return try Self.wait(connection.query(query, logger: logger), connection: connection, limit: statementLimit)
        } catch {
            let mapped = PostgresValues.storageError(error)
            if case .unavailable = mapped { broken = true }
            if connection.isClosed { broken = true }
            throw mapped
        }
    }

    /// Seconds a statement may take before the connection is given up (a database that went away
    /// without closing its sockets must not hold a request forever): $GUICHET_DATABASE_TIMEOUT, else 120.
    static let defaultStatementLimit: TimeInterval = ProcessInfo.processInfo.environment["GUICHET_DATABASE_TIMEOUT"].flatMap(TimeInterval.init) ?? 120
    var statementLimit: TimeInterval = PostgresSession.defaultStatementLimit

    /// Waits for `future` at most `limit` seconds; past it the connection is closed and the
    /// caller told the database is unavailable.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, connection: PostgresConnection, limit: TimeInterval) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = NIOLockedValueBox<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLockedValue { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + limit) == .success, let result = outcome.withLockedValue({ $0 }) else {
            (connection.close() as EventLoopFuture<Void>).whenComplete { _ in _ = connection }
            throw StorageError.unavailable("no answer from the database in \(Int(limit)) s")
        }
        return try result.get()
    }

    /// A script's statements: split at `;` outside quotes, dollar-quoted bodies and comments.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var chars = Array(script)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "'", "\"":
                current.append(c)
                while let d = chars.first {
                    chars = chars.dropFirst(); current.append(d)
                    if d == c { break }
                }
            case "$" where chars.first == "$":
                current.append("$$"); chars = chars.dropFirst()
                while let d = chars.first {
                    chars = chars.dropFirst(); current.append(d)
                    if d == "$", chars.first == "$" { current.append("$"); chars = chars.dropFirst(); break }
                }
            case "-" where chars.first == "-":
                while let d = chars.first, d != "\n" { chars = chars.dropFirst() }
            case ";":
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            default:
                current.append(c)
            }
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
