import Foundation

/// Sends messages. `SMTPTransport` is the real one; tests can count calls with their own.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) throws(MailError)
}
