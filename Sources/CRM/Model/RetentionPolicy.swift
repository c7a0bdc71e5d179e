import Foundation

/// How long an office keeps what it knows of people, and what then happens (the CNIL's
/// reference: three years after the last contact for prospects).
public struct RetentionPolicy: Sendable, Hashable, Codable {
    /// A contact with no interaction for this long leaves the office's files.
    public var inactiveYears: Int
    /// The reactivation email goes this many days before.
    public var warningDays: Int
    public var action: Action
    /// The bodies and attachments of messages are purged after this many days (the fact of the send stays).
    public var messageDays: Int

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// The person's data goes; their requests stay, without identity, for the statistics.
        case anonymise
        /// The person and their requests go.
        case delete
    }

    public static let standard = RetentionPolicy(inactiveYears: 3, warningDays: 30, action: .anonymise, messageDays: 365)

    public init(inactiveYears: Int, warningDays: Int, action: Action, messageDays: Int) {
        self.inactiveYears = inactiveYears; self.warningDays = warningDays; self.action = action; self.messageDays = messageDays
    }

    /// - Throws: `CRMError.invalid` for a period outside what an office may choose.
    public func validated() throws(CRMError) -> RetentionPolicy {
        guard (1...10).contains(inactiveYears) else { throw .invalid(field: "inactiveYears", reason: "entre 1 et 10 ans") }
        guard (0...180).contains(warningDays) else { throw .invalid(field: "warningDays", reason: "entre 0 et 180 jours") }
        guard (30...3650).contains(messageDays) else { throw .invalid(field: "messageDays", reason: "entre 30 et 3 650 jours") }
        return self
    }

    /// The moment before which a last interaction makes a contact expire, at `now`.
    public func expiry(at now: Date) -> Date {
        Calendar(identifier: .gregorian).date(byAdding: .year, value: -inactiveYears, to: now) ?? now
    }
}

/// A contact whose last interaction is old, as the retention run sees it.
public struct RetentionCandidate: Sendable, Hashable {
    public var contact: Contact
    public var lastInteraction: Date
    /// When the reactivation email was written, if it was since the last interaction.
    public var warnedAt: Date?
    public init(contact: Contact, lastInteraction: Date, warnedAt: Date?) {
        self.contact = contact; self.lastInteraction = lastInteraction; self.warnedAt = warnedAt
    }
}
