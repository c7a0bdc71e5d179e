import Foundation

/// A value as both engines store it: SQLite's storage classes, which PostgreSQL's columns map onto
/// (`BIGINT`/`INTEGER` → integer, `DOUBLE PRECISION` → real, `TEXT` → text, `BYTEA` → blob; a boolean
/// or a numeric read from PostgreSQL arrives as integer or real).
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    public var isNull: Bool { if case .null = self { true } else { false } }
}

/// A Swift value that can be bound to a statement's `?`.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column; `nil` when the stored value cannot be one.
public protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { self }
    public static func decode(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case let .integer(i): i
        case let .real(d): d.rounded(.towardZero) == d && abs(d) < 9.2e18 ? Int64(d) : nil
        case let .text(s): Int64(s)
        case .null, .blob: nil
        }
    }
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map { Int($0) } }
}

extension Int32: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func decode(_ value: SQLValue) -> Int32? { Int64.decode(value).flatMap { Int32(exactly: $0) } }
}

extension Double: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .real(self) }
    public static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case let .integer(i): Double(i)
        case let .real(d): d
        case let .text(s): Double(s)
        case .null, .blob: nil
        }
    }
}

extension Bool: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func decode(_ value: SQLValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public static func decode(_ value: SQLValue) -> String? {
        switch value {
        case let .text(s): s
        case let .integer(i): String(i)
        case let .real(d): String(d)
        case let .blob(data): String(data: data, encoding: .utf8)
        case .null: nil
        }
    }
}

extension Data: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .blob(self) }
    public static func decode(_ value: SQLValue) -> Data? {
        switch value {
        case let .blob(data): data
        case let .text(s): Data(s.utf8)
        case .null, .integer, .real: nil
        }
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(.none) }
        return Wrapped.decode(value).map { .some($0) }
    }
}

/// The arguments of a statement: `[a, b, c]` where each is a bindable value or nil (NULL).
public typealias SQLArguments = [(any SQLBindable)?]

extension Array where Element == (any SQLBindable)? {
    var sqlValues: [SQLValue] { map { $0?.sqlValue ?? .null } }
}
