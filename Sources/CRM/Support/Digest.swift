import Crypto
import Foundation

/// The hashes and random tokens the CRM and the web desk keep and compare: hex, so they fit in a
/// text column, a cookie or a message id.
public enum Digest {
    /// SHA-256 of the UTF-8 bytes, in lowercase hex (64 characters).
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// SHA-256 of the bytes, in lowercase hex (64 characters).
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// `bytes` random bytes from the system's generator, in lowercase hex.
    public static func randomHex(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
