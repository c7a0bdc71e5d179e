/// What the CRM refuses, and why.
public enum CRMError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Absent, or belonging to another office: the two are not told apart.
    case notFound(String)
    /// The caller's role or tier does not allow it.
    case forbidden(String)
    case invalid(field: String, reason: String)
    case storage(String)
    /// The database cannot be reached just now (nothing was written); worth trying again.
    case unavailable(String)

    public var description: String {
        switch self {
        case let .notFound(what): "\(what) not found"
        case let .forbidden(reason): "not allowed: \(reason)"
        case let .invalid(field, reason): "\(field): \(reason)"
        case let .storage(reason): "CRM storage: \(reason)"
        case let .unavailable(reason): "CRM storage unavailable: \(reason)"
        }
    }
}
