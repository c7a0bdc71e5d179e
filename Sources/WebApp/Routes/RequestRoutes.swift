import CRM
import Foundation
import Hummingbird
import Mail
import Workflows

extension GuichetServer {
    func addRequestRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/requests", .signedIn) { _, context in
            let caller = try context.requireCaller()
            let rows = try self.services.crm.requests(contactID: nil, by: caller).prefix(200).map { try self.requestRow($0, caller, context.language) }
            return try Pages.render(self.services, "requests", title: context.text("requests"), context: context, data: ["requests": rows])
        }

        routes.add(.get, "/requests/new", .signedIn) { _, context in
            let caller = try context.requireCaller()
            return try Pages.render(self.services, "request-new", title: context.text("newRequest"), context: context, data: try self.requestFormData(caller, context.language))
        }

        routes.add(.post, "/requests", .signedIn) { request, context in
            let caller = try context.requireCaller()
            let form = try await Form.read(request, context: context)
            let saved: InformationRequest
            do {
                saved = try self.recordRequest(form, by: caller)
            } catch let error as CRMError {
                guard case let .invalid(field, reason) = error else { throw error }
                var data = try self.requestFormData(caller, context.language)
                let message = "\(FieldNames.french(field)) : \(reason)."
                // Next to its field when the form has it, else at the top.
                let key = field.replacingOccurrences(of: ".", with: "_")
                if Self.fieldsWithErrorSlot.contains(key) { data["errors"] = [key: message] } else { data["error"] = message }
                data["form"] = Dictionary(form.pairs.map { ($0.0.replacingOccurrences(of: ".", with: "_"), $0.1) }, uniquingKeysWith: { a, _ in a })
                return try Pages.render(self.services, "request-new", title: context.text("newRequest"), context: context, data: data, status: .unprocessableContent)
            }
            return Pages.redirect("/requests/\(saved.id)")
        }

        routes.add(.get, "/requests/{requestID}", .signedIn, objects: ["requestID": .request]) { _, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("requestID", as: Int64.self)
            return try Pages.render(self.services, "request", title: "\(context.text("request")) \(id)", context: context, data: try self.requestPage(id, caller, context.language))
        }

        routes.add(.post, "/requests/{requestID}/reply", .signedIn, objects: ["requestID": .request]) { request, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("requestID", as: Int64.self)
            let form = try await Form.read(request, context: context)
            _ = try self.reply(to: id, attachBasket: form["attach"] == "on", by: caller)
            return Pages.redirect("/requests/\(id)#reponse")
        }

        routes.add(.get, "/api/requests", .signedIn) { _, context in
            try JSON.response(try self.services.crm.requests(contactID: nil, by: try context.requireCaller()))
        }

        routes.add(.get, "/api/requests/{requestID}", .signedIn, objects: ["requestID": .request]) { _, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("requestID", as: Int64.self)
            return try JSON.response(try self.services.crm.request(id: id, by: caller))
        }

        routes.add(.post, "/api/requests/{requestID}/reply", .signedIn, objects: ["requestID": .request]) { request, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("requestID", as: Int64.self)
            let input = try await JSON.decode(ReplyInput.self, from: request, context: context)
            let entry = try self.reply(to: id, attachBasket: input.attachBasket ?? true, by: caller)
            return try JSON.response(ReplyStatus(entry), status: .accepted)
        }
    }

    /// Writes the reply to the outbox, then sends it when an SMTP server is configured.
    func reply(to requestID: Int64, attachBasket: Bool, by caller: Caller) throws -> OutboxEntry {
        let workflow = ReplyWorkflow(crm: services.crm, brochures: services.brochures)
        let request = try services.crm.request(id: requestID, by: caller)
        if attachBasket, try services.crm.baskets(requestID: requestID, by: caller).isEmpty {
            throw HTTPError(.unprocessableContent, message: "Cette demande n'a pas de panier à joindre.")
        }
        let entry = try workflow.write(requestID: request.id, attachBasket: attachBasket, by: caller)
        guard let smtp = services.smtp else { return entry }
        _ = try workflow.send(entry, transport: SMTPTransport(smtp), from: smtp.from, by: caller)
        return try services.crm.outboxEntry(id: entry.id, by: caller)
    }

    /// A request from the counter form; the agent's draft basket goes with it.
    func recordRequest(_ form: Form, by caller: Caller) throws -> InformationRequest {
        var contactID: Int64?
        if form["email"] != nil || form["lastName"] != nil {
            let contact = try services.crm.addContact(Contact(
                kind: form["company"] == nil ? .individual : .professional, company: form["company"], civility: form["civility"],
                firstName: form["firstName"], lastName: form["lastName"], email: form["email"], phone: form["phone"],
                postalCode: form["postalCode"], commune: form["commune"], country: form["country"], language: form["language"]), by: caller)
            contactID = contact.id
        }
        guard let mode = InformationRequest.ContactMode(rawValue: form["contactMode"] ?? "guichet") else {
            throw CRMError.invalid(field: "contactMode", reason: "mode de contact inconnu")
        }
        let party = InformationRequest.Party(size: form.int("partySize"), kind: form["partyKind"].flatMap(InformationRequest.Party.Kind.init(rawValue:)))
        let stay = InformationRequest.Stay(from: form["stayFrom"], to: form["stayTo"], nights: form.int("nights"), zone: form["zone"],
                                           accommodation: form["accommodation"])
        var extra: [String: String] = [:]
        for criterion in try services.crm.criteria(by: caller) { if let value = form["extra." + criterion.name] { extra[criterion.name] = value } }
        let request = try services.crm.addRequest(InformationRequest(
            contactID: contactID, contactMode: mode, responseMode: form["responseMode"].flatMap(InformationRequest.ContactMode.init(rawValue:)),
            subject: form["subject"], stay: stay == InformationRequest.Stay() ? nil : stay,
            party: party.size == nil && party.kind == nil ? nil : party, originDepartment: form["department"],
            originCountry: form["country"], themes: form.all("theme"), extra: extra, notes: form["notes"]), by: caller)
        if caller.userID != nil {
            var draft = try services.crm.draftBasket(by: caller)
            if !draft.recordIDs.isEmpty {
                draft.requestID = request.id
                _ = try services.crm.saveBasket(draft, by: caller)
            }
        }
        return request
    }

    func requestFormData(_ caller: Caller, _ language: UILanguage) throws -> [String: Any] {
        let themes = try services.crm.themes().map { theme in
            ["key": theme.key, "label": theme.label, "subThemes": theme.subThemes.map { ["key": "\(theme.key)/\($0.key)", "label": $0.label] }] as [String: Any]
        }
        let criteria = try services.crm.criteria(by: caller).map { c in
            ["name": c.name, "choices": c.choices.map { ["value": $0] }, "free": c.choices.isEmpty] as [String: Any]
        }
        let draft = caller.userID == nil ? nil : try services.crm.draftBasket(by: caller)
        return [
            "themes": themes, "criteria": criteria, "hasCriteria": !criteria.isEmpty, "basketCount": draft?.recordIDs.count ?? 0,
            "modes": InformationRequest.ContactMode.allCases.map {
                ["value": $0.rawValue, "label": DeskLabels.mode($0, language), "checked": $0 == .counter] as [String: Any]
            },
            "parties": InformationRequest.Party.Kind.allCases.map { ["value": $0.rawValue, "label": DeskLabels.party($0, language)] },
            "countries": DeskLabels.countries.map { ["code": $0.code, "label": language == .fr ? $0.fr : $0.en] },
        ]
    }

    func requestRow(_ r: InformationRequest, _ caller: Caller, _ language: UILanguage) throws -> [String: Any] {
        let contact = try r.contactID.map { try services.crm.contact(id: $0, by: caller) }
        return ["id": r.id, "date": Self.day(r.date, language), "contact": contact?.displayName ?? DeskLabels.anonymous(language),
                "contactID": r.contactID as Any, "mode": DeskLabels.mode(r.contactMode, language), "subject": r.subject ?? "",
                "status": DeskLabels.status(r.status, language), "agent": r.agent]
    }

    func requestPage(_ id: Int64, _ caller: Caller, _ language: UILanguage) throws -> [String: Any] {
        let r = try services.crm.request(id: id, by: caller)
        let contact = try r.contactID.map { try services.crm.contact(id: $0, by: caller) }
        let basket = try services.crm.baskets(requestID: id, by: caller).first
        let names = try basket.map { try services.records.summaries(ids: $0.recordIDs).map { ["id": $0.id, "name": $0.name] } } ?? []
        let template = try services.crm.replyTemplate(by: caller)
        let office = try services.office(of: caller)
        let preview = template.compose(contact: contact, recordNames: names.compactMap { $0["name"] as? String }, office: office.name, agent: caller.userName)
        let replies = try services.crm.outbox(requestID: id, by: caller).map { e -> [String: Any] in
            ["id": e.id, "subject": e.subject, "recipient": e.recipient, "state": DeskLabels.outbox(e.state, language), "stateCode": e.state.rawValue,
             "error": e.lastError ?? "", "attachments": e.attachments.map { ["name": $0.fileName, "size": "\($0.data.count / 1024) Ko"] }]
        }
        var data = try requestRow(r, caller, language)
        data["request"] = Self.nonEmpty([
            "themes": try Self.themeLabels(r.themes, services.crm.themes()).joined(separator: ", "),
            "party": [r.party?.size.map { "\($0) pers." }, r.party?.kind.map { DeskLabels.party($0, language) }].compactMap { $0 }.joined(separator: ", "),
            "origin": [r.originDepartment, r.originCountry].compactMap { $0 }.joined(separator: ", "),
            "stay": [r.stay?.from, r.stay?.to, r.stay?.nights.map { "\($0) \(language == .fr ? "nuits" : "nights")" }, r.stay?.zone]
                .compactMap { $0 }.joined(separator: " · "),
            "notes": r.notes ?? "", "qualified": Statistics.isQualified(r),
        ])
        if r.subject?.isEmpty ?? true { data["subject"] = nil }
        data["contactEmail"] = contact?.email ?? ""
        data["records"] = names
        data["hasBasket"] = !names.isEmpty
        data["replyPreview"] = ["subject": preview.subject, "body": preview.body]
        data["replies"] = replies
        data["canReply"] = contact?.email != nil
        data["smtpMissing"] = services.smtp == nil
        return data
    }

    static func day(_ date: Date, _ language: UILanguage = .fr) -> String {
        date.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().locale(language.locale))
    }

    /// "nature/randonnee" → "Nature et paysages / Randonnée", from the regional list.
    static func themeLabels(_ keys: [String], _ themes: [Theme]) -> [String] {
        keys.map { key in
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard let theme = themes.first(where: { $0.key == parts.first }) else { return key }
            guard parts.count == 2 else { return theme.label }
            return theme.label + " / " + (theme.subThemes.first { $0.key == parts[1] }?.label ?? parts[1])
        }
    }

    /// Without its empty texts, so that `{{#field}}` sections hide what the request does not say.
    static func nonEmpty(_ values: [String: Any]) -> [String: Any] {
        values.filter { ($0.value as? String).map { !$0.isEmpty } ?? true }
    }

    /// Fields of the counter form that show their own error under them.
    static let fieldsWithErrorSlot: Set<String> = ["email", "party_size", "stay_nights", "themes", "contactMode"]

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
