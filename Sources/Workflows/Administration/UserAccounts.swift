import CRM
import Foundation
import Mail

/// People's accounts: invited by an admin (they choose their own password through a single-use,
/// expiring link sent to them by email, which nobody else sees), disabled by an admin (their
/// sessions end and their API tokens stop at once), their own password changed (their other
/// sessions end). Every change is recorded in the office's audit log and told by email to the
/// office's admins, so that no account appears, returns or goes unnoticed.
///
/// Who invites whom: an office's users are invited by that office's admins; the regional admin
/// invites only the **first** admin of an office that has none (so the region can never make
/// itself an office's user where the office has someone in charge).
public struct UserAccounts: Sendable {
    public let crm: any CRMStores
    /// nil: invitations wait in the outbox until a mail server is configured.
    public let mail: Mailer?
    /// The address the invitation links point to, e.g. "https://guichet.example.org".
    public let publicURL: String
    public let invitationLifetime: TimeInterval

    public init(crm: any CRMStores, mail: Mailer?, publicURL: String, invitationLifetime: TimeInterval = 72 * 3600) {
        self.crm = crm; self.mail = mail; self.publicURL = publicURL; self.invitationLifetime = invitationLifetime
    }

    /// What the inviting admin is told: the same whether the address was new or already another
    /// office's user's (then that person, not the admin, is told).
    public struct Invitation: Sendable {
        /// The invited user; nil when the address already belonged to a user elsewhere.
        public var user: User?
        /// The message written to the address (the invitation, or the notice to the existing user).
        public var message: OutboxEntry
    }

    /// Creates the user and writes their invitation to the office's outbox, then sends it when a
    /// mail server is configured; the office's admins are told.
    public func invite(email: String, name: String, role: Caller.Role, officeID: Int64?, by caller: Caller) throws -> Invitation {
        guard let office = caller.role == .regionalAdmin ? officeID : caller.officeID else {
            throw CRMError.invalid(field: "office", reason: "un utilisateur d'office a besoin de l'identifiant de l'office")
        }
        // The office's outbox holds the message; it is written by the office on the admin's behalf.
        let sender = Caller(role: .officeAdmin, officeID: office, userName: caller.userName)
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let (invitation, notices) = try crm.transaction { tx -> (Invitation, [OutboxEntry]) in
            let officeName = try tx.offices.office(id: office, by: sender).name
            let everyone = try tx.users.all(by: .regionalAdmin)
            if caller.role == .regionalAdmin {
                guard role == .officeAdmin else {
                    throw CRMError.forbidden("l'administrateur régional invite le premier administrateur d'un office ; ses agents sont invités par lui")
                }
                guard !everyone.contains(where: { $0.officeID == office && $0.role == .officeAdmin && !$0.disabled }) else {
                    throw CRMError.forbidden("cet office a déjà un administrateur : c'est lui qui invite les utilisateurs de l'office")
                }
            }
            if let existing = everyone.first(where: { $0.email == address }), existing.officeID != office {
                // Another office's user: the admin sees what a new address gives, the person is told.
                let notice = try tx.outbox.enqueue(OutboxEntry(
                    idempotencyKey: "invitation-existing-\(Digest.randomHex().prefix(16))", recipient: existing.email,
                    subject: "Guichet : une invitation pour \(officeName)",
                    text: """
                    Bonjour,

                    \(caller.userName) a voulu vous inviter à utiliser Guichet pour \(officeName), mais votre adresse a déjà un compte Guichet.
                    Rien n'a été changé à votre compte. Pour travailler aussi pour \(officeName), répondez-lui avec une autre adresse,
                    ou demandez à l'administrateur de votre office.

                    Si vous n'attendiez pas ce message, ignorez-le.
                    """), by: sender)
                return (Invitation(user: nil, message: notice), [])
            }
            let (user, token) = try tx.users.invite(email: email, name: name, role: role, officeID: office, lifetime: invitationLifetime, by: caller)
            try tx.audit.record(.userInvited, contactID: nil, objectID: user.id, detail: role.rawValue, officeID: office, by: caller)
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
            let notices = try AccountNotice(.invited(role), user: user, officeName: officeName, by: caller)
                .write(to: tx, admins: everyone, office: office)
            return (Invitation(user: user, message: entry), notices)
        }
        send(notices, office: office)
        guard let mail else { return invitation }
        _ = try mail.delivery(crm.outbox).deliver(outboxID: invitation.message.id, by: sender)
        return Invitation(user: invitation.user, message: try crm.outbox.entry(id: invitation.message.id, by: sender))
    }

    /// An admin resets a user's password: the old one stops working at once (sessions end), and the
    /// user receives a link, valid as long as an invitation and once, to choose another. Links sent
    /// before stop working.
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

    /// The invited user's password; the invitation (and every other link of theirs) is then used up.
    /// Who an invitation link is for; `notFound` when the link is unknown, used or expired.
    public func invitation(token: String) throws -> User { try crm.users.invitation(token: token) }

    /// The account of `email` when `password` is its own; nil otherwise (bcrypt: on the password pool).
    public func authenticate(email: String, password: String) throws -> User? { try crm.users.authenticate(email: email, password: password) }

    public func accept(token: String, password: String, confirmation: String) throws -> User {
        guard password == confirmation else { throw CRMError.invalid(field: "confirmation", reason: "les deux mots de passe diffèrent") }
        return try crm.users.acceptInvitation(token: token, password: password)
    }

    /// Disables or enables a user; the office's admins are told, the office's audit log keeps it.
    public func setDisabled(_ disabled: Bool, userID: Int64, by caller: Caller) throws {
        let (notices, office) = try crm.transaction { tx -> ([OutboxEntry], Int64?) in
            try tx.users.setDisabled(disabled, userID: userID, by: caller)
            let everyone = try tx.users.all(by: .regionalAdmin)
            guard let user = everyone.first(where: { $0.id == userID }) else { throw CRMError.notFound("user \(userID)") }
            try tx.audit.record(disabled ? .userDisabled : .userEnabled, contactID: nil, objectID: userID, detail: nil, officeID: user.officeID, by: caller)
            guard let office = user.officeID else { return ([], nil) }
            let officeName = try tx.offices.office(id: office, by: .regionalAdmin).name
            let notices = try AccountNotice(disabled ? .disabled : .enabled, user: user, officeName: officeName, by: caller)
                .write(to: tx, admins: everyone, office: office)
            return (notices, office)
        }
        if let office { send(notices, office: office) }
    }

    /// The caller's password; every other session of theirs ends (`keeping` the one in use).
    public func changePassword(current: String, new: String, confirmation: String, keeping session: String?, by caller: Caller) throws {
        guard new == confirmation else { throw CRMError.invalid(field: "confirmation", reason: "les deux mots de passe diffèrent") }
        guard let userID = caller.userID else { throw CRMError.forbidden("un mot de passe appartient à un utilisateur connecté") }
        try crm.users.changePassword(current: current, new: new, by: caller)
        try crm.sessions.closeAll(userID: userID, keeping: session)
    }

    /// Sends the admins' notices when a mail server is configured (else they wait in the outbox);
    /// a notice that cannot leave now is retried by the outbox worker, never fails the change.
    private func send(_ notices: [OutboxEntry], office: Int64) {
        guard let mail else { return }
        let sender = Caller(role: .officeAdmin, officeID: office, userName: "Guichet")
        for notice in notices { _ = try? mail.delivery(crm.outbox).deliver(outboxID: notice.id, by: sender) }
    }
}
