import CRM
import Consent
import Foundation
import Mail

/// What the consent use cases share: the stores, the keys, the mail server and the address links
/// point to.
public struct ConsentDesk: Sendable {
    public let crm: any CRMStores
    public let store: any ConsentStore
    public let keys: ConsentKeys
    /// nil: confirmation emails wait in the outbox.
    public let mail: Mailer?
    public let publicURL: String
    /// How long a confirmation link works (30 days unless configured).
    public let confirmationLifetime: TimeInterval

    public init(crm: any CRMStores, store: any ConsentStore, keys: ConsentKeys, mail: Mailer?, publicURL: String,
                confirmationLifetime: TimeInterval = 30 * 86400) {
        self.crm = crm; self.store = store; self.keys = keys; self.mail = mail; self.publicURL = publicURL
        self.confirmationLifetime = confirmationLifetime
    }

    /// The gate the outbox asks before any message goes: professionals are the office's B2B contacts.
    public static func gate(crm: any CRMStores, store: any ConsentStore, keys: ConsentKeys) -> ConsentGate {
        ConsentGate(store: store, keys: keys) { entry in
            let office = Caller(role: .agent, officeID: entry.officeID, userName: "consent gate")
            return (try? crm.contacts.contact(email: entry.recipient, by: office))??.kind == .professional
        }
    }

    /// This desk's gate.
    public var gate: ConsentGate { Self.gate(crm: crm, store: store, keys: keys) }

    /// The server's consent keys: `GUICHET_CONSENT_SECRET` (32 characters or more) when set, else
    /// the secret generated once and kept in the database.
    public static func keys(store: any ConsentStore, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConsentKeys {
        if let secret = environment["GUICHET_CONSENT_SECRET"], !secret.isEmpty { return try ConsentKeys(secret: Data(secret.utf8)) }
        return try ConsentKeys(secret: try store.storedSecret())
    }

    func link(_ path: String, _ token: ConsentToken) -> String {
        publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/consent/\(path)/" + token.signed(with: keys)
    }

    /// The link that withdraws everything, valid two years (it may be followed more than once).
    func unsubscribeLink(officeID: Int64, subject: String, contact: Int64?) -> String {
        link("unsubscribe", ConsentToken(action: .unsubscribe, officeID: officeID, subject: subject,
                                         expires: Date().addingTimeInterval(2 * 365 * 86400), singleUse: false, contact: contact))
    }

    /// The link to the person's preferences with the office, valid two years.
    func preferencesLink(officeID: Int64, subject: String, contact: Int64?) -> String {
        link("preferences", ConsentToken(action: .preferences, officeID: officeID, subject: subject,
                                         expires: Date().addingTimeInterval(2 * 365 * 86400), singleUse: false, contact: contact))
    }

    /// The person acted through a link: an interaction with the office (it moves the date retention
    /// counts from). A contact erased meanwhile is left alone.
    func touch(_ token: ConsentToken, at date: Date = Date()) throws {
        guard let contact = token.contact else { return }
        let office = Caller(role: .agent, officeID: token.officeID, userName: "la personne (lien signé)")
        do {
            try crm.contacts.touch(contact, at: date, by: office)
        } catch CRMError.notFound {
            return
        }
    }

    /// The office's wording for a purpose as events record it: the current version, the default one
    /// written as version 1 the first time a person is asked.
    public func wording(_ purpose: Purpose, office: Office) throws -> Wording {
        if let current = try store.wording(officeID: office.id, purpose: purpose) { return current }
        return try store.setWording(officeID: office.id, purpose: purpose, text: try defaultText(purpose, office: office))
    }

    /// Everything the partners' box names: the office's partner structures, then its partner
    /// member offices (which see the identity of those who confirm it).
    public func partnerNames(officeID: Int64) throws -> [String] {
        let offices = try store.partnerOffices(officeID: officeID)
        let names = try offices.map { try crm.offices.office(id: $0, by: .regionalAdmin).name }
        return try store.partners(officeID: officeID) + names
    }

    /// The text a page shows for a purpose; reading it writes nothing.
    public func displayedWording(_ purpose: Purpose, office: Office) throws -> String {
        try store.wording(officeID: office.id, purpose: purpose)?.text ?? defaultText(purpose, office: office)
    }

    private func defaultText(_ purpose: Purpose, office: Office) throws -> String {
        switch purpose {
        case .own: return "\(office.name) peut m'envoyer ses actualités, ses événements et ses offres."
        case .partners:
            let partners = try partnerNames(officeID: office.id)
            return "\(office.name) peut m'envoyer les informations de ses partenaires"
                + (partners.isEmpty ? "." : " : \(partners.joined(separator: ", ")).")
        }
    }

    /// Whether a person may be asked for a purpose (nil) or why not: only those never asked, or
    /// whose link expired — not those who confirmed, are waiting, refused, withdrew, objected or
    /// were erased. A re-opt-in campaign and an import ask no one else.
    public func askRefusal(officeID: Int64, email: String, purpose: Purpose) throws -> String? {
        let subject = keys.subject(email: email)
        if try store.isSuppressed(subject, officeID: officeID) { return "suppressed" }
        switch ConsentState.derive(try store.events(officeID: officeID, subject: subject), purpose: purpose, channel: .email) {
        case .none, .expired: return nil
        case .confirmed: return "already-confirmed"
        case .pending: return "pending"
        case .refused: return "refused"
        case .withdrawn: return "withdrawn"
        case .objected: return "objected"
        }
    }

    /// The content of a signed link meant for `action`: refused when forged, altered, expired, or
    /// meant for another page.
    func token(_ text: String, for action: ConsentToken.Action) throws -> ConsentToken {
        let token = try ConsentToken.verified(text, with: keys)
        guard token.action == action else { throw ConsentError.tamperedToken }
        return token
    }

    /// An objection: nothing more from the office (every purpose and channel), and the person's
    /// keyed hashes (`subject` and any of `alsoSuppressing`) on the office's suppression list, so
    /// that no later collection asks again.
    func recordObjection(officeID: Int64, subject: String, alsoSuppressing keys: [String] = [], mode: CollectionMode, context: String?,
                         agent: String? = nil, ipAddress: String? = nil, userAgent: String? = nil) throws {
        try store.record([ConsentEvent(officeID: officeID, subject: subject, purpose: .own, channel: .email, kind: .objected, mode: mode,
                                       context: context, agent: agent, ipAddress: ipAddress, userAgent: userAgent.map { String($0.prefix(300)) })],
                         spending: nil)
        try store.suppress([subject] + keys, officeID: officeID)
    }
}

extension CollectionMode {
    /// Where a request came in, as a collection mode for the consent asked with it.
    public init(_ mode: InformationRequest.ContactMode) {
        self = switch mode {
        case .counter, .mail: .counter
        case .phone, .sms: .phone
        case .email: .email
        case .fair: .fair
        case .web: .webForm
        }
    }
}
