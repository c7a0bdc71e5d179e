import CCurl
import Foundation

/// GET over HTTP(S) with libcurl: one easy handle per request, owned and cleaned up here.
public struct HTTPFetcher: Sendable {
    /// Seconds for the whole transfer.
    public var timeout: Int
    /// Larger answers are refused.
    public var maxBytes: Int

    public init(timeout: Int = 10, maxBytes: Int = 20_000_000) {
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func get(_ url: String) throws(BrochureError) -> Data {
        guard let curl = curl_easy_init() else { throw .fetch(url: url, reason: "libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        let sink = Sink(limit: maxBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = guichet_curl_set_string(curl, CURLOPT_URL, url)
        _ = guichet_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
        _ = guichet_curl_set_long(curl, CURLOPT_MAXREDIRS, 5)
        _ = guichet_curl_set_long(curl, CURLOPT_TIMEOUT, timeout)
        _ = guichet_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, min(timeout, 5))
        _ = guichet_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = guichet_curl_set_string(curl, CURLOPT_USERAGENT, "Guichet/1.0 (brochures)")
        _ = guichet_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = guichet_curl_set_write_callback(curl) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let bytes = size * count
            guard sink.data.count + bytes <= sink.limit, let data else { return 0 }  // 0 aborts the transfer
            sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: bytes)
            return bytes
        }
        // The sink must outlive the transfer that writes to it through the unretained pointer.
        let code = withExtendedLifetime(sink) { curl_easy_perform(curl) }
        guard code == CURLE_OK else {
            let reason = code == CURLE_WRITE_ERROR ? "larger than \(maxBytes) bytes" : String(cString: curl_easy_strerror(code))
            throw .fetch(url: url, reason: reason)
        }
        var status = 0
        _ = guichet_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        guard (200..<300).contains(status) else { throw .fetch(url: url, reason: "HTTP status \(status)") }
        return sink.data
    }

    final class Sink {
        var data = Data()
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }
}
