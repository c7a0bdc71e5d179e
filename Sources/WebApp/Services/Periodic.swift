import Logging
import ServiceLifecycle

/// The loop the background services share: `tick` every `interval` (the first one at once or
/// after one interval) until the graceful shutdown; a tick that fails is logged with `what` and
/// the next one comes as planned.
func repeatUntilShutdown(every interval: Duration, startingNow: Bool = false, logger: Logger, what: String,
                         _ tick: @escaping @Sendable () async throws -> Void) async {
    try? await cancelWhenGracefulShutdown {
        if !startingNow { try await Task.sleep(for: interval) }
        while !Task.isCancelled {
            do {
                try await tick()
            } catch is CancellationError {
                return  // the shutdown, not a failure
            } catch {
                logger.error("\(what): \(error)")
            }
            try await Task.sleep(for: interval)
        }
    }
}
