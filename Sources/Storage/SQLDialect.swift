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

extension SQLDialect {
    /// The larger of two values (SQLite's two-argument `max`, PostgreSQL's `GREATEST`).
    public func greatest(_ a: String, _ b: String) -> String {
        self == .sqlite ? "max(\(a), \(b))" : "GREATEST(\(a), \(b))"
    }

    /// The elements of a JSON array (held as text) as a FROM item `alias` with a text column `value`.
    public func jsonArray(_ expression: String, as alias: String) -> String {
        self == .sqlite ? "json_each(\(expression)) \(alias)" : "jsonb_array_elements_text(CAST(\(expression) AS jsonb)) AS \(alias)(value)"
    }

    /// The members of a JSON object (held as text) as a FROM item `alias` with text columns `key` and `value`.
    public func jsonObject(_ expression: String, as alias: String) -> String {
        self == .sqlite ? "json_each(\(expression)) \(alias)" : "jsonb_each_text(CAST(\(expression) AS jsonb)) AS \(alias)(key, value)"
    }
}

extension SQLDialect {
    /// `SELECT …` of the integers of a JSON array bound as one text argument (`[1,2,3]`), for
    /// `id IN (…)` with any number of ids.
    public func integers(ofJSON placeholder: String = "?") -> String {
        self == .sqlite ? "SELECT value FROM json_each(\(placeholder))"
            : "SELECT CAST(j.value AS BIGINT) AS value FROM jsonb_array_elements_text(CAST(\(placeholder) AS jsonb)) AS j(value)"
    }
}

/// `?, ?, ?` for an `IN (…)` of `count` values; `NULL` for none (`x IN (NULL)` holds for no row).
public func sqlPlaceholders(_ count: Int) -> String {
    count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
}

extension SQLSession {
    /// Inside a write: holds `name` until the transaction ends, so that two writers of the same
    /// name (on any node) go one after the other. PostgreSQL: a transaction advisory lock; SQLite's
    /// writes go one at a time already.
    public func lockUntilCommit(_ name: String) throws(StorageError) {
        guard dialect == .postgres else { return }
        try execute("SELECT pg_advisory_xact_lock(?)", [AdvisoryKey.key("guichet-xact-" + name)])
    }
}
