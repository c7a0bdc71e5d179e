import Foundation
import Storage
import HummingbirdBcrypt

extension SQLUserStore {
    /// No bcrypt hash is ever "!": an invited user cannot sign in before setting a password.
    static let noPassword = "!"

    func invite(email: String, name: String, role: Caller.Role, officeID: Int64, lifetime: TimeInterval,
                by caller: Caller) throws(CRMError) -> (user: User, token: String) {
        guard role != .regionalAdmin else { throw .forbidden("l'administrateur régional est créé sur le serveur, pas invité") }
        let token = "gi_" + Digest.randomHex()
        let user = try insert(email: email, name: name, role: role, officeID: officeID, hash: Self.noPassword,
                              event: UserEvent.invited(role), by: caller) { db, id in
            try db.execute("INSERT INTO crm_invitation (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                           [Digest.sha256Hex(token), id, Date().addingTimeInterval(lifetime).timeIntervalSince1970])
        }
        return (user, token)
    }

    func invitation(token: String) throws(CRMError) -> User {
        let row = try executor.read { db in try Self.openInvitation(token, db) }
        guard let row else { throw .notFound("invitation") }
        return Self.user(row)
    }

    func acceptInvitation(token: String, password: String) throws(CRMError) -> User {
        guard password.count >= Self.minimumPasswordLength else {
            throw .invalid(field: "password", reason: "\(Self.minimumPasswordLength) caractères au moins")
        }
        let hash = Bcrypt.hash(password, cost: 12)
        let user = try executor.write { db -> User? in
            guard let row = try Self.openInvitation(token, db) else { return nil }
            let user = Self.user(row)
            // This link and every other the user was sent stop here; so do their sessions.
            try db.execute("UPDATE crm_invitation SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                           [Date().timeIntervalSince1970, user.id])
            try db.execute("DELETE FROM crm_session WHERE user_id = ?", [user.id])
            try db.execute("UPDATE crm_user SET password_hash = ? WHERE id = ?", [hash, user.id])
            try Self.record(UserEvent.passwordSet, userID: user.id, officeID: user.officeID, by: user.name, db)
            return user
        }
        guard let user else { throw .notFound("invitation") }
        return user
    }

    /// The user of an invitation that is unused and unexpired, for an enabled user.
    static func openInvitation(_ token: String, _ db: any SQLSession) throws -> SQLRow? {
        try SQLRow.one(db, """
            SELECT u.* FROM crm_invitation i JOIN crm_user u ON u.id = i.user_id
            WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND u.disabled = 0
            """, [Digest.sha256Hex(token), Date().timeIntervalSince1970])
    }

    func resetPassword(userID: Int64, lifetime: TimeInterval, by caller: Caller) throws(CRMError) -> (user: User, token: String) {
        let target = try user(id: userID, by: caller)
        guard caller.role != .agent else { throw .forbidden("un agent ne gère pas les utilisateurs") }
        guard target.role != .regionalAdmin else { throw .forbidden("le mot de passe de l'administrateur régional se change sur le serveur") }
        guard !target.disabled else { throw .invalid(field: "user", reason: "un compte désactivé est d'abord réactivé") }
        let token = "gi_" + Digest.randomHex()
        try executor.write { db in
            try db.execute("UPDATE crm_user SET password_hash = ? WHERE id = ?", [Self.noPassword, userID])
            try db.execute("DELETE FROM crm_session WHERE user_id = ?", [userID])
            // A new link revokes the links sent before it (a forwarded older email opens nothing).
            try db.execute("UPDATE crm_invitation SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                           [Date().timeIntervalSince1970, userID])
            try db.execute("INSERT INTO crm_invitation (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                           [Digest.sha256Hex(token), userID, Date().addingTimeInterval(lifetime).timeIntervalSince1970])
            try Self.record(UserEvent.passwordReset, userID: userID, officeID: target.officeID, by: caller.userName, db)
        }
        return (target, token)
    }

    func setDisabled(_ disabled: Bool, userID: Int64, by caller: Caller) throws(CRMError) {
        let target = try user(id: userID, by: caller)
        guard caller.role != .agent else { throw .forbidden("un agent ne gère pas les utilisateurs") }
        guard target.id != caller.userID else { throw .forbidden("personne ne désactive son propre compte") }
        try executor.write { db in
            try db.execute("UPDATE crm_user SET disabled = ? WHERE id = ?", [disabled, userID])
            if disabled {
                try db.execute("DELETE FROM crm_session WHERE user_id = ?", [userID])
                try db.execute("UPDATE crm_api_token SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL",
                               [Date().timeIntervalSince1970, userID])
                try db.execute("UPDATE crm_invitation SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                               [Date().timeIntervalSince1970, userID])
            }
            try Self.record(disabled ? UserEvent.disabled : UserEvent.enabled, userID: userID,
                            officeID: target.officeID, by: caller.userName, db)
        }
    }

    func changePassword(current: String, new: String, by caller: Caller) throws(CRMError) {
        guard let id = caller.userID else { throw .forbidden("un mot de passe appartient à un utilisateur connecté") }
        guard new.count >= Self.minimumPasswordLength else {
            throw .invalid(field: "password", reason: "\(Self.minimumPasswordLength) caractères au moins")
        }
        let row = try executor.read { db in try SQLRow.one(db, "SELECT * FROM crm_user WHERE id = ? AND disabled = 0", [id]) }
        guard let row else { throw .notFound("user \(id)") }
        guard Bcrypt.verify(current, hash: row["password_hash"]) else { throw .invalid(field: "current", reason: "le mot de passe actuel est faux") }
        let hash = Bcrypt.hash(new, cost: 12)
        try executor.write { db in
            try db.execute("UPDATE crm_user SET password_hash = ? WHERE id = ?", [hash, id])
            try Self.record(UserEvent.passwordChanged, userID: id, officeID: row["office_id"], by: caller.userName, db)
        }
    }

    func events(by caller: Caller) throws(CRMError) -> [UserEvent] {
        guard caller.role != .agent else { throw .forbidden("l'administrateur de l'office voit les changements des utilisateurs de l'office") }
        return try executor.read { db in
            try SQLRow.all(db, """
                SELECT e.*, u.email FROM crm_user_event e JOIN crm_user u ON u.id = e.user_id
                WHERE CAST(? AS BIGINT) IS NULL OR e.office_id = ? ORDER BY e.at DESC, e.id DESC LIMIT 200
                """, [caller.role == .regionalAdmin ? nil : caller.officeID, caller.officeID]).map {
                UserEvent(userID: $0["user_id"], userEmail: $0["email"], by: $0["by_user"], at: Date(timeIntervalSince1970: $0["at"]), what: $0["what"])
            }
        }
    }

    /// A user the caller manages: of the caller's office, or any for the regional admin; else notFound.
    func user(id: Int64, by caller: Caller) throws(CRMError) -> User {
        let row = try executor.read { db in try SQLRow.one(db, "SELECT * FROM crm_user WHERE id = ?", [id]) }
        guard let row, caller.role == .regionalAdmin || (row["office_id"] as Int64?) == caller.officeID else { throw .notFound("user \(id)") }
        return Self.user(row)
    }
}
