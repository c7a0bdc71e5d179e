import Crypto
import Foundation

/// The server's secret for consent: it keys the hashes that stand for a person (their email in
/// the events, their email and phone on the suppression list) and signs the links of the emails.
/// From `GUICHET_CONSENT_SECRET`, else generated once and kept in the database.
public struct ConsentKeys: Sendable {
    private let secret: Data
    private var key: SymmetricKey { SymmetricKey(data: secret) }

    public init(secret: Data) throws(ConsentError) {
        guard secret.count >= 32 else { throw .invalid(field: "GUICHET_CONSENT_SECRET", reason: "at least 32 bytes") }
        self.secret = secret
    }

    /// The person as the consent records know them: a keyed hash of the lowercased, trimmed email.
    public func subject(email: String) -> String {
        mac("email:" + email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    /// A phone number's keyed hash (digits only, French numbers as +33).
    public func phone(_ number: String) -> String {
        var digits = number.filter(\.isNumber)
        if digits.hasPrefix("0"), digits.count == 10 { digits = "33" + digits.dropFirst() }
        return mac("phone:" + digits)
    }

    /// A keyed tag of `text` for another use of the server's secret (`domain` keeps each use's tags
    /// apart: a tag made for one never passes for another).
    public func tag(_ domain: String, _ text: String) -> String { mac(domain + "|" + text) }

    /// Whether `tag` is `text`'s tag for `domain`, compared in constant time.
    public func isTag(_ tag: String, of text: String, domain: String) -> Bool {
        let expected = Array(self.tag(domain, text).utf8), given = Array(tag.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    func signature(_ data: Data) -> Data { Data(HMAC<SHA256>.authenticationCode(for: data, using: key)) }

    func isValid(_ signature: Data, for data: Data) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: data, using: key)
    }
}
