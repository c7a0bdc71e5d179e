import CRM
import Consent
import Foundation
import Hummingbird
import Workflows

/// Requests: the counter form, the list, a request's page with its reply, the JSON API.
struct RequestController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/requests", .signedIn, use: list)
        routes.add(.get, "/requests/new", .signedIn, use: newForm)
        routes.add(.post, "/requests", .signedIn, use: create)
        routes.add(.get, "/requests/{requestID}", .signedIn, objects: ["requestID": .request], use: show)
        routes.add(.post, "/requests/{requestID}/reply", .signedIn, objects: ["requestID": .request], use: replyForm)
        routes.add(.get, "/requests/{requestID}/letter.pdf", .signedIn, objects: ["requestID": .request], use: letter)
        routes.add(.post, "/requests/{requestID}/replies/{messageID}/resend", .signedIn, objects: ["requestID": .request, "messageID": .message],
                   use: resend)
        routes.add(.get, "/api/requests", .signedIn, use: apiList)
        routes.add(.post, "/api/entries", .signedIn, use: apiEntry)
        routes.add(.get, "/api/requests/{requestID}", .signedIn, objects: ["requestID": .request], use: apiShow)
        routes.add(.post, "/api/requests/{requestID}/reply", .signedIn, objects: ["requestID": .request], use: apiReply)
    }

    /// The desk's form (or a device's entry, with its fields) recorded: the request, its contact and
    /// basket in one transaction, then the consent asked for the boxes ticked (a confirmation
    /// email, nothing more until the person confirms). An entry sent again is not recorded twice.
    static func record(_ form: Form, entryID: String?, by caller: Caller, _ services: GuichetServices) throws -> RecordRequest.Output {
        var input = try CounterForm(form).input(criteria: try services.requestDesk.criteria(by: caller))
        input.request.entryID = entryID
        let saved = try services.recordRequest.run(input, by: caller)
        let purposes = form.all("consent").compactMap(Purpose.init(rawValue:))
        if !saved.replayed, let contact = saved.contact, !purposes.isEmpty {
            let channels = form.all("consentChannel").compactMap(Channel.init(rawValue:))
            _ = try services.askConsent.run(contactID: contact.id, purposes: purposes, channels: channels.isEmpty ? [.email] : channels,
                                            mode: CollectionMode(input.request.contactMode), context: nil, by: caller)
        }
        return saved
    }

    /// `POST /api/entries`: an entry made on a device, offline at a fair or on a beach, sent when
    /// the network returns — the desk form's fields and the id the device gave it. Recorded once
    /// per id: 201 the first time, 200 with `replayed` after; 422 with the field and the reason
    /// when it is refused (the device keeps it, editable).
    @Sendable func apiEntry(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        var request = request
        let body = try await request.collectBody(upTo: Self.maxEntry)
        let entry: DeskEntry
        do { entry = try JSONDecoder().decode(DeskEntry.self, from: Data(body.readableBytesView)) } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: JSON.explain(error))
        }
        guard Self.validEntryID(entry.entryId) != nil else {
            throw HTTPError(.badRequest, message: "entryId : de 8 à 64 lettres, chiffres, - ou _ (un identifiant fait par l'appareil)")
        }
        let form = entry.form
        let services = services
        let saved = try await services.blocking.run { try Self.record(form, entryID: entry.entryId, by: caller, services) }
        return try JSON.response(EntryResult(entryId: entry.entryId, requestId: saved.request.id, replayed: saved.replayed),
                                 status: saved.replayed ? .ok : .created)
    }

    static let entryIDCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    /// An entry's id as a device or the desk form made it: 8 to 64 letters, digits, - or _.
    static func validEntryID(_ text: String) -> String? {
        (8...64).contains(text.count) && text.unicodeScalars.allSatisfy(entryIDCharacters.contains) ? text : nil
    }

    /// A device's entry is a desk form's worth of fields.
    static let maxEntry = 64 * 1024

    @Sendable func list(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        return try await services.blocking.run { [services] in
            let rows = try services.requestDesk.list(by: caller).map { RequestPages.row($0, context.language) }
            return try Pages.render(services, "requests", title: context.text("requests"), context: context, data: ["requests": rows])
        }
    }

    static let pointCookie = "guichet_point"

    @Sendable func newForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let point = request.cookies[Self.pointCookie]?.value.removingPercentEncoding
        return try await services.blocking.run { [services] in
            try Pages.render(services, "request-new", title: context.text("newRequest"), context: context,
                             data: try RequestPages.formData(caller, context.language, services, point: point))
        }
    }

    /// The counter form: the visitor, the request, the agent's draft basket, recorded together.
    /// A refusal shows the form again with what was typed and the error under its field.
    @Sendable func create(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        return try await services.blocking.run { [services] in
            // The form's own id: sent twice (a double click, a balancer trying it again on another
            // node), it is recorded once and both answers lead to it.
            let entryID = form["entryId"].flatMap(Self.validEntryID)
            do {
                let saved = try Self.record(form, entryID: entryID, by: caller, services)
                var response = Pages.redirect("/requests/\(saved.request.id)")
                // The reception point is remembered for this browser's next request.
                if let point = saved.request.receptionPoint {
                    response.setCookie(Cookie(name: Self.pointCookie, value: point.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                                              maxAge: 180 * 86400, path: "/", secure: services.secureCookies, httpOnly: true, sameSite: .lax))
                }
                return response
            } catch let error as CRMError {
                guard case let .invalid(field, reason) = error else { throw error }
                var data = try RequestPages.formData(caller, context.language, services)
                if let entryID { data["entryId"] = entryID }
                let message = "\(FieldNames.french(field)) : \(reason)."
                // Next to its field when the form has it, else at the top.
                let key = field.replacingOccurrences(of: ".", with: "_")
                if CounterForm.fieldsWithErrorSlot.contains(key) { data["errors"] = [key: message] } else { data["error"] = message }
                data["form"] = Dictionary(form.pairs.map { ($0.0.replacingOccurrences(of: ".", with: "_"), $0.1) }, uniquingKeysWith: { a, _ in a })
                return try Pages.render(services, "request-new", title: context.text("newRequest"), context: context, data: data,
                                        status: .unprocessableContent)
            }
        }
    }

    @Sendable func show(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("requestID", as: Int64.self)
        let shown = request.uri.queryParameters.get("reply").flatMap { Int64($0) }
        return try await services.blocking.run { [services] in
            var data = try RequestPages.page(id, caller, context.language, services)
            if let shown, let entry = try? services.requestDesk.reply(shown, ofRequest: id, by: caller) {
                data["replyOutcome"] = DeskLabels.replyOutcome(entry, context.language)
                data["replyOutcomeOK"] = entry.state == .sent
            }
            return try Pages.render(services, "request", title: "\(context.text("request")) \(id)", context: context, data: data)
        }
    }

    /// The letter for a reply by post, for a window envelope.
    @Sendable func letter(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("requestID", as: Int64.self)
        let use = PostalLetter(crm: services.crm, brochures: services.brochures)
        let pdf = try await services.blocking.draw { try use.pdf(requestID: id, by: caller) }
        return Download.pdf(pdf, name: "lettre-demande-\(id).pdf")
    }

    @Sendable func replyForm(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("requestID", as: Int64.self)
        let form = try await Form.read(request, context: context)
        let attach = form["attach"] == "on"
        // The text as the agent left it in the form (the draft when the form did not send one).
        let edited = form.sent("body").map { (subject: form.sent("subject") ?? "", body: $0) }
        let reply = services.reply
        let sent = try await services.blocking.draw(limited: false) { try reply.run(requestID: id, attachBasket: attach, edited: edited, by: caller) }
        // The outcome is shown at the top of the reply box, where the page opens.
        return Pages.redirect("/requests/\(id)?reply=\(sent.id)#reponse")
    }

    /// An interrupted or failed reply sent again by the agent who checked it.
    @Sendable func resend(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("requestID", as: Int64.self)
        let message = try context.parameters.require("messageID", as: Int64.self)
        let reply = services.reply, desk = services.requestDesk
        _ = try await services.blocking.draw(limited: false) {
            _ = try desk.reply(message, ofRequest: id, by: caller)  // another request's: 404
            return try reply.resend(outboxID: message, by: caller)
        }
        return Pages.redirect("/requests/\(id)#reponse")
    }

    @Sendable func apiList(_ request: Request, _ context: WebContext) async throws -> Response {
        try await services.json(context) { services, caller in try services.requestDesk.requests(by: caller) }
    }

    @Sendable func apiShow(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("requestID", as: Int64.self)
        return try await services.json(context) { services, caller in try services.requestDesk.request(id: id, by: caller) }
    }

    @Sendable func apiReply(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("requestID", as: Int64.self)
        let input = try await JSON.decode(ReplyInput.self, from: request, context: context)
        let caller = try context.requireCaller()
        let reply = services.reply
        let status = try await services.blocking.draw(limited: false) {
            ReplyStatus(try reply.run(requestID: id, attachBasket: input.attachBasket ?? true, by: caller))
        }
        return try JSON.response(status, status: .accepted)
    }
}

struct ReplyInput: Codable, Sendable { var attachBasket: Bool? }

struct ReplyStatus: Codable, Sendable {
    var id: Int64
    var state: String
    var recipient: String
    var attachments: [String]
    var error: String?

    init(_ e: OutboxEntry) {
        id = e.id; state = e.state.rawValue; recipient = e.recipient; attachments = e.attachments.map(\.fileName); error = e.lastError
    }
}

/// An entry made on a device: its id and the desk form's fields (a box ticked several times, such
/// as `theme` or `consent`, as a list).
struct DeskEntry: Decodable, Sendable {
    var entryId: String
    var fields: [String: Value]

    enum Value: Decodable, Sendable {
        case one(String)
        case many([String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { self = .many(list); return }
            self = .one(try container.decode(String.self))
        }
    }

    var form: Form {
        var form = Form("")
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            switch value {
            case let .one(text): form.append(name, text)
            case let .many(list): for text in list { form.append(name, text) }
            }
        }
        return form
    }
}

struct EntryResult: Codable, Sendable {
    var entryId: String
    var requestId: Int64
    var replayed: Bool
}
