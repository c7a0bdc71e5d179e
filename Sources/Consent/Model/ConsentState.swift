import Foundation

/// Where a person's consent stands for one office, purpose and channel, derived from the events.
public enum ConsentState: String, Sendable, Hashable, Codable {
    /// Nothing was ever asked.
    case none
    /// Asked, waiting for the person's confirmation.
    case pending
    case confirmed
    case refused
    case withdrawn
    case expired
    case objected

    /// The state after `events` (any order; the latest wins, an objection covers every purpose and
    /// channel of the office until a later confirmation).
    public static func derive(_ events: [ConsentEvent], purpose: Purpose, channel: Channel) -> ConsentState {
        let relevant = events.filter { ($0.purpose == purpose && $0.channel == channel) || $0.kind == .objected }
        guard let last = relevant.max(by: { ($0.at, $0.id) < ($1.at, $1.id) }) else { return .none }
        return ConsentState(last.kind)
    }

    /// The state an event leaves its purpose and channel in.
    public init(_ kind: ConsentEvent.Kind) {
        self = switch kind {
        case .asked: .pending
        case .confirmed: .confirmed
        case .refused: .refused
        case .withdrawn: .withdrawn
        case .expired: .expired
        case .objected: .objected
        }
    }
}
