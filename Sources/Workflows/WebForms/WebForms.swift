import CRM
import Consent
import Foundation
import Records

/// The public request form an office's website embeds (an iframe page or its own form posting
/// JSON): a visitor's request lands as a request with contact mode "web", the person as a contact
/// of that office, and a ticked consent box as a confirmation email (double opt-in).
public struct WebForms: Sendable {
    public let desk: ConsentDesk
    public let records: RecordStore
    /// The name the office's log and the consent proof give the form.
    public static let agentName = "Formulaire web"

    public init(desk: ConsentDesk, records: RecordStore) { self.desk = desk; self.records = records }

    /// What a visitor sends: the fields of the offices' web forms (`001_…`).
    public struct Submission: Sendable, Hashable {
        public var professional = false
        public var civility: String?
        public var firstName: String?
        public var lastName: String?
        public var company: String?
        public var email: String?
        public var phone: String?
        public var address: String?
        public var postalCode: String?
        public var commune: String?
        /// ISO 3166 code.
        public var country: String?
        public var responseMode: InformationRequest.ContactMode?
        /// What the request is about (the form's "objet").
        public var subject: String?
        public var message: String?
        public var consentOwn = false
        public var consentPartners = false
        /// The hidden field people do not see: anything in it is a robot's.
        public var trap: String?
        public var language: String?

        public init() {}
    }

    public enum Outcome: Sendable, Equatable {
        case received(requestID: Int64, confirmationAsked: Bool)
        /// The trap was filled: answered as received, nothing stored.
        case discarded
    }

    /// The response modes the form offers.
    public static let responseModes: [InformationRequest.ContactMode] = [.email, .counter, .phone, .mail, .sms]

    /// One of `responseModes` from its stored name ("telephone"), else a refusal naming them.
    public static func responseMode(_ raw: String) throws -> InformationRequest.ContactMode {
        guard let mode = InformationRequest.ContactMode(rawValue: raw), responseModes.contains(mode) else {
            throw CRMError.invalid(field: "responseMode", reason: "email, guichet, telephone, courrier ou sms")
        }
        return mode
    }

    /// The form a public key names; an unknown key is not found.
    public func form(key: String) throws -> WebForm {
        guard key.count <= 64, let form = try desk.crm.webForms.form(key: key) else { throw CRMError.notFound("form") }
        return form
    }

    /// Whether `origin` (a browser's `Origin` header) is one of the office's declared sites.
    public func allows(_ origin: String, in form: WebForm) -> Bool {
        Self.origin(origin).map(form.origins.contains) ?? false
    }

    /// Records the visitor's request for the form's office (`form(key:)`), sent from `origin` when
    /// a website posted it (it must be one the office declared). Checks every field first: a
    /// refusal stores nothing.
    public func submit(_ s: Submission, to form: WebForm, from origin: String?) throws -> Outcome {
        if let origin, !allows(origin, in: form) { throw CRMError.forbidden("ce site n'est pas parmi les sites déclarés de l'office") }
        if let trap = s.trap, !trap.isEmpty { return .discarded }
        func clean(_ text: String?, _ field: String, max: Int) throws -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            guard text.count <= max else { throw CRMError.invalid(field: field, reason: "\(max) caractères au plus") }
            return text
        }
        let email = try clean(s.email, "email", max: 254)?.lowercased()
        guard let email, email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil else {
            throw CRMError.invalid(field: "email", reason: "une adresse e-mail est nécessaire pour vous répondre")
        }
        let lastName = try clean(s.lastName, "lastName", max: 80), company = try clean(s.company, "company", max: 120)
        guard lastName != nil || (s.professional && company != nil) else {
            throw CRMError.invalid(field: "lastName", reason: s.professional ? "votre nom ou votre raison sociale" : "votre nom")
        }
        let message = try clean(s.message, "message", max: 4000)
        let subject = try clean(s.subject, "subject", max: 200)
        guard message != nil || subject != nil else { throw CRMError.invalid(field: "message", reason: "dites-nous ce que vous souhaitez") }
        let country = try clean(s.country, "country", max: 2)?.uppercased()
        if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw CRMError.invalid(field: "country", reason: "un code pays ISO (FR, DE…)")
        }
        let postalCode = try clean(s.postalCode, "postalCode", max: 10)
        let contact = Contact(kind: s.professional ? .professional : .individual, company: company, civility: try clean(s.civility, "civility", max: 10),
                              firstName: try clean(s.firstName, "firstName", max: 80), lastName: lastName, email: email,
                              phone: try clean(s.phone, "phone", max: 30), address: try clean(s.address, "address", max: 200), postalCode: postalCode,
                              commune: try clean(s.commune, "commune", max: 80),
                              department: country == nil || country == "FR" ? try postalCode.flatMap { try records.department(postalCode: $0, commune: s.commune) } : nil,
                              country: country, language: s.language == "en" ? "en" : "fr")
        let caller = Caller(role: .agent, officeID: form.officeID, userName: Self.agentName)
        let request = InformationRequest(contactMode: .web, responseMode: s.responseMode ?? .email, subject: subject ?? String((message ?? "").prefix(120)),
                                         originDepartment: contact.department, originCountry: country, notes: message)
        let saved = try RecordRequest(crm: desk.crm, records: records).run(.init(contact: contact, request: request), by: caller)
        let purposes = (s.consentOwn ? [Purpose.own] : []) + (s.consentPartners ? [Purpose.partners] : [])
        var asked = false
        if let contactID = saved.contact?.id, !purposes.isEmpty {
            let context = "formulaire de demande" + (origin.map { " sur \($0)" } ?? "")
            asked = try AskConsent(desk: desk).run(contactID: contactID, purposes: purposes, mode: .webForm, context: context, by: caller).confirmation != nil
        }
        return .received(requestID: saved.request.id, confirmationAsked: asked)
    }

    /// The office's form (its key made on first use).
    public func settings(by caller: Caller) throws -> WebForm { try desk.crm.webForms.form(by: caller) }

    /// The office a public form writes to (its name and wordings on the page).
    public func office(of form: WebForm) throws -> Office {
        try desk.crm.offices.office(id: form.officeID, by: Caller(role: .agent, officeID: form.officeID, userName: Self.agentName))
    }

    /// The sites allowed to embed the form, one per line or comma: each an http(s) origin.
    public func setOrigins(_ text: String, by caller: Caller) throws {
        var origins: [String] = []
        for part in text.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }) where !part.isEmpty {
            guard let origin = Self.origin(String(part)) else {
                throw CRMError.invalid(field: "origins", reason: "« \(part) » n'est pas une adresse de site (https://www.exemple.fr)")
            }
            if !origins.contains(origin) { origins.append(origin) }
        }
        guard origins.count <= 20 else { throw CRMError.invalid(field: "origins", reason: "20 sites au plus") }
        try desk.crm.webForms.setOrigins(origins, by: caller)
    }

    /// "https://www.exemple.fr" from what an admin types (a page's address keeps only its site) or
    /// a browser sends: http(s), a host name (letters, digits, hyphens and dots: an internationalised
    /// name in its xn-- form) or an IPv4 address, a port when not the default. Nothing else ever
    /// reaches the pages' Content-Security-Policy (a `;` or a quote there would add directives).
    public static func origin(_ text: String) -> String? {
        guard let url = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let scheme = url.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = (url.encodedHost ?? url.host)?.lowercased(), url.user == nil, url.password == nil,
              isHostName(host) else { return nil }
        if let port = url.port, !(1...65535).contains(port) { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// Labels of 1–63 letters, digits and inner hyphens, joined by dots, 253 characters at most.
    static func isHostName(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    // MARK: the framed page's own form

    /// How long a rendered form may be sent.
    public static let pageTicketLifetime: TimeInterval = 2 * 3600

    /// The ticket a rendered form carries (a hidden field): the form's key and the time it was
    /// rendered, signed by the server. Only a page Guichet rendered, recently, posts a valid one.
    public func pageTicket(for form: WebForm, at date: Date = Date()) -> String {
        let issued = String(Int(date.timeIntervalSince1970))
        return issued + "." + desk.keys.tag("web-form-page", form.key + "|" + issued)
    }

    /// Whether `ticket` was rendered for this form within `pageTicketLifetime`.
    public func isValidPageTicket(_ ticket: String?, for form: WebForm, at date: Date = Date()) -> Bool {
        guard let parts = ticket?.split(separator: ".", maxSplits: 1), parts.count == 2, let issued = TimeInterval(parts[0]) else { return false }
        let age = date.timeIntervalSince1970 - issued
        guard age >= -300, age <= Self.pageTicketLifetime else { return false }
        return desk.keys.isTag(String(parts[1]), of: form.key + "|" + String(parts[0]), domain: "web-form-page")
    }

    /// The framed page's post: its `Origin` (when the browser sends one) is Guichet's own page or
    /// a declared site, and the form carries a ticket Guichet rendered. A hostile page that
    /// auto-submits the form from its visitors' browsers has neither.
    public func checkPagePost(origin: String?, ownOrigins: [String], ticket: String?, to form: WebForm) throws {
        if let origin, origin != "null" {
            guard let site = Self.origin(origin), ownOrigins.contains(site) || form.origins.contains(site) else {
                throw CRMError.forbidden("ce site n'est pas parmi les sites déclarés de l'office")
            }
        }
        guard isValidPageTicket(ticket, for: form) else {
            throw CRMError.forbidden("ce formulaire a expiré : rechargez la page et envoyez-le de nouveau")
        }
    }
}
