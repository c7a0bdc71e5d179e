import Dispatch
import Foundation

/// Runs `body` for `0..<count`, at most `limit` at a time on threads of their own (network
/// fetches: photos, Apidae pages), and returns when all started ones are done. Once `stop()`
/// answers true, no further index is started.
public func forEachBounded(_ count: Int, limit: Int, stop: () -> Bool = { false }, _ body: @escaping @Sendable (Int) -> Void) {
    let gate = DispatchSemaphore(value: max(1, limit))
    let group = DispatchGroup()
    let queue = DispatchQueue(label: "guichet.bounded", attributes: .concurrent)
    for i in 0..<count {
        gate.wait()
        if stop() { gate.signal(); break }
        queue.async(group: group) {
            defer { gate.signal() }
            body(i)
        }
    }
    group.wait()
}

/// A count several threads add to.
public final class Tally: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    public init() {}
    /// Adds one; returns the new count.
    public func next() -> Int { lock.withLock { count += 1; return count } }
    public var value: Int { lock.withLock { count } }
}
