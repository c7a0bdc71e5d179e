import Foundation

/// A change to a user, kept for the office's admin (and the regional admin): who did what, when.
public struct UserEvent: Sendable, Hashable, Codable {
    public var userID: Int64
    public var userEmail: String
    /// Who made the change (a user's name, or "guichet (command line)").
    public var by: String
    public var at: Date
    /// What happened, as a code the interface words in its language: `created:agent`,
    /// `invited:office-admin`, `password-set`, `password-changed`, `disabled` (sessions ended, API
    /// tokens revoked), `enabled`.
    public var what: String

    public static func created(_ role: Caller.Role) -> String { "created:" + role.rawValue }
    public static func invited(_ role: Caller.Role) -> String { "invited:" + role.rawValue }
    public static let passwordSet = "password-set"
    public static let passwordChanged = "password-changed"
    public static let disabled = "disabled"
    public static let enabled = "enabled"
    /// An admin reset the password: the old one no longer works, a link lets the user choose another.
    public static let passwordReset = "password-reset"

    public init(userID: Int64, userEmail: String, by: String, at: Date, what: String) {
        self.userID = userID; self.userEmail = userEmail; self.by = by; self.at = at; self.what = what
    }
}

/// A signed-in browser as stored: the SHA-256 of its cookie (never the cookie), its CSRF token,
/// when it began and when it was last seen.
public struct StoredSession: Sendable, Hashable {
    public var idHash: String
    public var user: User
    public var csrf: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(idHash: String, user: User, csrf: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash; self.user = user; self.csrf = csrf; self.createdAt = createdAt; self.lastSeenAt = lastSeenAt
    }
}
