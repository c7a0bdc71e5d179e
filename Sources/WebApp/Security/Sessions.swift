import CRM
import Foundation

/// A signed-in browser: its user, its CSRF token, when it expires.
public struct WebSession: Sendable, Hashable {
    public var id: String
    public var user: User
    /// Every form and every state-changing API call from the browser carries it.
    public var csrf: String
    public var expires: Date
}

/// Sessions in memory, by the SHA-256 of the cookie value (the value itself is never kept). Idle
/// sessions expire; logout removes the session at once. One server process holds them: a
/// multi-node deployment would move them to the shared database behind this same type's API.
public actor SessionStore {
    public let idleTimeout: TimeInterval
    private var sessions: [String: WebSession] = [:]

    public init(idleTimeout: TimeInterval = 8 * 3600) { self.idleTimeout = idleTimeout }

    /// Opens a session; returns the cookie value to send.
    public func open(for user: User) -> (cookie: String, session: WebSession) {
        let cookie = Self.randomToken()
        let session = WebSession(id: Self.hash(cookie), user: user, csrf: Self.randomToken(), expires: Date().addingTimeInterval(idleTimeout))
        sessions[session.id] = session
        if sessions.count % 256 == 0 { purge() }
        return (cookie, session)
    }

    /// The live session for a cookie value, its expiry pushed back; nil when unknown or expired.
    public func session(cookie: String) -> WebSession? {
        let id = Self.hash(cookie)
        guard var session = sessions[id] else { return nil }
        guard session.expires > Date() else {
            sessions[id] = nil
            return nil
        }
        session.expires = Date().addingTimeInterval(idleTimeout)
        sessions[id] = session
        return session
    }

    public func close(cookie: String) { sessions[Self.hash(cookie)] = nil }

    /// For tests: makes a session look idle for longer than the timeout.
    public func age(cookie: String, by seconds: TimeInterval) {
        sessions[Self.hash(cookie)]?.expires.addTimeInterval(-seconds)
    }

    private func purge() {
        let now = Date()
        sessions = sessions.filter { $0.value.expires > now }
    }

    static func randomToken() -> String { Digest.randomHex() }

    static func hash(_ value: String) -> String { Digest.sha256Hex(value) }
}
