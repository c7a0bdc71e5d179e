import Logging
import ServiceLifecycle
import Workflows

/// The loop the background services share: `tick` every `interval` (the first one at once or
/// after one interval) until the graceful shutdown; a tick that fails is logged with `what` and
/// the next one comes as planned.
/// The mail server the sending services use; without one, waits for the shutdown and returns nil
/// (a service that returned early would stop the whole server).
func mailerOrShutdown(_ services: GuichetServices) async -> ReplyToRequest.Mailer? {
    if let mailer = services.mailer { return mailer }
    try? await gracefulShutdown()
    return nil
}

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
