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
    public let mail: ReplyToRequest.Mailer?
    public let publicURL: String
    /// How long a confirmation link works (30 days unless configured).
    public let confirmationLifetime: TimeInterval

    public init(crm: any CRMStores, store: any ConsentStore, keys: ConsentKeys, mail: ReplyToRequest.Mailer?, publicURL: String,
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
    func unsubscribeLink(officeID: Int64, subject: String) -> String {
        link("unsubscribe", ConsentToken(action: .unsubscribe, officeID: officeID, subject: subject,
                                         expires: Date().addingTimeInterval(2 * 365 * 86400), singleUse: false))
    }

    /// The link to the person's preferences with the office, valid two years.
    func preferencesLink(officeID: Int64, subject: String) -> String {
        link("preferences", ConsentToken(action: .preferences, officeID: officeID, subject: subject,
                                         expires: Date().addingTimeInterval(2 * 365 * 86400), singleUse: false))
    }

    /// The office's wording for a purpose, the default one written as version 1 the first time.
    public func wording(_ purpose: Purpose, office: Office) throws -> Wording {
        if let current = try store.wording(officeID: office.id, purpose: purpose) { return current }
        let partners = try store.partners(officeID: office.id)
        let text = switch purpose {
        case .own: "\(office.name) peut m'envoyer par e-mail ses actualités, ses événements et ses offres."
        case .partners: "\(office.name) peut m'envoyer par e-mail les informations de ses partenaires"
            + (partners.isEmpty ? "." : " : \(partners.joined(separator: ", ")).")
        }
        return try store.setWording(officeID: office.id, purpose: purpose, text: text)
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
