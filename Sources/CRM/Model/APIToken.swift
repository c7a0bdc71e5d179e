import Foundation

/// An office's API token as its admin sees it: a name, who made it and when, whether it was
/// revoked. The secret itself is shown once, when made, and kept only as a hash.
public struct APIToken: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var createdBy: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64, name: String, createdBy: String?, createdAt: Date, revokedAt: Date?) {
        self.id = id; self.name = name; self.createdBy = createdBy; self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}
