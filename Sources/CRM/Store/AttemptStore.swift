import Foundation

/// Attempts counted over sliding windows, kept in the database so that every app node counts the
/// same ones: sign-in attempts (per account, per client address), public form submissions (per
/// form, per address). Keys are hashes, never the address or the email itself.
public protocol AttemptStore: Sendable {
    /// In one transaction, each key locked against other takers: forgets the attempts older than
    /// their window, hands the recent ones (oldest first, by key) to `decide`, and records one
    /// attempt at `now` for every key when it says so. Returns what `decide` returned.
    func take<R>(_ keys: [(key: String, window: TimeInterval)], now: Date, _ decide: ([String: [Date]]) -> (record: Bool, result: R))
        throws(CRMError) -> R
    /// Forgets a key's attempts: all of them, or the one recorded at `at`.
    func forget(_ key: String, at: Date?) throws(CRMError)
}
