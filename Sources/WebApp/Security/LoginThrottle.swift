import Foundation

/// Sign-in attempts per account and per client address, over a sliding window (15 min). A few
/// failures go freely; after that each new attempt waits longer — 1 s, 2 s, 4 s… up to 5 min —
/// instead of locking the account: an attacker cannot shut a user out for a quarter of an hour,
/// and guessing slows to a crawl. An attempt is reserved (counted as failed) before the password
/// is checked, so a burst of parallel attempts cannot slip past the count; a success gives its
/// reservation back. Counted in the database: every node of a region counts the same attempts.
public struct LoginThrottle: Sendable {
    public let window: TimeInterval
    public let longestDelay: TimeInterval
    let counter: any AttemptCounter

    public init(counter: any AttemptCounter = MemoryAttempts(), window: TimeInterval = 15 * 60, longestDelay: TimeInterval = 5 * 60) {
        self.counter = counter; self.window = window; self.longestDelay = longestDelay
    }

    /// A counted key, how many failures it has before delays start, and whether a success clears it.
    public struct Key: Sendable, Hashable {
        public var name: String
        public var free: Int
        /// A successful sign-in forgets this key's failures (an account's, not an address's).
        public var clearedBySuccess: Bool
        public static func account(_ email: String) -> Key { Key(name: "email:" + email, free: 3, clearedBySuccess: true) }
        /// An office's agents may share one address: more failures go freely there.
        public static func address(_ address: String) -> Key { Key(name: "address:" + address, free: 30, clearedBySuccess: false) }
    }

    /// What `reserve` answers: go (the attempt is counted until `succeeded`), or wait.
    public enum Decision: Sendable, Equatable {
        case go(at: Date)
        case wait(seconds: Int)
    }

    /// Takes an attempt for every key at once, or none: the seconds to wait when one of them is
    /// in its delay.
    public func reserve(_ keys: [Key], now: Date = Date()) async throws -> Decision {
        let (window, longestDelay) = (window, longestDelay)
        return try await counter.take(keys.map { (key: $0.name, window: window) }, now: now) { recent in
            var wait: TimeInterval = 0
            for key in keys {
                guard let failures = recent[key.name], failures.count >= key.free, let last = failures.last else { continue }
                let delay = min(longestDelay, pow(2, Double(failures.count - key.free)))
                wait = max(wait, last.addingTimeInterval(delay).timeIntervalSince(now))
            }
            // Under a millisecond is the rounding of times kept as seconds since 1970: no wait.
            return wait > 0.001 ? (false, .wait(seconds: Int(wait.rounded(.up)))) : (true, .go(at: now))
        }
    }

    /// The attempt reserved `at` succeeded: an account's failures are forgotten, an address keeps
    /// its others.
    public func succeeded(_ keys: [Key], reservedAt at: Date) async throws {
        for key in keys { try await counter.forget(key.name, at: key.clearedBySuccess ? nil : at) }
    }
}
