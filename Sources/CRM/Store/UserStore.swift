import Foundation

/// People who sign in, with bcrypt-hashed passwords.
public protocol UserStore: Sendable {
    func add(email: String, name: String, role: Caller.Role, officeID: Int64?, password: String, by caller: Caller) throws(CRMError) -> User
    /// The user with this email and password; nil for a wrong pair (which of the two is not said).
    func authenticate(email: String, password: String) throws(CRMError) -> User?
    /// Every user for the regional admin; the office's own for anyone else.
    func all(by caller: Caller) throws(CRMError) -> [User]

    /// A user of an office who sets their own password through an invitation: nobody else ever
    /// knows it. Returns the user and the invitation's token (kept as a hash, valid `lifetime`, once).
    func invite(email: String, name: String, role: Caller.Role, officeID: Int64, lifetime: TimeInterval,
                by caller: Caller) throws(CRMError) -> (user: User, token: String)
    /// The invited user's password set with a token that is valid, unexpired and unused; the user.
    func acceptInvitation(token: String, password: String) throws(CRMError) -> User
    /// The user an unused, unexpired invitation is for (the page that asks for the password).
    func invitation(token: String) throws(CRMError) -> User
    /// Disables (or enables again) a user of the caller's office (any office for the regional
    /// admin); a disabled user's sessions end and the API tokens they created stop working.
    /// An admin of the user's office (or the regional admin) resets a password: the old one stops
    /// working, the user's sessions end, and the returned token (an invitation) lets them choose another.
    func resetPassword(userID: Int64, lifetime: TimeInterval, by caller: Caller) throws(CRMError) -> (user: User, token: String)
    func setDisabled(_ disabled: Bool, userID: Int64, by caller: Caller) throws(CRMError)
    /// The caller's own password, checked against the current one.
    func changePassword(current: String, new: String, by caller: Caller) throws(CRMError)
    /// Changes to the office's users, newest first (all offices for the regional admin).
    func events(by caller: Caller) throws(CRMError) -> [UserEvent]
}
