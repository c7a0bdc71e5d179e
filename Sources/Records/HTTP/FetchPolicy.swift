import Foundation

/// Where the server may fetch from: http and https only, and never an address of this machine or
/// of the local network — loopback, private, link-local, carrier-grade NAT, multicast, reserved —
/// unless the configuration names the host (`GUICHET_FETCH_ALLOW_HOSTS=photos.intranet,10.0.0.5`),
/// or the host and port (`127.0.0.1:8081`).
/// A record's photo URL comes from the Apidae feed: without this, `http://127.0.0.1:…` or a
/// `gopher://` URL in a record would make the server talk to its own private services.
public struct FetchPolicy: Sendable, Hashable {
    /// Hosts (names or addresses, lowercased) allowed to resolve to non-public addresses.
    public var allowedHosts: Set<String>
    /// When set, the only hosts asked at all, redirects included (the Apidae API, its export host).
    public var onlyHosts: Set<String>?

    public init(allowedHosts: Set<String> = [], onlyHosts: Set<String>? = nil) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.onlyHosts = onlyHosts.map { Set($0.map { $0.lowercased() }) }
    }

    /// A configured service's hosts (the Apidae API, its export host): asked even on a private
    /// address — the configuration names them — and nothing else is.
    public static func only(_ hosts: Set<String>) -> FetchPolicy { FetchPolicy(allowedHosts: hosts, onlyHosts: hosts) }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> FetchPolicy {
        FetchPolicy(allowedHosts: Set((environment["GUICHET_FETCH_ALLOW_HOSTS"] ?? "").split(separator: ",")
                                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
    }

    /// The host of an http(s) URL this policy lets the server ask; nil for any other URL.
    public func host(of url: String) -> String? {
        guard let host = Self.host(of: url) else { return nil }
        if let onlyHosts, !onlyHosts.contains(host) { return nil }
        return host
    }

    /// The lowercased host of an http(s) URL; nil for any other URL.
    public static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else { return nil }
        return host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    }

    /// Whether `url` may reach a non-public address: its host is allowed, or its `host:port`
    /// (a test stand-in on 127.0.0.1 allows its own port, not the whole machine).
    func allowsPrivateAddresses(of url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = Self.host(of: url) else { return false }
        if allowedHosts.contains(host) { return true }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return allowedHosts.contains("\(host):\(port)")
    }

    /// Whether an address is one the public internet routes: IPv4 as 4 bytes, IPv6 as 16.
    public static func isPublic(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isPublicIPv4(bytes) }
        guard bytes.count == 16 else { return false }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return isPublicIPv4(Array(bytes[12...])) }  // ::ffff:a.b.c.d
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return false }  // :: and ::1
        if bytes[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return isPublicIPv4(Array(bytes[12...])) }  // NAT64
        if bytes[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
        if bytes[0] == 0xFF { return false }  // multicast
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return false }  // documentation
        return true
    }

    static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): false
        case (100, 64...127): false  // carrier-grade NAT
        case (169, 254): false  // link-local (cloud metadata)
        case (172, 16...31): false
        case (192, 168): false
        case (192, 0) where b[2] == 0 || b[2] == 2: false  // IETF, documentation
        case (198, 18...19): false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: false  // documentation
        case (224...255, _): false  // multicast, reserved, broadcast
        default: true
        }
    }
}
