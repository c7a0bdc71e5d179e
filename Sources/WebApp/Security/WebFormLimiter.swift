import Foundation

/// How many requests the public forms take: per client address (a visitor sends one or two; a
/// script sends hundreds) and per form (a flood from many addresses), over sliding windows. Kept in
/// memory: each app node counts its own.
public actor WebFormLimiter {
    public struct Limit: Sendable {
        public var count: Int
        public var window: TimeInterval
        public init(count: Int, window: TimeInterval) { self.count = count; self.window = window }
    }

    let perAddress: Limit
    let perForm: Limit
    private var seen: [String: [Date]] = [:]

    public init(perAddress: Limit = Limit(count: 5, window: 10 * 60), perForm: Limit = Limit(count: 200, window: 60 * 60)) {
        self.perAddress = perAddress; self.perForm = perForm
    }

    /// Counts a submission, or answers how many seconds to wait when either limit is reached
    /// (nothing is counted then).
    public func take(address: String?, form: String, now: Date = Date()) -> Int? {
        let keys = [("form:" + form, perForm)] + (address.map { [("address:" + $0, perAddress)] } ?? [])
        var wait: TimeInterval = 0
        for (key, limit) in keys {
            let recent = (seen[key] ?? []).filter { now.timeIntervalSince($0) < limit.window }
            seen[key] = recent
            if recent.count >= limit.count, let oldest = recent.first { wait = max(wait, limit.window - now.timeIntervalSince(oldest)) }
        }
        if wait > 0 { return max(1, Int(wait.rounded(.up))) }
        for (key, _) in keys { seen[key, default: []].append(now) }
        if seen.count > 50_000 { seen = seen.filter { !$0.value.isEmpty } }
        return nil
    }
}
