import CRM
import Foundation

/// Where sliding-window limits keep their attempts: the database (every node counts the same ones:
/// `StoredAttempts`), or this process's memory (`MemoryAttempts`, for the limits' own tests).
public protocol AttemptCounter: Sendable {
    /// See `AttemptStore.take`: the recent attempts of `keys` handed to `decide`, one recorded for
    /// every key when it says so, all at once for every taker of the same keys.
    func take<R: Sendable>(_ keys: [(key: String, window: TimeInterval)], now: Date,
                           _ decide: @escaping @Sendable ([String: [Date]]) -> (record: Bool, result: R)) async throws -> R
    func forget(_ key: String, at: Date?) async throws
}

/// The attempts in the database, through the blocking pool; keys stored as SHA-256 (no email or
/// address in the table).
public struct StoredAttempts: AttemptCounter {
    let store: any AttemptStore
    let blocking: BlockingPool

    public init(store: any AttemptStore, blocking: BlockingPool) { self.store = store; self.blocking = blocking }

    public func take<R: Sendable>(_ keys: [(key: String, window: TimeInterval)], now: Date,
                                  _ decide: @escaping @Sendable ([String: [Date]]) -> (record: Bool, result: R)) async throws -> R {
        let hashed = keys.map { (key: Self.hash($0.key), window: $0.window) }
        let names = Dictionary(uniqueKeysWithValues: keys.map { (Self.hash($0.key), $0.key) })
        let store = store
        return try await blocking.run {
            try store.take(hashed, now: now) { recent in
                decide(Dictionary(uniqueKeysWithValues: recent.map { (names[$0.key] ?? $0.key, $0.value) }))
            }
        }
    }

    public func forget(_ key: String, at: Date?) async throws {
        let store = store, hashed = Self.hash(key)
        try await blocking.run { try store.forget(hashed, at: at) }
    }

    static func hash(_ key: String) -> String { Digest.sha256Hex(key) }
}

/// The attempts in this process's memory.
public actor MemoryAttempts: AttemptCounter {
    private var seen: [String: [Date]] = [:]

    public init() {}

    public func take<R: Sendable>(_ keys: [(key: String, window: TimeInterval)], now: Date,
                                  _ decide: @escaping @Sendable ([String: [Date]]) -> (record: Bool, result: R)) -> R {
        var recent: [String: [Date]] = [:]
        for (key, window) in keys {
            recent[key] = (seen[key] ?? []).filter { now.timeIntervalSince($0) < window }
            seen[key] = recent[key]
        }
        let (record, result) = decide(recent)
        if record { for (key, _) in keys { seen[key, default: []].append(now) } }
        if seen.count > 50_000 { seen = seen.filter { !$0.value.isEmpty } }
        return result
    }

    public func forget(_ key: String, at: Date?) {
        if let at, let index = seen[key]?.lastIndex(of: at) { seen[key]?.remove(at: index) } else if at == nil { seen[key] = nil }
    }
}
