import CRM
import Foundation

/// The email an office's admins receive when an account of their office is created, enabled or
/// disabled — by one of them or by the regional admin: nobody gains or loses access to an office
/// without its admins hearing of it.
struct AccountNotice {
    enum Change {
        case invited(Caller.Role)
        case disabled
        case enabled
    }

    let change: Change
    let user: User
    let officeName: String
    let actor: Caller

    init(_ change: Change, user: User, officeName: String, by actor: Caller) {
        self.change = change; self.user = user; self.officeName = officeName; self.actor = actor
    }

    var what: String {
        switch change {
        case let .invited(role): "\(actor.userName) a invité \(user.name) <\(user.email)> comme \(role == .officeAdmin ? "administrateur" : "agent")"
        case .disabled: "\(actor.userName) a désactivé le compte de \(user.name) <\(user.email)> : ses sessions et ses jetons d'API ont pris fin"
        case .enabled: "\(actor.userName) a réactivé le compte de \(user.name) <\(user.email)>"
        }
    }

    /// Writes one message per admin of the office (enabled), and to the user concerned when their
    /// account was disabled or enabled, the actor aside; returns them for sending.
    func write(to tx: any CRMStores, admins everyone: [User], office: Int64) throws -> [OutboxEntry] {
        let toUser: Bool = if case .invited = change { false } else { true }
        let sender = Caller(role: .officeAdmin, officeID: office, userName: actor.userName)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let byRegion = actor.role == .regionalAdmin ? " (administration régionale)" : ""
        return try everyone.filter { u in
            u.id != actor.userID && (u.id == user.id ? toUser : (u.officeID == office && u.role == .officeAdmin && !u.disabled))
        }
            .map { admin in
                try tx.outbox.enqueue(OutboxEntry(
                    idempotencyKey: "account-notice-\(user.id)-\(admin.id)-\(stamp)", recipient: admin.email,
                    subject: "Guichet — \(officeName) : un compte a changé",
                    text: """
                    Bonjour \(admin.name),

                    \(what)\(byRegion), le \(Self.date.string(from: Date())).

                    Si ce changement vous surprend, vérifiez les utilisateurs de l'office (Administration → Utilisateurs)
                    et le journal d'audit.
                    """), by: sender)
            }
    }

    static let date: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "fr_FR"); f.timeZone = TimeZone(identifier: "Europe/Paris")
        f.dateFormat = "d MMMM yyyy 'à' HH:mm"
        return f
    }()
}
