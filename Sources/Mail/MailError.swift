/// Why a message was not sent. `isPermanent` tells a refusal (do not retry) from a failure that
/// may pass later.
public enum MailError: Error, CustomStringConvertible, Equatable, Sendable {
    case configuration(String)
    case invalidAddress(String)
    /// The server answered with an error; `code` is its SMTP reply code (550, 451…).
    case refused(code: Int, message: String)
    /// No server could be reached, or the connection broke.
    case unreachable(String)
    case failed(String)

    public var isPermanent: Bool {
        switch self {
        case .configuration, .invalidAddress: true
        case let .refused(code, _): code >= 500
        case .unreachable, .failed: false
        }
    }

    public var description: String {
        switch self {
        case let .configuration(reason): "mail configuration: \(reason)"
        case let .invalidAddress(address): "not an email address: \"\(address)\""
        case let .refused(code, message): "refused by the mail server (\(code)): \(message)"
        case let .unreachable(reason): "mail server unreachable: \(reason)"
        case let .failed(reason): "sending failed: \(reason)"
        }
    }
}
