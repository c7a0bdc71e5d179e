import Foundation
import NIOPosix

/// Threads of the app's own for the work that blocks — SQLite, Cairo and Pango, libcurl (mail,
/// photos), child processes — so that Swift's cooperative pool (as many threads as cores) and the
/// event loops only ever wait on it, never do it. Password hashing has a pool of its own with one
/// thread: a burst of sign-ins (bcrypt, a quarter of a second of CPU each) then uses one core at
/// most and queues, instead of taking every core from the searches.
public final class BlockingPool: Sendable {
    private let work: NIOThreadPool
    private let passwords: NIOThreadPool

    /// The process's pool: its threads live as long as the process (a started pool must never be
    /// released before it is shut down).
    public static let shared = BlockingPool()

    public init(threads: Int = 8) {
        work = NIOThreadPool(numberOfThreads: max(1, threads))
        passwords = NIOThreadPool(numberOfThreads: 1)
        work.start()
        passwords.start()
    }

    /// Runs `body` on one of the pool's threads; the caller's task waits without holding a thread.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await work.runIfActive(body)
    }

    /// Runs a password check or hash, one at a time.
    public func password<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await passwords.runIfActive(body)
    }
}
