import CRM
import Foundation
import Mail

/// People's accounts: invited by an admin (they choose their own password through a single-use,
/// expiring link sent to them by email, which nobody else sees), disabled by an admin (their
/// sessions end and their API tokens stop at once), their own password changed (their other
/// sessions end). Every change is recorded for the office's admin.
public struct UserAccounts: Sendable {
    public let crm: any CRMStores
    /// nil: invitations wait in the outbox until a mail server is configured.
    public let mail: ReplyToRequest.Mailer?
    /// The address the invitation links point to, e.g. "https://guichet.example.org".
    public let publicURL: String
    public let invitationLifetime: TimeInterval

    public init(crm: any CRMStores, mail: ReplyToRequest.Mailer?, publicURL: String, invitationLifetime: TimeInterval = 72 * 3600) {
        self.crm = crm; self.mail = mail; self.publicURL = publicURL; self.invitationLifetime = invitationLifetime
    }

    /// Creates the user and writes their invitation to the office's outbox, then sends it when a
    /// mail server is configured. The regional admin invites into any office, an office admin into
    /// their own.
    public func invite(email: String, name: String, role: Caller.Role, officeID: Int64?, by caller: Caller) throws -> (user: User, invitation: OutboxEntry) {
        guard let office = caller.role == .regionalAdmin ? officeID : caller.officeID else {
            throw CRMError.invalid(field: "office", reason: "un utilisateur d'office a besoin de l'identifiant de l'office")
        }
        // The office's outbox holds the message; it is written by the office on the admin's behalf.
        let sender = Caller(role: .officeAdmin, officeID: office, userName: caller.userName)
        let (user, entry) = try crm.transaction { tx in
            let (user, token) = try tx.users.invite(email: email, name: name, role: role, officeID: office, lifetime: invitationLifetime, by: caller)
            try tx.audit.record(.userInvited, contactID: nil, objectID: user.id, detail: role.rawValue, officeID: office, by: caller)
            let officeName = try tx.offices.office(id: office, by: sender).name
            let link = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/invitation/" + token
            let days = Int(invitationLifetime / 86400)
            let entry = try tx.outbox.enqueue(OutboxEntry(
                idempotencyKey: "invitation-\(user.id)", recipient: user.email, subject: "Votre accès à Guichet — \(officeName)",
                text: """
                Bonjour \(user.name),

                \(caller.userName) vous invite à utiliser Guichet pour \(officeName).
                Choisissez votre mot de passe en ouvrant ce lien (valable \(days) jours, une seule fois) :

                \(link)

                Si vous n'attendiez pas ce message, ignorez-le : rien ne sera créé sans vous.
                """), by: sender)
            return (user, entry)
        }
        guard let mail else { return (user, entry) }
        _ = try mail.delivery(crm.outbox).deliver(outboxID: entry.id, by: sender)
        return (user, try crm.outbox.entry(id: entry.id, by: sender))
    }

    /// An admin resets a user's password: the old one stops working at once (sessions end), and the
    /// user receives a link, valid as long as an invitation and once, to choose another.
    public func resetPassword(userID: Int64, by caller: Caller) throws -> OutboxEntry {
        let (entry, office) = try crm.transaction { tx -> (OutboxEntry, Int64) in
            let (user, token) = try tx.users.resetPassword(userID: userID, lifetime: invitationLifetime, by: caller)
            guard let office = user.officeID else { throw CRMError.forbidden("le mot de passe de l'administrateur régional se change sur le serveur") }
            try tx.audit.record(.userPasswordReset, contactID: nil, objectID: user.id, detail: nil, officeID: office, by: caller)
            let sender = Caller(role: .officeAdmin, officeID: office, userName: caller.userName)
            let link = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/invitation/" + token
            let entry = try tx.outbox.enqueue(OutboxEntry(
                idempotencyKey: "reset-\(user.id)-\(token.suffix(8))", recipient: user.email, subject: "Guichet : choisissez un nouveau mot de passe",
                text: """
                Bonjour \(user.name),

                \(caller.userName) a réinitialisé votre mot de passe Guichet : l'ancien ne fonctionne plus.
                Choisissez-en un nouveau en ouvrant ce lien (valable \(Int(invitationLifetime / 86400)) jours, une seule fois) :

                \(link)
                """), by: sender)
            return (entry, office)
        }
        let sender = Caller(role: .officeAdmin, officeID: office, userName: caller.userName)
        guard let mail else { return entry }
        _ = try mail.delivery(crm.outbox).deliver(outboxID: entry.id, by: sender)
        return try crm.outbox.entry(id: entry.id, by: sender)
    }

    /// The invited user's password; the invitation is then used up.
    public func accept(token: String, password: String, confirmation: String) throws -> User {
        guard password == confirmation else { throw CRMError.invalid(field: "confirmation", reason: "les deux mots de passe diffèrent") }
        return try crm.users.acceptInvitation(token: token, password: password)
    }

    public func setDisabled(_ disabled: Bool, userID: Int64, by caller: Caller) throws {
        try crm.transaction { tx in
            try tx.users.setDisabled(disabled, userID: userID, by: caller)
            let office = try tx.users.all(by: caller).first { $0.id == userID }?.officeID
            try tx.audit.record(disabled ? .userDisabled : .userEnabled, contactID: nil, objectID: userID, detail: nil, officeID: office, by: caller)
        }
    }

    /// The caller's password; every other session of theirs ends (`keeping` the one in use).
    public func changePassword(current: String, new: String, confirmation: String, keeping session: String?, by caller: Caller) throws {
        guard new == confirmation else { throw CRMError.invalid(field: "confirmation", reason: "les deux mots de passe diffèrent") }
        guard let userID = caller.userID else { throw CRMError.forbidden("un mot de passe appartient à un utilisateur connecté") }
        try crm.users.changePassword(current: current, new: new, by: caller)
        try crm.sessions.closeAll(userID: userID, keeping: session)
    }
}
