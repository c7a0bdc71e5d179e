import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GET over HTTP(S) with libcurl, within a `FetchPolicy`: http and https only, redirects followed
/// here (five at most) and each one checked, and every connection's address checked after name
/// resolution, at the moment curl opens the socket — so a name that resolves to a private address,
/// or changes its answer between two lookups, is refused all the same. One easy handle per request,
/// owned and cleaned up here.
public struct HTTPFetcher: Sendable {
    /// Seconds for the whole transfer.
    public var timeout: Int
    /// Larger answers are refused.
    public var maxBytes: Int
    public var policy: FetchPolicy
    public static let maxRedirects = 5

    public init(timeout: Int = 10, maxBytes: Int = 20_000_000, policy: FetchPolicy = .fromEnvironment()) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.policy = policy
    }

    public func get(_ url: String) throws(BrochureError) -> Data {
        var current = url
        for _ in 0...Self.maxRedirects {
            guard let host = policy.host(of: current) else { throw .fetch(url: url, reason: "only http and https URLs are fetched") }
            let answer = try transfer(current, allowPrivate: policy.allowsPrivateAddresses(of: host), original: url)
            if (300..<400).contains(answer.status), let next = answer.location {
                current = next
                continue
            }
            guard (200..<300).contains(answer.status) else { throw .fetch(url: url, reason: "HTTP status \(answer.status)") }
            return answer.data
        }
        throw .fetch(url: url, reason: "more than \(Self.maxRedirects) redirects")
    }

    private func transfer(_ url: String, allowPrivate: Bool, original: String) throws(BrochureError) -> (status: Int, data: Data, location: String?) {
        guard let curl = curl_easy_init() else { throw .fetch(url: original, reason: "libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        let sink = Sink(limit: maxBytes, allowPrivate: allowPrivate)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = guichet_curl_set_string(curl, CURLOPT_URL, url)
        _ = guichet_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = guichet_curl_set_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = guichet_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0)  // followed in `get`, each hop checked
        _ = guichet_curl_set_string(curl, CURLOPT_PROXY, "")  // no proxy from the environment: the checked address is the one reached
        _ = guichet_curl_set_long(curl, CURLOPT_TIMEOUT, timeout)
        _ = guichet_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, min(timeout, 5))
        _ = guichet_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = guichet_curl_set_long(curl, CURLOPT_MAXFILESIZE, maxBytes)
        _ = guichet_curl_set_string(curl, CURLOPT_USERAGENT, "Guichet/1.0 (brochures)")
        _ = guichet_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = guichet_curl_set_write_callback(curl) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let bytes = size * count
            guard sink.data.count + bytes <= sink.limit, let data else { return 0 }  // 0 aborts the transfer
            sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: bytes)
            return bytes
        }
        _ = guichet_curl_set_pointer(curl, CURLOPT_OPENSOCKETDATA, context)
        _ = guichet_curl_set_opensocket_callback(curl) { context, _, address in
            guard let context, let address else { return CURL_SOCKET_BAD }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            guard sink.allowPrivate || FetchPolicy.isPublic(HTTPFetcher.addressBytes(address)) else {
                sink.refused = true
                return CURL_SOCKET_BAD
            }
            return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
        }
        // The sink must outlive the transfer that writes to it through the unretained pointer.
        let code = withExtendedLifetime(sink) { curl_easy_perform(curl) }
        guard code == CURLE_OK else {
            let reason = sink.refused ? "the address is not on the public internet (GUICHET_FETCH_ALLOW_HOSTS names allowed hosts)"
                : code == CURLE_WRITE_ERROR || code == CURLE_FILESIZE_EXCEEDED ? "larger than \(maxBytes) bytes"
                : String(cString: curl_easy_strerror(code))
            throw .fetch(url: original, reason: reason)
        }
        var status = 0
        _ = guichet_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        var location: UnsafeMutablePointer<CChar>?
        _ = guichet_curl_get_string(curl, CURLINFO_REDIRECT_URL, &location)
        return (status, sink.data, location.map { String(cString: $0) })
    }

    /// The address curl is about to connect to, as 4 or 16 bytes.
    static func addressBytes(_ address: UnsafeMutablePointer<curl_sockaddr>) -> [UInt8] {
        let raw = UnsafeRawPointer(address).advanced(by: MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!)
        switch address.pointee.family {
        case AF_INET:
            let v4 = raw.loadUnaligned(as: sockaddr_in.self)
            return withUnsafeBytes(of: v4.sin_addr) { Array($0) }
        case AF_INET6 where Int(address.pointee.addrlen) >= MemoryLayout<sockaddr_in6>.size:
            let v6 = raw.loadUnaligned(as: sockaddr_in6.self)
            return withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
        default:
            return []
        }
    }

    final class Sink {
        var data = Data()
        let limit: Int
        let allowPrivate: Bool
        var refused = false
        init(limit: Int, allowPrivate: Bool) { self.limit = limit; self.allowPrivate = allowPrivate }
    }
}
