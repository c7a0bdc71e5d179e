import Foundation
import GRDB

/// One change to the schema, applied once, in order, in a transaction of its own.
///
/// A migration is SQL run on a session (the same statements or a dialect's own); migrations written
/// for SQLite before PostgreSQL existed keep their GRDB bodies (`grdb:`), on SQLite only.
public struct Migration: Sendable {
    enum Body: Sendable {
        case session(@Sendable (any SQLSession) throws -> Void)
        case grdb(@Sendable (GRDB.Database) throws -> Void)
    }

    public let identifier: String
    let body: Body

    public init(_ identifier: String, _ body: @escaping @Sendable (any SQLSession) throws -> Void) {
        self.identifier = identifier; self.body = .session(body)
    }

    /// A SQLite-only migration with GRDB's API.
    public init(_ identifier: String, grdb body: @escaping @Sendable (GRDB.Database) throws -> Void) {
        self.identifier = identifier; self.body = .grdb(body)
    }

    /// A migration that runs one script.
    public static func sql(_ identifier: String, _ script: String) -> Migration {
        Migration(identifier) { session in try session.executeScript(script) }
    }
}

/// A module's migrations for each engine. Those added after PostgreSQL arrived carry the same
/// identifier in both lists (a change to PostgreSQL's storage alone, `<module>-postgres-N-…`, is
/// in its list only); PostgreSQL's list starts with the schema as it stood then.
public struct MigrationList: Sendable {
    public var sqlite: [Migration]
    public var postgres: [Migration]
    /// Former identifiers of SQLite migrations, renamed in place before migrating.
    public var renamed: [(old: String, new: String)]

    public init(sqlite: [Migration], postgres: [Migration], renamed: [(old: String, new: String)] = []) {
        self.sqlite = sqlite; self.postgres = postgres; self.renamed = renamed
    }

    public func migrations(_ dialect: SQLDialect) -> [Migration] {
        dialect == .sqlite ? sqlite : postgres
    }

    /// The migrations up to `last` included (all when nil).
    func upTo(_ last: String?) -> MigrationList {
        guard let last else { return self }
        func cut(_ list: [Migration]) -> [Migration] {
            guard let end = list.firstIndex(where: { $0.identifier == last }) else { return list }
            return Array(list[...end])
        }
        return MigrationList(sqlite: cut(sqlite), postgres: cut(postgres), renamed: renamed)
    }

    /// The lists one after the other (modules in dependency order).
    public static func joined(_ lists: [MigrationList]) -> MigrationList {
        MigrationList(sqlite: lists.flatMap(\.sqlite), postgres: lists.flatMap(\.postgres), renamed: lists.flatMap(\.renamed))
    }
}

/// The SQLite migrations written for GRDB's migrator, registered the same way.
public struct SQLiteMigrations: Sendable {
    public private(set) var list: [Migration] = []

    public init() {}

    public mutating func registerMigration(_ identifier: String, _ body: @escaping @Sendable (GRDB.Database) throws -> Void) {
        list.append(Migration(identifier, grdb: body))
    }
}
