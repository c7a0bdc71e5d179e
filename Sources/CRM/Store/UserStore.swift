import Foundation

/// People who sign in, with bcrypt-hashed passwords.
public protocol UserStore: Sendable {
    func add(email: String, name: String, role: Caller.Role, officeID: Int64?, password: String, by caller: Caller) throws(CRMError) -> User
    /// The user with this email and password; nil for a wrong pair (which of the two is not said).
    func authenticate(email: String, password: String) throws(CRMError) -> User?
    /// Every user for the regional admin; the office's own for anyone else.
    func all(by caller: Caller) throws(CRMError) -> [User]
}
