import Foundation

/// Someone who signs in: the regional admin (no office), an office admin or an agent.
public struct User: Sendable, Hashable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: Caller.Role
    public var officeID: Int64?
    /// A disabled user cannot sign in; their sessions and API tokens have ended.
    public var disabled: Bool
    /// Invited (or reset) and not yet in: no password chosen.
    public var pending: Bool

    public init(id: Int64, email: String, name: String, role: Caller.Role, officeID: Int64?, disabled: Bool = false, pending: Bool = false) {
        self.id = id; self.email = email; self.name = name; self.role = role; self.officeID = officeID; self.disabled = disabled
        self.pending = pending
    }

    /// The identity the CRM calls take.
    public var caller: Caller { Caller(role: role, officeID: officeID, userName: name, userID: id) }
}
