import Foundation

/// What went wrong in the database, engine-neutral.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database cannot be reached (refused, lost, timed out, shutting down). The statement may
    /// not have run; a transaction that got this was rolled back. Answer 503 and try again later.
    case unavailable(String)
    /// A uniqueness, foreign key, not-null or check constraint refused the write.
    case constraint(String)
    /// Another statement error (syntax, types, a trigger's abort, a missing table…).
    case failed(String)
    /// The database named is not one Guichet can open (bad URL, bad option).
    case configuration(String)

    public var description: String {
        switch self {
        case let .unavailable(m): "database unavailable: \(m)"
        case let .constraint(m): "constraint: \(m)"
        case let .failed(m): "database error: \(m)"
        case let .configuration(m): "database configuration: \(m)"
        }
    }
}

extension StorageError {
    /// The database could not be reached (as opposed to a statement it refused).
    public var isUnavailable: Bool { if case .unavailable = self { true } else { false } }
}
