import CRM
import Foundation

/// A signed-in browser: its user, its CSRF token, when it expires.
public struct WebSession: Sendable, Hashable {
    /// The SHA-256 of the cookie value (the value itself is never kept).
    public var id: String
    public var user: User
    /// Every form and every state-changing API call from the browser carries it.
    public var csrf: String
    public var expires: Date
}

/// Signed-in sessions: stored (hashed) by the CRM's `SessionStore`, so a restart signs nobody out
/// and several app nodes can share them, with a short cache in front. A session ends after 8 h
/// without use or 12 h after sign-in, whichever comes first; logout, a password change or the
/// user being disabled end it at once. The cache re-reads a session at least every 30 s (another
/// node may have ended it) and writes "last seen" at most once a minute.
public actor Sessions {
    public let idleTimeout: TimeInterval
    public let lifetime: TimeInterval
    private let store: any SessionStore
    private let blocking: BlockingPool
    private var cache: [String: Entry] = [:]
    private var opened = 0
    static let recheck: TimeInterval = 30
    static let touchEvery: TimeInterval = 60

    private struct Entry {
        var session: StoredSession
        var checked: Date
        var written: Date
    }

    public init(store: any SessionStore, blocking: BlockingPool, idleTimeout: TimeInterval = 8 * 3600, lifetime: TimeInterval = 12 * 3600) {
        self.store = store; self.blocking = blocking; self.idleTimeout = idleTimeout; self.lifetime = lifetime
    }

    /// Opens a session; returns the cookie value to send.
    public func open(for user: User) async throws -> (cookie: String, session: WebSession) {
        let cookie = Digest.randomHex()
        let now = Date()
        let stored = StoredSession(idHash: Digest.sha256Hex(cookie), user: user, csrf: Digest.randomHex(), createdAt: now, lastSeenAt: now)
        let store = store
        try await blocking.run { try store.open(stored) }
        cache[stored.idHash] = Entry(session: stored, checked: now, written: now)
        opened += 1
        if opened % 256 == 0 { await purge(now) }
        return (cookie, view(stored))
    }

    /// The live session for a cookie value, seen now; nil when unknown, ended, expired or its user
    /// disabled. Throws when the database cannot be reached: nobody is signed out for that.
    public func session(cookie: String) async throws -> WebSession? {
        let id = Digest.sha256Hex(cookie)
        let now = Date()
        let store = store
        var entry = cache[id]
        if entry == nil || now.timeIntervalSince(entry!.checked) > Self.recheck {
            let found: StoredSession?
            do {
                found = try await blocking.run { try store.session(idHash: id) }
            } catch let error as CRMError {
                if case .unavailable = error { throw error }
                found = nil
            } catch {
                found = nil
            }
            guard let stored = found else {
                cache[id] = nil
                return nil
            }
            entry = Entry(session: stored, checked: now, written: stored.lastSeenAt)
        }
        guard var live = entry, expiry(of: live.session) > now else {
            cache[id] = nil
            _ = try? await blocking.run { try store.close(idHash: id) }
            return nil
        }
        live.session.lastSeenAt = now
        if now.timeIntervalSince(live.written) > Self.touchEvery {
            live.written = now
            _ = try? await blocking.run { try store.touch(idHash: id, at: now) }
        }
        cache[id] = live
        return view(live.session)
    }

    public func close(cookie: String) async {
        let id = Digest.sha256Hex(cookie)
        cache[id] = nil
        let store = store
        _ = try? await blocking.run { try store.close(idHash: id) }
    }

    /// Drops a user's sessions from the cache once the store has ended them (disabled user,
    /// password changed), but `keeping`.
    public func forget(userID: Int64, keeping: String? = nil) {
        cache = cache.filter { $0.value.session.user.id != userID || $0.key == keeping }
    }

    /// For tests: moves a session's sign-in and last use back in time.
    public func age(cookie: String, sinceSignIn: TimeInterval, sinceLastSeen: TimeInterval) async throws {
        let id = Digest.sha256Hex(cookie)
        let store = store
        guard var stored = try await blocking.run({ try store.session(idHash: id) }) else { return }
        stored.createdAt = Date().addingTimeInterval(-sinceSignIn)
        stored.lastSeenAt = Date().addingTimeInterval(-sinceLastSeen)
        let aged = stored
        try await blocking.run {
            try store.close(idHash: id)
            try store.open(aged)
        }
        cache[id] = nil
    }

    private func expiry(of session: StoredSession) -> Date {
        min(session.lastSeenAt.addingTimeInterval(idleTimeout), session.createdAt.addingTimeInterval(lifetime))
    }

    private func view(_ session: StoredSession) -> WebSession {
        WebSession(id: session.idHash, user: session.user, csrf: session.csrf, expires: expiry(of: session))
    }

    private func purge(_ now: Date) async {
        let (idle, old) = (now.addingTimeInterval(-idleTimeout), now.addingTimeInterval(-lifetime))
        let store = store
        _ = try? await blocking.run { try store.purge(idleBefore: idle, begunBefore: old) }
        cache = cache.filter { expiry(of: $0.value.session) > now }
    }
}
