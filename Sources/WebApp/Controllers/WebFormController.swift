import CRM
import Foundation
import Hummingbird
import Workflows

/// The public request form of each office: the page its website frames, the JSON endpoint for sites
/// that post themselves (CORS to the declared sites only), and the admin's integration page.
/// Abuse: a trap field, limits per address and per form, small bodies.
struct WebFormController {
    let services: GuichetServices
    /// A request form is a few kilobytes; more is not a visitor's.
    static let maxBody = 32 * 1024

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/forms/{formKey}", .open, use: page)
        routes.add(.post, "/forms/{formKey}", .open, use: post)
        routes.add(.post, "/api/forms/{formKey}/requests", .open, use: postJSON)
        routes.add(.options, "/api/forms/{formKey}/requests", .open, use: preflight)
        routes.add(.get, "/admin/web-form", .officeAdmin, use: integration)
        routes.add(.post, "/admin/web-form", .officeAdmin, use: setOrigins)
    }

    var forms: WebForms { WebForms(desk: services.consent, records: services.records) }

    /// The form speaks the website's language: `?lang=en` in its address.
    static func visitor(_ request: Request, _ context: WebContext) -> WebContext {
        var context = context
        if let lang = request.uri.queryParameters.get("lang").flatMap(UILanguage.init(rawValue:)) { context.language = lang }
        return context
    }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let context = Self.visitor(request, context)
        let key = try context.parameters.require("formKey")
        let sent = request.uri.queryParameters.get("sent") == "1"
        return try await render(key: key, context: context, values: Form(""), error: nil, sent: sent)
    }

    @Sendable func post(_ request: Request, _ context: WebContext) async throws -> Response {
        let context = Self.visitor(request, context)
        let key = try context.parameters.require("formKey")
        var request = request
        let values = Form(String(buffer: try await request.collectBody(upTo: Self.maxBody)))
        let forms = forms
        let form = try await services.blocking.run { try forms.form(key: key) }
        // Same origin rule as the JSON endpoint, and a ticket only a page Guichet rendered carries.
        try forms.checkPagePost(origin: request.headers[.origin], ownOrigins: ownOrigins(request), ticket: values["ticket"], to: form)
        if let wait = try await limit(request, context, key: key) {
            return try await render(key: key, context: context, values: values, error: Self.tooMany(wait, context.language), sent: false, status: .tooManyRequests)
        }
        do {
            let submission = try WebFormInput(values, language: context.language).submission()
            _ = try await services.blocking.run { try forms.submit(submission, to: form, from: nil) }
        } catch let error as CRMError {
            guard case .invalid = error else { throw error }
            return try await render(key: key, context: context, values: values, error: ErrorMiddleware.describe(error).1, sent: false, status: .unprocessableContent)
        }
        return Pages.redirect("/forms/\(key)?sent=1" + (context.language == .en ? "&lang=en" : ""))
    }

    /// Guichet's own origin, where the framed page lives: the configured public address, and the
    /// one the browser reached (its `Host`, which a hostile page cannot set for its visitors).
    private func ownOrigins(_ request: Request) -> [String] {
        var own = [WebForms.origin(services.publicURL)].compactMap { $0 }
        if let host = request.head.authority {
            for scheme in ["https", "http"] { if let origin = WebForms.origin("\(scheme)://\(host)") { own.append(origin) } }
        }
        return own
    }

    @Sendable func postJSON(_ request: Request, _ context: WebContext) async throws -> Response {
        let key = try context.parameters.require("formKey")
        let origin = request.headers[.origin]
        let forms = forms
        let form = try await services.blocking.run { try forms.form(key: key) }
        // A declared site reads the answer, refusals included (its page shows them); another reads nothing.
        let reader = origin.flatMap { forms.allows($0, in: form) ? $0 : nil }
        var response: Response
        do {
            response = try await receive(request, context, form: form, origin: origin)
        } catch {
            guard reader != nil, ErrorMiddleware.describe(error).0.code < 500 else { throw error }
            response = try ErrorMiddleware.json(error)
        }
        if let reader { Self.allow(reader, on: &response.headers) }
        return response
    }

    /// A website's JSON request: at most `maxBody`, counted by the limiter, then the use case's (which
    /// refuses an undeclared site).
    private func receive(_ request: Request, _ context: WebContext, form: WebForm, origin: String?) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBody)
        let input: WebFormInput
        do { input = try JSONDecoder().decode(WebFormInput.self, from: Data(buffer: body)) } catch {
            throw HTTPError(.badRequest, message: "Requête mal formée : un objet JSON est attendu.")
        }
        if let wait = try await limit(request, context, key: form.key) {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)], message: "Trop d'envois : réessayez dans \(wait) s.")
        }
        let submission = try input.submission()
        let forms = forms
        let outcome = try await services.blocking.run { try forms.submit(submission, to: form, from: origin) }
        return try JSON.response(WebFormReceipt(outcome), status: .created)
    }

    /// The browser's question before a cross-site JSON post: yes for the declared sites only.
    @Sendable func preflight(_ request: Request, _ context: WebContext) async throws -> Response {
        let key = try context.parameters.require("formKey")
        let forms = forms
        let form = try await services.blocking.run { try forms.form(key: key) }
        guard let origin = request.headers[.origin], forms.allows(origin, in: form) else {
            throw HTTPError(.forbidden, message: "Ce site n'est pas déclaré par l'office.")
        }
        var response = Response(status: .noContent)
        Self.allow(origin, on: &response.headers)
        response.headers[.accessControlAllowMethods] = "POST"
        response.headers[.accessControlAllowHeaders] = "Content-Type"
        response.headers[.accessControlMaxAge] = "600"
        return response
    }

    static func allow(_ origin: String, on headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = origin
        headers[.vary] = "Origin"
    }

    private func limit(_ request: Request, _ context: WebContext, key: String) async throws -> Int? {
        try await services.formLimiter.take(address: services.clientAddress(request, peer: context.remoteAddress), form: key)
    }

    static func tooMany(_ wait: Int, _ language: UILanguage) -> String {
        language == .fr ? "Trop d'envois depuis votre connexion : réessayez dans \((wait + 59) / 60) min." : "Too many requests from your connection: try again in \((wait + 59) / 60) min."
    }

    /// The page a website frames: the office's form, in French or English (`?lang=en`).
    private func render(key: String, context: WebContext, values: Form, error: String?, sent: Bool, status: HTTPResponse.Status = .ok) async throws -> Response {
        let forms = forms
        return try await services.blocking.run { [services] in
            let form = try forms.form(key: key)
            let office = try forms.office(of: form)
            let language = context.language
            func value(_ name: String) -> String { values.sent(name) ?? "" }
            var response = try Pages.render(services, "web-form", title: office.name, context: context, data: [
                "key": key, "officeName": office.name, "sent": sent, "error": error ?? "", "ticket": forms.pageTicket(for: form),
                "ownWording": try services.consent.displayedWording(.own, office: office),
                "partnersWording": try services.consent.displayedWording(.partners, office: office),
                "countries": Countries.all(language).map { ["code": $0.code, "name": $0.name, "selected": $0.code == (values["country"] ?? "FR")] },
                "modes": WebForms.responseModes.map { ["value": $0.rawValue, "label": DeskLabels.mode($0, language), "selected": $0.rawValue == (values["responseMode"] ?? "email")] },
                "professional": values["typology"] == "B2B",
                "civilityMme": values["civility"] == "Mme", "civilityM": values["civility"] == "M.",
                "lastName": value("lastName"), "firstName": value("firstName"), "company": value("company"), "email": value("email"),
                "phone": value("phone"), "address": value("address"), "postalCode": value("postalCode"), "commune": value("commune"),
                "subject": value("subject"), "message": value("message"), "consentOwn": values["consentOwn"] == "on",
                "consentPartners": values["consentPartners"] == "on", "langQuery": language == .en ? "?lang=en" : "",
            ], status: status)
            // Only well-formed origins reach the policy (one saved before the check was strict is left out).
            let declared = form.origins.filter { WebForms.origin($0) == $0 }
            let ancestors = (["'self'"] + declared).joined(separator: " ")
            response.headers[.init("Content-Security-Policy")!] = SecurityHeadersMiddleware.policy(frameAncestors: ancestors)
            return response
        }
    }

    // MARK: the admin's integration page

    @Sendable func integration(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let forms = forms
        let saved = request.uri.queryParameters.get("ok") == "saved"
        return try await services.blocking.run { [services] in
            let form = try forms.settings(by: caller)
            let base = services.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let page = "\(base)/forms/\(form.key)"
            return try Pages.render(services, "web-form-admin", title: context.text("webFormTitle"), context: context, data: [
                "key": form.key, "pageURL": page, "origins": form.origins.joined(separator: "\n"), "hasOrigins": !form.origins.isEmpty, "saved": saved,
                "iframe": "<iframe src=\"\(page)\" title=\"Demande d'information\" style=\"width:100%;min-height:1100px;border:0\" loading=\"lazy\"></iframe>",
                "fetch": """
                    fetch("\(base)/api/forms/\(form.key)/requests", {
                      method: "POST", headers: {"Content-Type": "application/json"},
                      body: JSON.stringify({lastName: "Dupont", email: "marie@example.org", message: "Bonjour…", responseMode: "email",
                                            consentOwn: false, consentPartners: false, website: ""})
                    });
                    """,
            ])
        }
    }

    @Sendable func setOrigins(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let forms = forms
        try await services.blocking.run { try forms.setOrigins(form.sent("origins") ?? "", by: caller) }
        return Pages.redirect("/admin/web-form?ok=saved")
    }
}

/// The JSON a website posts: the same fields as the page's form.
struct WebFormInput: Codable, Sendable {
    var typology: String?
    var civility, firstName, lastName, company, email, phone, address, postalCode, commune, country: String?
    var responseMode: String?
    var subject, message: String?
    var consentOwn, consentPartners: Bool?
    var website: String?
    var language: String?

    /// The framed page's form: the same fields, boxes as "on".
    init(_ form: Form, language: UILanguage) {
        typology = form["typology"]; civility = form["civility"]; firstName = form["firstName"]; lastName = form["lastName"]
        company = form["company"]; email = form["email"]; phone = form["phone"]; address = form["address"]; postalCode = form["postalCode"]
        commune = form["commune"]; country = form["country"]; responseMode = form["responseMode"]; subject = form["subject"]
        message = form["message"]; consentOwn = form["consentOwn"] == "on"; consentPartners = form["consentPartners"] == "on"
        website = form["website"]; self.language = language.rawValue
    }

    func submission() throws -> WebForms.Submission {
        var s = WebForms.Submission()
        guard typology == nil || ["B2C", "B2B"].contains(typology!) else { throw CRMError.invalid(field: "typology", reason: "B2C ou B2B") }
        s.professional = typology == "B2B"
        s.civility = civility; s.firstName = firstName; s.lastName = lastName; s.company = company; s.email = email; s.phone = phone
        s.address = address; s.postalCode = postalCode; s.commune = commune; s.subject = subject; s.message = message
        // A code or a name, French or English, as at the counter.
        s.country = try country.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }.map { typed in
            guard let code = Countries.code(for: typed) else { throw CRMError.invalid(field: "country", reason: "pays inconnu : « \(typed) »") }
            return code
        }
        s.responseMode = try responseMode.map(WebForms.responseMode)
        s.consentOwn = consentOwn ?? false; s.consentPartners = consentPartners ?? false
        s.trap = website
        s.language = language
        return s
    }
}

struct WebFormReceipt: Codable, Sendable {
    var received: Bool
    /// Whether a confirmation email went for a ticked consent box.
    var confirmationAsked: Bool

    init(_ outcome: WebForms.Outcome) {
        switch outcome {
        case let .received(_, asked): received = true; confirmationAsked = asked
        case .discarded: received = true; confirmationAsked = false
        }
    }
}
