import Foundation

/// An email as Guichet sends it: UTF-8 text (with an HTML alternative when given) and attachments.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var text: String
    /// The same message in HTML, sent as an alternative to the text.
    public var html: String?
    public var attachments: [Attachment]
    /// The https link that unsubscribes the recipient in one POST: written as RFC 8058's
    /// `List-Unsubscribe` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` headers.
    public var listUnsubscribe: String?
    /// Becomes the Message-ID: the same message sent again carries the same id.
    public var idempotencyKey: String
    public var date: Date

    public init(from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String, text: String, html: String? = nil,
                attachments: [Attachment] = [], listUnsubscribe: String? = nil, idempotencyKey: String, date: Date = Date()) {
        self.from = from; self.to = to; self.replyTo = replyTo; self.subject = subject; self.text = text; self.html = html
        self.attachments = attachments; self.listUnsubscribe = listUnsubscribe; self.idempotencyKey = idempotencyKey; self.date = date
    }

    public struct Attachment: Sendable, Hashable {
        public var fileName: String
        public var contentType: String
        public var data: Data
        public init(fileName: String, contentType: String = "application/pdf", data: Data) {
            self.fileName = fileName; self.contentType = contentType; self.data = data
        }
    }
}

/// A mailbox: an address and an optional display name.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: String
    public var name: String?

    /// - Throws: `MailError.invalidAddress` unless the address has one "@", a dot in its domain, and
    ///   no spaces, angle brackets or line breaks.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: { $0.isWhitespace || "<>,;\"\r\n".contains($0) }) else {
            throw .invalidAddress(address)
        }
        self.address = trimmed
        self.name = name?.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// As a header value: `=?UTF-8?B?…?= <address>` or the bare address.
    public var header: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        return "\(MIMEWords.encode(name)) <\(address)>"
    }

    public var description: String { address }
}

/// RFC 2047 / RFC 2231 encodings for header values.
enum MIMEWords {
    /// Plain ASCII stays as is; anything else becomes base64 encoded-words of at most 75 characters.
    static func encode(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) { return text }
        // Split on characters so no UTF-8 sequence is cut between two words.
        var words: [String] = [], chunk = ""
        for c in text where !c.isNewline {
            if (chunk + String(c)).utf8.count > 45 { words.append(chunk); chunk = "" }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `filename="…"` for an ASCII name, else RFC 2231's `filename*=UTF-8''…` (percent-encoded),
    /// which mail clients prefer and decode.
    static func dispositionParameters(fileName: String) -> String {
        let ascii = String(fileName.map { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline ? $0 : "_" })
        guard ascii != fileName else { return "filename=\"\(ascii)\"" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$&+-.^_`|~"))
        let encoded = fileName.unicodeScalars.map { scalar -> String in
            scalar.isASCII && allowed.contains(scalar) ? String(scalar) : String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
        return "filename*=UTF-8''\(encoded)"
    }
}
