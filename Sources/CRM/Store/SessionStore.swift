import Foundation

/// Signed-in sessions, kept by the hash of their cookie so that a restart signs nobody out and
/// several app nodes can share them. A disabled user's sessions are never answered.
public protocol SessionStore: Sendable {
    func open(_ session: StoredSession) throws(CRMError)
    /// The session with this hash, with its user as they are now; nil when unknown or the user is disabled.
    func session(idHash: String) throws(CRMError) -> StoredSession?
    func touch(idHash: String, at: Date) throws(CRMError)
    func close(idHash: String) throws(CRMError)
    /// Ends every session of a user but `keeping` (the one that changed its password).
    func closeAll(userID: Int64, keeping: String?) throws(CRMError)
    /// Removes sessions idle since `idleBefore` or begun before `begunBefore`; returns how many.
    func purge(idleBefore: Date, begunBefore: Date) throws(CRMError) -> Int
}
