import CRM
import Foundation

/// The consent module's answer to "may this be sent?" (`SendPolicy`), asked by the outbox when a
/// message is written and again when it is sent (a withdrawal in between wins):
/// - the answer to a person's own request always goes;
/// - nothing else reaches a person on the suppression list or who objected;
/// - a professional (B2B) may receive the office's messages without prior consent, unless they
///   refused, withdrew or objected;
/// - a private person (B2C) needs a confirmed consent for that office, purpose and channel.
/// When the records cannot be read, nothing is sent (the refusal says why).
public struct ConsentGate: SendPolicy {
    public let store: any ConsentStore
    public let keys: ConsentKeys
    /// Whether the recipient of an entry is a professional contact of its office (from the CRM).
    public let isProfessional: @Sendable (OutboxEntry) -> Bool

    public init(store: any ConsentStore, keys: ConsentKeys, isProfessional: @escaping @Sendable (OutboxEntry) -> Bool) {
        self.store = store; self.keys = keys; self.isProfessional = isProfessional
    }

    public func refusal(for entry: OutboxEntry) -> String? {
        let purpose: Purpose
        switch entry.purpose {
        case .serviceReply: return nil
        case .marketing: purpose = .own
        case .partnerMarketing: purpose = .partners
        }
        let subject = keys.subject(email: entry.recipient)
        do {
            if try store.isSuppressed(subject, officeID: entry.officeID) { return "the person objected to any message, or was erased (suppression list)" }
            let state = ConsentState.derive(try store.events(officeID: entry.officeID, subject: subject), purpose: purpose, channel: .email)
            switch state {
            case .confirmed: return nil
            case .objected: return "the person objected to the office's messages"
            case .refused, .withdrawn: return "the person \(state == .refused ? "refused" : "withdrew") consent for this purpose"
            case .none, .pending, .expired:
                if isProfessional(entry) { return nil }
                return state == .pending ? "the person has not confirmed their consent yet" : "no confirmed consent for this purpose by email"
            }
        } catch {
            return "consent records unreadable: \(error)"
        }
    }
}
