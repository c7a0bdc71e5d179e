import Records
/// What a search request can get wrong; each case names the field for the caller to show.
public enum SearchError: Error, CustomStringConvertible, Equatable {
    case unknownPlace(String)
    case unknownType(String)
    case unknownCategory(String)
    case invalidRadius(Double)
    case radiusWithoutCentre
    case invalidDateWindow(from: String, to: String)
    case invalidDate(String)
    case invalidPaging(String)
    case storage(String)
    /// The database cannot be reached just now; worth trying again.
    case unavailable(String)
    /// The index's snapshot file cannot be used (the index is then built from the cache).
    case snapshot(String)

    public var description: String {
        switch self {
        case .unknownPlace(let p): "near: no commune, postal code, INSEE code or \"lat,lon\" matches \"\(p)\""
        case .unknownType(let t): "type: unknown Apidae type \"\(t)\""
        case .unknownCategory(let c): "category: unknown category \"\(c)\" (see Category.all)"
        case .invalidRadius(let r): "radius: must be between 0 and 500 km, got \(r)"
        case .radiusWithoutCentre: "radius: a radius needs a centre (near)"
        case let .invalidDateWindow(from, to): "from/to: the window ends (\(to)) before it starts (\(from))"
        case .invalidDate(let d): "date: expected YYYY-MM-DD, got \"\(d)\""
        case .invalidPaging(let p): "paging: \(p)"
        case .storage(let s): "storage: \(s)"
        case .unavailable(let s): "database unavailable: \(s)"
        case .snapshot(let s): "search index snapshot: \(s)"
        }
    }
}

extension SearchError {
    /// A store's error: `unavailable` when the database could not be reached, else `storage`.
    static func wrapping(_ error: any Error) -> SearchError {
        if case let RecordsError.unavailable(reason) = error { return .unavailable(reason) }
        return .storage("\(error)")
    }
}
