import Foundation

/// Where and how to reach the SMTP server, from the environment as `guichet serve` reads it:
/// `GUICHET_SMTP_URL` (`smtp://host:port`, `smtps://host:465`, or `smtp://…?starttls=required`),
/// `GUICHET_SMTP_USER`, `GUICHET_SMTP_PASSWORD`, `GUICHET_SMTP_FROM`.
public struct SMTPConfiguration: Sendable, Hashable {
    public var url: String
    public var user: String?
    public var password: String?
    public var from: MailAddress
    /// STARTTLS on a plain `smtp://` connection: required, or tried when offered.
    public var startTLS: StartTLS
    /// Seconds for the whole transfer.
    public var timeout: Int

    public enum StartTLS: String, Sendable, Hashable { case required, whenOffered = "try", never }

    /// Why these settings would send a password in clear, if they would: with credentials, a plain
    /// `smtp://` connection must require STARTTLS ("try" lets a man in the middle strip it), unless
    /// the server is on this machine and `starttls=never` says so.
    public var cleartextPasswordRisk: String? {
        guard user != nil || password != nil, url.lowercased().hasPrefix("smtp:"), startTLS != .required else { return nil }
        if startTLS == .never, Self.isLoopback(URLComponents(string: url)?.host) { return nil }
        return "with GUICHET_SMTP_USER or GUICHET_SMTP_PASSWORD, use smtps:// or starttls=required "
            + "(starttls=never only for a server on this machine): a downgrade would send the password in clear"
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { return false }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public init(url: String, user: String? = nil, password: String? = nil, from: MailAddress,
                startTLS: StartTLS = .whenOffered, timeout: Int = 60) {
        self.url = url; self.user = user; self.password = password; self.from = from
        self.startTLS = startTLS; self.timeout = timeout
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(MailError) -> SMTPConfiguration {
        guard let raw = environment["GUICHET_SMTP_URL"], !raw.isEmpty else {
            throw .configuration("GUICHET_SMTP_URL is not set (e.g. smtp://127.0.0.1:2525)")
        }
        guard var parts = URLComponents(string: raw), let scheme = parts.scheme, ["smtp", "smtps"].contains(scheme), parts.host?.isEmpty == false else {
            throw .configuration("GUICHET_SMTP_URL \"\(raw)\" is not smtp://host[:port] or smtps://host[:port]")
        }
        let hasCredentials = environment["GUICHET_SMTP_USER"] != nil || environment["GUICHET_SMTP_PASSWORD"] != nil
        // With credentials, STARTTLS is required unless said otherwise.
        var startTLS = hasCredentials ? StartTLS.required : .whenOffered
        if let value = parts.queryItems?.first(where: { $0.name == "starttls" })?.value {
            guard let parsed = StartTLS(rawValue: value) else { throw .configuration("starttls must be required, try or never") }
            startTLS = parsed
        }
        parts.queryItems = nil
        guard let fromText = environment["GUICHET_SMTP_FROM"], !fromText.isEmpty else {
            throw .configuration("GUICHET_SMTP_FROM is not set (the sender address)")
        }
        let configuration = SMTPConfiguration(url: parts.string ?? raw, user: environment["GUICHET_SMTP_USER"],
                                              password: environment["GUICHET_SMTP_PASSWORD"], from: try MailAddress(fromText), startTLS: startTLS)
        if let risk = configuration.cleartextPasswordRisk { throw .configuration(risk) }
        return configuration
    }
}
