import Foundation

/// The SQL an engine speaks, for the few statements written twice.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    /// `sqlite` on SQLite, `postgres` on PostgreSQL.
    public func pick(sqlite: String, postgres: String) -> String {
        self == .sqlite ? sqlite : postgres
    }
}

/// Rewrites `?` placeholders as PostgreSQL's `$1, $2…`, leaving string literals, quoted names
/// and comments alone. Rewritten statements are kept (a store's statements are few and fixed).
enum PostgresPlaceholders {
    private static let cache = PlaceholderCache()

    static func rewrite(_ sql: String) -> String {
        if let done = cache.get(sql) { return done }
        let done = rewriteUncached(sql)
        cache.set(sql, done)
        return done
    }

    static func rewriteUncached(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var chars = Array(sql.unicodeScalars)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "'", "\"":
                out.unicodeScalars.append(c)
                while let d = chars.first {
                    chars = chars.dropFirst()
                    out.unicodeScalars.append(d)
                    if d == c {
                        if chars.first == c { out.unicodeScalars.append(c); chars = chars.dropFirst() } else { break }
                    }
                }
            case "-" where chars.first == "-":
                out.unicodeScalars.append(c)
                while let d = chars.first, d != "\n" { out.unicodeScalars.append(d); chars = chars.dropFirst() }
            case "?":
                n += 1
                out += "$\(n)"
            default:
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

private final class PlaceholderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [String: String] = [:]

    func get(_ sql: String) -> String? { lock.withLock { done[sql] } }
    func set(_ sql: String, _ value: String) {
        lock.withLock { if done.count < 10_000 { done[sql] = value } }
    }
}
