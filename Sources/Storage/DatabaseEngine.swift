import Foundation

/// What an engine does for the owner: sessions for reads and transactions, migrations, locks.
protocol DatabaseEngine: Sendable {
    var dialect: SQLDialect { get }
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
    func migrate(_ list: MigrationList) throws(StorageError)
    func close()
}
