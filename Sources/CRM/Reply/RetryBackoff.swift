import Foundation

/// When a message the mail server could not take is tried again: after `first`, then twice as
/// long each time up to `longest`; after `maxAttempts` tries it is `failed` and waits for an agent.
/// With the defaults: 1, 2, 4, 8, 16, 32 minutes, 1 h, then failed — about two hours of trying.
public struct RetryBackoff: Sendable, Hashable {
    public var maxAttempts: Int
    public var first: TimeInterval
    public var longest: TimeInterval

    public init(maxAttempts: Int = 8, first: TimeInterval = 60, longest: TimeInterval = 6 * 3600) {
        self.maxAttempts = max(1, maxAttempts); self.first = first; self.longest = longest
    }

    /// After the `attempts`-th try failed: when to try again, or nil when it is the last.
    public func nextAttempt(after attempts: Int, now: Date = Date()) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let wait = min(longest, first * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(wait)
    }
}
