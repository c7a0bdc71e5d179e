import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// HTTP(S) with libcurl, within a `FetchPolicy`: http and https only, redirects followed here (five
/// at most) and each one checked, and every connection's address checked after name resolution, at
/// the moment curl opens the socket — so a name that resolves to a private address, or changes its
/// answer between two lookups, is refused all the same. One easy handle per request, owned and
/// cleaned up here. Errors name the URL without its query (an API key may be in it).
public struct HTTPFetcher: Sendable {
    /// Seconds for the whole transfer.
    public var timeout: Int
    /// Larger answers are refused.
    public var maxBytes: Int
    public var policy: FetchPolicy
    public var userAgent: String
    /// When set, a transfer that receives nothing for this many seconds fails (long downloads,
    /// whose whole-transfer `timeout` is generous).
    public var stallTimeout: Int?
    public static let maxRedirects = 5

    public init(timeout: Int = 10, maxBytes: Int = 20_000_000, policy: FetchPolicy = .fromEnvironment(),
                userAgent: String = "Guichet/1.0 (brochures)") {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.policy = policy
        self.userAgent = userAgent
    }

    /// What a server answered: any status.
    public struct Answer: Sendable {
        public var status: Int
        public var data: Data
    }

    /// GET, redirects followed; a status other than 2xx is an error (5xx and 429 retryable).
    public func get(_ url: String) throws(RecordsError) -> Data {
        let answer = try fetch(url)
        guard (200..<300).contains(answer.status) else { throw Self.statusError(url, answer.status) }
        return answer.data
    }

    /// GET (or POST of `form`, URL-encoded, when given), redirects of a GET followed; any status.
    public func fetch(_ url: String, form: [(String, String)]? = nil) throws(RecordsError) -> Answer {
        var current = url
        for _ in 0...Self.maxRedirects {
            let answer = try transfer(current, original: url, body: form.map(Self.formBody), into: nil)
            if form == nil, (300..<400).contains(answer.status), let next = answer.location {
                current = next
                continue
            }
            return Answer(status: answer.status, data: answer.data)
        }
        throw .fetch(url: Self.display(url), reason: "more than \(Self.maxRedirects) redirects", retryable: false)
    }

    /// Downloads `url` into `file`. A partial file left by an interrupted download is resumed with
    /// a range request (started again when the server ignores the range). Returns the file's size.
    @discardableResult
    public func download(_ url: String, to file: URL) throws(RecordsError) -> Int {
        var current = url
        for _ in 0...Self.maxRedirects {
            let answer = try transfer(current, original: url, body: nil, into: file)
            if (300..<400).contains(answer.status), let next = answer.location {
                current = next
                continue
            }
            guard (200..<300).contains(answer.status) || answer.status == 416 else { throw Self.statusError(url, answer.status) }
            return Int((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)??.intValue ?? 0)
        }
        throw .fetch(url: Self.display(url), reason: "more than \(Self.maxRedirects) redirects", retryable: false)
    }

    static func statusError(_ url: String, _ status: Int) -> RecordsError {
        .fetch(url: display(url), reason: "HTTP status \(status)", retryable: status >= 500 || status == 429 || status == 408)
    }

    /// The URL as errors and logs show it: without its query.
    public static func display(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        return String(url[..<question]) + "?…"
    }

    static func formBody(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Data(fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&").utf8)
    }

    private func transfer(_ url: String, original: String, body: Data?, into file: URL?) throws(RecordsError) -> (status: Int, data: Data, location: String?) {
        guard let host = policy.host(of: url) else {
            throw .fetch(url: Self.display(original), reason: policy.onlyHosts == nil ? "only http and https URLs are fetched"
                         : "the host is not one the configuration names", retryable: false)
        }
        guard let curl = curl_easy_init() else { throw .fetch(url: Self.display(original), reason: "libcurl could not start", retryable: true) }
        defer { curl_easy_cleanup(curl) }
        let sink = Sink(limit: maxBytes, allowPrivate: policy.allowsPrivateAddresses(of: url))
        if let file {
            try sink.open(file, original: original)
            if sink.resumeFrom > 0 { _ = guichet_curl_set_offset(curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(sink.resumeFrom)) }
        }
        defer { sink.close() }
        sink.curl = curl
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = guichet_curl_set_string(curl, CURLOPT_URL, url)
        _ = guichet_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = guichet_curl_set_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = guichet_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0)  // followed by the caller, each hop checked
        _ = guichet_curl_set_string(curl, CURLOPT_PROXY, "")  // no proxy from the environment: the checked address is the one reached
        _ = guichet_curl_set_long(curl, CURLOPT_TIMEOUT, timeout)
        _ = guichet_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, min(timeout, 5))
        _ = guichet_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        if let stallTimeout {
            _ = guichet_curl_set_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = guichet_curl_set_long(curl, CURLOPT_LOW_SPEED_TIME, stallTimeout)
        }
        _ = guichet_curl_set_long(curl, CURLOPT_MAXFILESIZE, maxBytes)
        _ = guichet_curl_set_string(curl, CURLOPT_ACCEPT_ENCODING, "")  // gzip when the server offers it
        _ = guichet_curl_set_string(curl, CURLOPT_USERAGENT, userAgent)
        if let body {  // URL-encoded: ASCII, no NUL; curl keeps its own copy
            _ = guichet_curl_set_long(curl, CURLOPT_POSTFIELDSIZE, body.count)
            _ = guichet_curl_set_string(curl, CURLOPT_COPYPOSTFIELDS, String(decoding: body, as: UTF8.self))
        }
        _ = guichet_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = guichet_curl_set_write_callback(curl) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            guard let data else { return 0 }
            return sink.write(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0  // 0 aborts the transfer
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
        guard code == CURLE_OK else { throw Self.failure(code, sink: sink, url: original, maxBytes: maxBytes) }
        var status = 0
        _ = guichet_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        var location: UnsafeMutablePointer<CChar>?
        _ = guichet_curl_get_string(curl, CURLINFO_REDIRECT_URL, &location)
        return (status, sink.data, location.map { String(cString: $0) })
    }

    static func failure(_ code: CURLcode, sink: Sink, url: String, maxBytes: Int) -> RecordsError {
        if sink.refused {
            return .fetch(url: display(url), reason: "the address is not on the public internet (GUICHET_FETCH_ALLOW_HOSTS names allowed hosts)", retryable: false)
        }
        if sink.overflowed || code == CURLE_FILESIZE_EXCEEDED {
            return .fetch(url: display(url), reason: "larger than \(maxBytes) bytes", retryable: false)
        }
        let retryable = [CURLE_OPERATION_TIMEDOUT, CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
                         CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST, CURLE_SSL_CONNECT_ERROR].contains(code)
        let reason = code == CURLE_OPERATION_TIMEDOUT ? "no complete answer within the time allowed" : String(cString: curl_easy_strerror(code))
        return .fetch(url: display(url), reason: reason, retryable: retryable)
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

    /// Where the answer goes: memory, or a file (appended to when resuming).
    final class Sink {
        var data = Data()
        let limit: Int
        let allowPrivate: Bool
        var refused = false
        var overflowed = false
        var curl: UnsafeMutableRawPointer?
        var descriptor: Int32 = -1
        var resumeFrom = 0
        var written = 0
        var checkedStatus = false

        init(limit: Int, allowPrivate: Bool) { self.limit = limit; self.allowPrivate = allowPrivate }

        func open(_ file: URL, original: String) throws(RecordsError) {
            descriptor = Glibc.open(file.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            guard descriptor >= 0 else {
                throw .fetch(url: HTTPFetcher.display(original), reason: "cannot write \(file.lastPathComponent): \(String(cString: strerror(errno)))", retryable: false)
            }
            resumeFrom = Int(lseek(descriptor, 0, SEEK_END))
        }

        func close() { if descriptor >= 0 { _ = Glibc.close(descriptor); descriptor = -1 } }

        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            if descriptor >= 0 {
                if !checkedStatus {
                    checkedStatus = true
                    var status = 0
                    if let curl { _ = guichet_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status) }
                    if status == 200, resumeFrom > 0 {  // the server sends the whole file again: start over
                        _ = ftruncate(descriptor, 0)
                        resumeFrom = 0
                    }
                    if !(200..<300).contains(status) { checkedStatus = false; return true }  // an error page: not the file
                }
                guard resumeFrom + written + bytes.count <= limit else { overflowed = true; return false }
                var offset = 0
                while offset < bytes.count {
                    let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    guard n > 0 else { return false }
                    offset += n
                }
                written += bytes.count
                return true
            }
            guard data.count + bytes.count <= limit else { overflowed = true; return false }
            data.append(contentsOf: bytes)
            return true
        }
    }
}
