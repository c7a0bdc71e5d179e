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

    /// Why the gate stops a message.
    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        case suppressed, objected, refused, withdrawn, pending, noConsent
        case unreadable(String)

        /// A stable code, for counts and labels.
        public var code: String {
            switch self {
            case .suppressed: "suppressed"
            case .objected: "objected"
            case .refused: "refused"
            case .withdrawn: "withdrawn"
            case .pending: "pending"
            case .noConsent: "no-consent"
            case .unreadable: "unreadable"
            }
        }

        public var description: String {
            switch self {
            case .suppressed: "the person objected to any message, or was erased (suppression list)"
            case .objected: "the person objected to the office's messages"
            case .refused: "the person refused consent for this purpose"
            case .withdrawn: "the person withdrew consent for this purpose"
            case .pending: "the person has not confirmed their consent yet"
            case .noConsent: "no confirmed consent for this purpose by email"
            case let .unreadable(error): "consent records unreadable: \(error)"
            }
        }
    }

    public func refusal(for entry: OutboxEntry) -> String? {
        let purpose: Purpose
        switch entry.purpose {
        case .serviceReply: return nil
        case .marketing: purpose = .own
        case .partnerMarketing: purpose = .partners
        }
        return refusal(officeID: entry.officeID, email: entry.recipient, purpose: purpose) { isProfessional(entry) }?.description
    }

    /// Whether the office may send a message for `purpose` to `email` by e-mail.
    public func refusal(officeID: Int64, email: String, purpose: Purpose, professional: () -> Bool) -> Refusal? {
        let subject = keys.subject(email: email)
        do {
            if try store.isSuppressed(subject, officeID: officeID) { return .suppressed }
            let state = ConsentState.derive(try store.events(officeID: officeID, subject: subject), purpose: purpose, channel: .email)
            switch state {
            case .confirmed: return nil
            case .objected: return .objected
            case .refused: return .refused
            case .withdrawn: return .withdrawn
            case .none, .pending, .expired:
                if professional() { return nil }
                return state == .pending ? .pending : .noConsent
            }
        } catch {
            return .unreadable("\(error)")
        }
    }
}
