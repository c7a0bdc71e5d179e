/// What the consent module refuses, and why.
public enum ConsentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A link whose signature does not match: forged or altered.
    case tamperedToken
    case expiredToken
    /// A single-use link used a second time.
    case usedToken
    case invalid(field: String, reason: String)
    case storage(String)
    /// The database cannot be reached just now (nothing was written); worth trying again.
    case unavailable(String)

    public var description: String {
        switch self {
        case .tamperedToken: "the link is not one Guichet signed (altered or forged)"
        case .expiredToken: "the link has expired"
        case .usedToken: "the link was already used"
        case let .invalid(field, reason): "\(field): \(reason)"
        case let .storage(reason): "consent storage: \(reason)"
        case let .unavailable(reason): "consent storage unavailable: \(reason)"
        }
    }
}
