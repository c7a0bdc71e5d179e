import Crypto
import Foundation

/// The exact text shown to a person for one purpose of one office. Changing it makes a new
/// version; every event names the version (and its hash) the person saw.
public struct Wording: Sendable, Hashable, Codable {
    public var officeID: Int64
    public var purpose: Purpose
    public var version: Int
    public var text: String
    /// SHA-256 of the text, in hex.
    public var hash: String

    public init(officeID: Int64, purpose: Purpose, version: Int, text: String) {
        self.officeID = officeID; self.purpose = purpose; self.version = version; self.text = text
        hash = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
