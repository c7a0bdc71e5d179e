import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOPosix

/// Threads of the app's own for the work that blocks — SQLite, Cairo and Pango, libcurl (mail,
/// photos), child processes — so that Swift's cooperative pool (as many threads as cores) and the
/// event loops only ever wait on it, never do it. Password hashing has a pool of its own with one
/// thread: a burst of sign-ins (bcrypt, a quarter of a second of CPU each) then uses one core at
/// most and queues, instead of taking every core from the searches. Brochures (and everything
/// drawn: previews, letters, the register, replies with their brochure) have theirs too: an office
/// printing heavy documents fills only the drawing threads, never those that answer every other
/// office's requests.
public final class BlockingPool: Sendable {
    private let work: NIOThreadPool
    private let passwords: NIOThreadPool
    private let drawing: NIOThreadPool
    /// How long a request waits for a drawing (queue included) before it is answered 503.
    public let drawingLimit: Duration

    /// The process's pool: its threads live as long as the process (a started pool must never be
    /// released before it is shut down).
    public static let shared = BlockingPool()

    public init(threads: Int = 8, drawingThreads: Int = 2, drawingLimit: Duration = .seconds(60)) {
        work = NIOThreadPool(numberOfThreads: max(1, threads))
        passwords = NIOThreadPool(numberOfThreads: 1)
        drawing = NIOThreadPool(numberOfThreads: max(1, drawingThreads))
        self.drawingLimit = drawingLimit
        work.start()
        passwords.start()
        drawing.start()
    }

    /// Runs `body` on one of the pool's threads; the caller's task waits without holding a thread.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await work.runIfActive(body)
    }

    /// Runs a password check or hash, one at a time.
    public func password<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await passwords.runIfActive(body)
    }

    /// Draws on the drawing threads. With `limited` (the default) the caller stops waiting after
    /// `drawingLimit` and gets a 503 saying so; the drawing itself cannot be interrupted and ends on
    /// its thread (the two threads bound how many can run at once). A reply, which sends what it
    /// drew, waits for its end (`limited: false`).
    public func draw<T: Sendable>(limited: Bool = true, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard limited else { return try await drawing.runIfActive(body) }
        let limit = drawingLimit
        // Whichever comes first answers; the other finds the answer given (a task group would wait
        // for the drawing to end before returning, whatever the limit).
        let answered = NIOLockedValueBox(false)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            func answer(_ result: Result<T, any Error>) {
                guard answered.withLockedValue({ done in defer { done = true }; return !done }) else { return }
                continuation.resume(with: result)
            }
            let timer = Task {
                try await Task.sleep(for: limit)
                answer(.failure(HTTPError(.serviceUnavailable,
                                          message: "L'impression a pris plus de \(limit.components.seconds) s : réessayez, ou retirez du panier les documents les plus lourds.")))
            }
            Task { [drawing] in
                do { answer(.success(try await drawing.runIfActive(body))) } catch { answer(.failure(error)) }
                timer.cancel()
            }
        }
    }
}
