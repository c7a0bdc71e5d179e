import CCurl
import Foundation

/// SMTP through libcurl: STARTTLS or implicit TLS, authentication, a MIME multipart body with the
/// text and the attachments (base64). One connection per message.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration

    public init(_ configuration: SMTPConfiguration) { self.configuration = configuration }

    public func send(_ message: MailMessage) throws(MailError) {
        guard !message.to.isEmpty else { throw .invalidAddress("(no recipient)") }
        if let risk = configuration.cleartextPasswordRisk { throw .configuration(risk) }
        guard let curl = curl_easy_init() else { throw .failed("libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        let log = ServerLog()
        let context = Unmanaged.passUnretained(log).toOpaque()
        let c = configuration
        _ = guichet_curl_set_string(curl, CURLOPT_URL, c.url)
        _ = guichet_curl_set_string(curl, CURLOPT_MAIL_FROM, "<\(message.from.address)>")
        if let user = c.user { _ = guichet_curl_set_string(curl, CURLOPT_USERNAME, user) }
        if let password = c.password { _ = guichet_curl_set_string(curl, CURLOPT_PASSWORD, password) }
        if c.url.hasPrefix("smtp:") {
            let level: Int = switch c.startTLS { case .required: Int(CURLUSESSL_ALL.rawValue); case .whenOffered: Int(CURLUSESSL_TRY.rawValue); case .never: Int(CURLUSESSL_NONE.rawValue) }
            _ = guichet_curl_set_long(curl, CURLOPT_USE_SSL, level)
        }
        _ = guichet_curl_set_long(curl, CURLOPT_TIMEOUT, c.timeout)
        _ = guichet_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, min(c.timeout, 10))
        _ = guichet_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        // Large attachments: 512 KiB writes instead of curl's default 64 KiB.
        _ = guichet_curl_set_long(curl, CURLOPT_UPLOAD_BUFFERSIZE, 512 * 1024)
        // The server's replies, to report a refusal in its own words.
        _ = guichet_curl_set_long(curl, CURLOPT_VERBOSE, 1)
        _ = guichet_curl_set_pointer(curl, CURLOPT_DEBUGDATA, context)
        _ = guichet_curl_set_debug_callback(curl) { _, type, data, size, context in
            guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
            let log = Unmanaged<ServerLog>.fromOpaque(context).takeUnretainedValue()
            log.lines.append(String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
            return 0
        }

        var recipients: UnsafeMutablePointer<curl_slist>?
        for to in message.to { recipients = curl_slist_append(recipients, "<\(to.address)>") }
        defer { curl_slist_free_all(recipients) }
        _ = guichet_curl_set_slist(curl, CURLOPT_MAIL_RCPT, recipients)

        var headers: UnsafeMutablePointer<curl_slist>?
        for line in headerLines(message) { headers = curl_slist_append(headers, line) }
        defer { curl_slist_free_all(headers) }
        _ = guichet_curl_set_slist(curl, CURLOPT_HTTPHEADER, headers)

        let mime = curl_mime_init(curl)
        defer { curl_mime_free(mime) }
        if let html = message.html {
            // multipart/alternative (text, then HTML, the preferred last) inside the mixed body.
            let alternative = curl_mime_init(curl)
            Self.addText(message.text, type: "text/plain", to: alternative)
            Self.addText(html, type: "text/html", to: alternative)
            let part = curl_mime_addpart(mime)
            curl_mime_subparts(part, alternative)  // the part owns and frees the sub-MIME
            curl_mime_type(part, "multipart/alternative")
        } else {
            Self.addText(message.text, type: "text/plain", to: mime)
        }
        for attachment in message.attachments {
            let part = curl_mime_addpart(mime)
            attachment.data.withUnsafeBytes { bytes in
                _ = curl_mime_data(part, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
            }
            curl_mime_type(part, attachment.contentType)
            curl_mime_encoder(part, "base64")
            // Set by hand: curl 7.88 would write a non-ASCII file name as raw UTF-8.
            var list: UnsafeMutablePointer<curl_slist>? = nil
            list = curl_slist_append(list, "Content-Disposition: attachment; \(MIMEWords.dispositionParameters(fileName: attachment.fileName))")
            curl_mime_headers(part, list, 1)  // curl owns and frees the list
        }
        _ = guichet_curl_set_mime(curl, CURLOPT_MIMEPOST, mime)

        // The log must outlive the transfer that writes to it through the unretained pointer.
        let code = withExtendedLifetime(log) { curl_easy_perform(curl) }
        guard code != CURLE_OK else { return }
        var reply = 0
        _ = guichet_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &reply)
        let reason = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR,
             CURLE_SSL_CONNECT_ERROR:
            throw .unreachable(reason)
        default:
            if reply >= 400 {
                let said = log.lines.last { $0.hasPrefix(String(reply)) } ?? reason
                throw .refused(code: reply, message: said)
            }
            throw .failed(reason)
        }
    }

    private static func addText(_ text: String, type: String, to mime: OpaquePointer?) {
        let part = curl_mime_addpart(mime)
        text.withCString { _ = curl_mime_data(part, $0, Int(strlen($0))) }
        curl_mime_type(part, "\(type); charset=UTF-8")
        curl_mime_encoder(part, "quoted-printable")
    }

    func headerLines(_ message: MailMessage) -> [String] {
        let date = message.date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)))
        let domain = message.from.address.split(separator: "@").last.map(String.init) ?? "guichet.local"
        let id = message.idempotencyKey.filter { $0.isLetter || $0.isNumber || "-._".contains($0) }
        var lines = [
            "Date: \(date)",
            "From: \(message.from.header)",
            "To: \(message.to.map(\.header).joined(separator: ", "))",
            "Subject: \(MIMEWords.encode(message.subject))",
            "Message-ID: <\(id)@\(domain)>",
        ]
        if let replyTo = message.replyTo { lines.append("Reply-To: \(replyTo.header)") }
        if let link = message.listUnsubscribe?.filter({ !$0.isNewline && $0 != "<" && $0 != ">" }) {
            lines.append("List-Unsubscribe: <\(link)>")
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        return lines
    }

    final class ServerLog {
        var lines: [String] = []
    }
}
