import Foundation

/// How many requests the public forms take: per client address (a visitor sends one or two; a
/// script sends hundreds) and per form (a flood from many addresses), over sliding windows.
/// Counted in the database: the limits hold across a region's nodes.
public struct WebFormLimiter: Sendable {
    public struct Limit: Sendable {
        public var count: Int
        public var window: TimeInterval
        public init(count: Int, window: TimeInterval) { self.count = count; self.window = window }
    }

    let perAddress: Limit
    let perForm: Limit
    let counter: any AttemptCounter

    public init(counter: any AttemptCounter = MemoryAttempts(), perAddress: Limit = Limit(count: 5, window: 10 * 60),
                perForm: Limit = Limit(count: 200, window: 60 * 60)) {
        self.counter = counter; self.perAddress = perAddress; self.perForm = perForm
    }

    /// Counts a submission, or answers how many seconds to wait when either limit is reached
    /// (nothing is counted then).
    public func take(address: String?, form: String, now: Date = Date()) async throws -> Int? {
        let limits = [("webform:" + form, perForm)] + (address.map { [("webform-address:" + $0, perAddress)] } ?? [])
        return try await counter.take(limits.map { (key: $0.0, window: $0.1.window) }, now: now) { recent in
            var wait: TimeInterval = 0
            for (key, limit) in limits {
                guard let seen = recent[key], seen.count >= limit.count, let oldest = seen.first else { continue }
                wait = max(wait, limit.window - now.timeIntervalSince(oldest))
            }
            return wait > 0.001 ? (false, max(1, Int(wait.rounded(.up)))) : (true, nil)
        }
    }
}
