import CRM
import Consent
import Foundation
import Hummingbird
import Workflows

/// The public consent pages, reached from the links of the emails (no sign-in: the signed token is
/// the authority), and what the desk does with a contact's consent.
struct ConsentController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/consent/confirm/{token}", .open, use: question)
        routes.add(.post, "/consent/confirm/{token}", .open, use: confirm)
        routes.add(.get, "/consent/unsubscribe/{token}", .open, use: unsubscribePage)
        routes.add(.post, "/consent/unsubscribe/{token}", .open, use: unsubscribe)
        routes.add(.post, "/consent/object/{token}", .open, use: object)
        routes.add(.get, "/consent/preferences/{token}", .open, use: preferences)
        routes.add(.post, "/consent/preferences/{token}", .open, use: savePreferences)
        routes.add(.get, "/consent/keep/{token}", .open, use: keepPage)
        routes.add(.post, "/consent/keep/{token}", .open, use: keep)
        routes.add(.post, "/contacts/{contactID}/consent/withdraw", .signedIn, objects: ["contactID": .contact], use: withdraw)
        routes.add(.post, "/contacts/{contactID}/consent/object", .signedIn, objects: ["contactID": .contact], use: objectHeard)
        routes.add(.post, "/admin/consent", .officeAdmin, use: settings)
    }

    /// What the link asks; confirming takes the button (a POST), never the visit alone.
    @Sendable func question(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let use = services.confirmConsent
        let question = try await services.blocking.run { try use.question(token: token) }
        return try await page("consent-confirm", context) {
            ["token": token, "officeName": question.office, "wordings": question.wordings.map { ["text": $0] },
             "partners": question.partners.joined(separator: ", "),
             "channels": question.channels.map { ConsentLabels.channel($0, context.language) }.joined(separator: ", ")]
        }
    }

    @Sendable func confirm(_ request: Request, _ context: WebContext) async throws -> Response {
        let use = services.confirmConsent
        return try await act(request, context, done: ("Merci : votre accord est enregistré. Chaque message portera un lien pour le retirer.",
                                                      "Thank you: your agreement is recorded. Every message will carry a link to withdraw it.")) {
            try use.confirm(token: $0, ipAddress: $1, userAgent: $2)
        }
    }

    @Sendable func unsubscribePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let use = services.unsubscribe
        let office = try await services.blocking.run { try use.office(token: token) }
        return try await page("consent-unsubscribe", context) { ["token": token, "officeName": office] }
    }

    /// From the page's button, or a mail client's one-click POST (RFC 8058: `List-Unsubscribe=One-Click`),
    /// which gets a plain "ok".
    @Sendable func unsubscribe(_ request: Request, _ context: WebContext) async throws -> Response {
        let oneClick = try await Form.read(request, context: context)["List-Unsubscribe"] == "One-Click"
        let use = services.unsubscribe
        let page = try await act(request, context, done: (
            "Vous êtes désinscrit de toutes les listes de cet office. Seules les réponses à vos propres demandes vous parviendront.",
            "You are unsubscribed from every list of this office. Only the answers to your own requests will reach you.")) {
            try use.run(token: $0, ipAddress: $1, userAgent: $2)
        }
        return oneClick ? Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
            : page
    }

    /// The answer to a retention warning: one button.
    @Sendable func keepPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let use = KeepContact(desk: services.consent)
        let office = try await services.blocking.run { try use.office(token: token) }
        return try await page("consent-keep", context) { ["token": token, "officeName": office] }
    }

    @Sendable func keep(_ request: Request, _ context: WebContext) async throws -> Response {
        let use = KeepContact(desk: services.consent)
        return try await act(request, context, done: ("C'est noté : l'office garde vos coordonnées.", "Noted: the office keeps your details.")) { token, _, _ in
            try use.run(token: token)
        }
    }

    /// Each purpose and channel, on or off.
    @Sendable func preferences(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let use = ConsentPreferences(desk: services.consent)
        let choices = try await services.blocking.run { try use.choices(token: token) }
        let language = context.language
        return try await page("consent-preferences", context) {
            ["token": token, "officeName": choices.office, "choices": choices.states.map {
                ["key": ConsentPreferences.key($0.purpose, $0.channel), "purpose": ConsentLabels.purpose($0.purpose, language),
                 "channel": ConsentLabels.channel($0.channel, language), "on": $0.state == .confirmed]
            }]
        }
    }

    @Sendable func savePreferences(_ request: Request, _ context: WebContext) async throws -> Response {
        let on = Set(try await Form.read(request, context: context).all("on"))
        let use = ConsentPreferences(desk: services.consent)
        return try await act(request, context, done: ("Vos choix sont enregistrés.", "Your choices are saved.")) {
            try use.save(token: $0, on: on, ipAddress: $1, userAgent: $2)
        }
    }

    /// The person objects to anything more from the office.
    @Sendable func object(_ request: Request, _ context: WebContext) async throws -> Response {
        let use = services.unsubscribe
        return try await act(request, context, done: (
            "Votre opposition est enregistrée : cet office ne vous enverra plus rien, sauf les réponses à vos propres demandes.",
            "Your objection is recorded: this office will send you nothing but the answers to your own requests.")) {
            try use.object(token: $0, ipAddress: $1, userAgent: $2)
        }
    }

    /// An objection the agent heard.
    @Sendable func objectHeard(_ request: Request, _ context: WebContext) async throws -> Response {
        try await heard(request, context) { record, id, form, caller in try record.object(contactID: id, heard: form["context"], by: caller) }
    }

    /// A withdrawal the agent heard (phone, desk), recorded with who and when.
    @Sendable func withdraw(_ request: Request, _ context: WebContext) async throws -> Response {
        try await heard(request, context) { record, id, form, caller in
            let purposes = form.all("purpose").compactMap(Purpose.init(rawValue:))
            try record.withdraw(contactID: id, purposes: purposes.isEmpty ? Purpose.allCases : purposes, heard: form["context"], by: caller)
        }
    }

    /// The office's wordings (a new version when changed) and its partners.
    @Sendable func settings(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let use = ConsentSettings(desk: services.consent)
        try await services.blocking.run {
            try use.save(ownWording: form["own"], partnersWording: form["partnersWording"], partners: form["partners"] ?? "",
                         partnerOffices: form.all("partnerOffice").compactMap { Int64($0) }, by: caller)
        }
        return Pages.redirect("/admin?ok=consent#consent")
    }

    /// A person's act from a signed link (`body` gets the token, their address and browser), on the
    /// blocking pool, then a page saying it is done (French, English).
    private func act(_ request: Request, _ context: WebContext, done message: (fr: String, en: String),
                     _ body: @escaping @Sendable (String, String?, String?) throws -> Void) async throws -> Response {
        let token = try context.parameters.require("token")
        let (ip, agent) = (services.clientAddress(request, peer: context.remoteAddress), request.headers[.userAgent])
        try await services.blocking.run { try body(token, ip, agent) }
        let text = context.language == .en ? message.en : message.fr
        return try await page("consent-done", context) { ["message": text] }
    }

    /// What an agent heard about a contact of the office, recorded, then back to the contact's consent.
    private func heard(_ request: Request, _ context: WebContext,
                       _ body: @escaping @Sendable (ConsentRecord, Int64, Form, Caller) throws -> Void) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let form = try await Form.read(request, context: context)
        let record = services.consentRecord
        try await services.blocking.run { try body(record, id, form, caller) }
        return Pages.redirect("/contacts/\(id)#consentement")
    }

    private func page(_ template: String, _ context: WebContext, _ data: @escaping @Sendable () -> [String: Any]) async throws -> Response {
        try await services.blocking.run { [services] in
            try Pages.render(services, template, title: context.text("consentTitle"), context: context, data: data())
        }
    }
}
