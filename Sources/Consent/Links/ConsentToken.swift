import Foundation

/// What a link in a consent email allows, signed with HMAC-SHA256 by the server's key: confirm a
/// consent (once, within its lifetime), open one's preferences, or unsubscribe from everything.
/// The token is `payload.signature`, both base64url; a forged or altered token fails the
/// signature check, an old one its expiry, a replayed single-use one the store's record of nonces.
public struct ConsentToken: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case confirm, preferences, unsubscribe
        /// "Keep my details": the answer to a retention warning.
        case keep
    }

    public var action: Action
    public var officeID: Int64
    public var subject: String
    /// For `confirm`: what the person is asked to agree to.
    public var purposes: [Purpose]
    public var channel: Channel
    public var expires: Date
    /// Unique per link: a single-use link is spent by recording it.
    public var nonce: String
    public var singleUse: Bool
    /// The office's contact the link was written to: what the person does through it counts as
    /// an interaction with the office (retention). Absent from links written before.
    public var contact: Int64?

    public init(action: Action, officeID: Int64, subject: String, purposes: [Purpose] = [], channel: Channel = .email,
                expires: Date, nonce: String = UUID().uuidString, singleUse: Bool, contact: Int64? = nil) {
        self.action = action; self.officeID = officeID; self.subject = subject; self.purposes = purposes; self.channel = channel
        self.contact = contact
        // Whole seconds: what the link carries is exactly what is read back.
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
        self.nonce = nonce; self.singleUse = singleUse
    }

    public func signed(with keys: ConsentKeys) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        let payload = (try? encoder.encode(self)) ?? Data()
        return Self.base64url(payload) + "." + Self.base64url(keys.signature(payload))
    }

    /// The token's content when its signature holds and it has not expired (single use is the
    /// store's to check, when the link is acted on).
    public static func verified(_ text: String, with keys: ConsentKeys, now: Date = Date()) throws(ConsentError) -> ConsentToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = data(base64url: parts[0]), let signature = data(base64url: parts[1]),
              keys.isValid(signature, for: payload) else { throw .tamperedToken }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let token = try? decoder.decode(ConsentToken.self, from: payload) else { throw .tamperedToken }
        guard token.expires > now else { throw .expiredToken }
        return token
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64url text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
