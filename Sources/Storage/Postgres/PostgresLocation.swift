import Foundation

/// A PostgreSQL database named by URL: `postgres://user:password@host:5432/database?sslmode=require`.
///
/// `sslmode`: `disable` (default on a loopback or socket host), `require` (TLS, any certificate),
/// `verify-full` (TLS, certificate checked against the system's roots or `sslrootcert=FILE`, and
/// the host name). A host given as `?host=/run/postgresql` is a Unix socket folder.
public struct PostgresLocation: Sendable, Equatable {
    public enum TLSMode: String, Sendable { case disable, require, verifyFull = "verify-full" }

    public var host: String
    public var port: Int
    public var socketFolder: String?
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var rootCertificate: String?

    public init(url: String) throws(StorageError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw .configuration("not a postgres:// URL")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw .configuration("the URL names no user (postgres://user@host/database)")
        }
        self.user = user
        password = components.password?.removingPercentEncoding
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.contains("/") else { throw .configuration("the URL names no database (postgres://user@host/database)") }
        database = name.removingPercentEncoding ?? name
        switch query["sslmode"] ?? "disable" {
        case "disable", "allow", "prefer": tls = .disable
        case "require": tls = .require
        case "verify-full", "verify-ca": tls = .verifyFull
        case let other: throw .configuration("sslmode=\(other) is not one of disable, require, verify-full")
        }
        rootCertificate = query["sslrootcert"]
    }

    /// The URL without its password, for logs and messages.
    public var redacted: String {
        "postgres://\(user)@\(socketFolder ?? host):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// The same server, another database (tests and `database copy` make their own).
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }
}
