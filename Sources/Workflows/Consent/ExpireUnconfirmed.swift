import CRM
import Consent
import Foundation

/// Confirmation links never used in time: their "asked" become "expired" (still not a consent, and
/// now said so), checked periodically by the server.
public struct ExpireUnconfirmed: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// Returns how many asks expired.
    @discardableResult
    public func run(now: Date = Date()) throws -> Int {
        let stale = try desk.store.unansweredAsks(before: now.addingTimeInterval(-desk.confirmationLifetime))
        guard !stale.isEmpty else { return 0 }
        try desk.store.record(stale.map {
            ConsentEvent(officeID: $0.officeID, subject: $0.subject, purpose: $0.purpose, channel: $0.channel, kind: .expired, mode: $0.mode,
                         context: "lien de confirmation non utilisé à temps", at: now)
        }, spending: nil)
        return stale.count
    }
}
