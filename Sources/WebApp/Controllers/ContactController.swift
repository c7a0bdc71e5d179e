import CRM
import Foundation
import Hummingbird
import Workflows

/// A contact's page with its requests, replies and duplicates; merging duplicates.
struct ContactController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/contacts", .signedIn, use: list)
        routes.add(.get, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: show)
        routes.add(.post, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: edit)
        routes.add(.post, "/contacts/{contactID}/merge", .signedIn, objects: ["contactID": .contact], inputs: ["duplicate": .contact], use: merge)
        routes.add(.get, "/api/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: apiShow)
        routes.add(.get, "/api/contacts/{contactID}/duplicates", .signedIn, objects: ["contactID": .contact], use: apiDuplicates)
    }

    /// The office's contacts: a search, filters (kind, theme, last interaction, consent), pages of 50.
    @Sendable func list(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let input = QueryInput(request)
        let text = try input.text("q", max: 100)
        let kind = try input.choice("kind", in: ["", "B2C", "B2B"]).flatMap(Contact.Kind.init(rawValue:))
        let theme = try input.text("theme", max: 80).flatMap { $0.isEmpty ? nil : $0 }
        let since = try input.day("since", emptyIsAbsent: true).map { Date(timeIntervalSince1970: Double($0.daysSinceEpoch) * 86400) }
        let filter = ContactFilter(text: text, kind: kind, theme: theme, interactedSince: since, page: try input.int("page", in: 1...100_000) ?? 1)
        let consent = try input.choice("consent", in: [""] + ContactList.ConsentChoice.allCases.map(\.rawValue)).flatMap(ContactList.ConsentChoice.init)
        let language = context.language
        let list = ContactList(desk: services.consent)
        return try await services.blocking.run { [services] in
            let (contacts, total) = try list.page(filter, consent: consent, by: caller)
            let pages = max(1, (total + filter.pageSize - 1) / filter.pageSize)
            var query = request.uri.queryParameters.filter { $0.key != "page" }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
            if !query.isEmpty { query += "&" }
            let themes = try list.themes().flatMap { t in
                [["key": t.key, "label": t.label, "selected": t.key == theme]] + t.subThemes.map { s in
                    ["key": "\(t.key)/\(s.key)", "label": "\(t.label) › \(s.label)", "selected": "\(t.key)/\(s.key)" == theme]
                }
            }
            // Homonyms on the page: each shows its commune and e-mail (already in the row), and the likely
            // duplicates (same names, and same postal code or no way to tell them apart) are flagged.
            func names(_ c: Contact) -> String { [c.lastName, c.firstName].compactMap { $0?.lowercased() }.joined(separator: " ") }
            let homonyms = Dictionary(grouping: contacts.filter { !names($0).isEmpty }, by: names).filter { $0.value.count > 1 }
            return try Pages.render(services, "contacts", title: context.text("contactsTitle"), context: context, data: [
                "contacts": contacts.map { c -> [String: Any] in
                    let others = homonyms[names(c)]?.filter { $0.id != c.id } ?? []
                    let duplicate = others.contains { $0.postalCode == c.postalCode || $0.postalCode == nil || c.postalCode == nil
                        || ($0.email != nil && $0.email == c.email) }
                    return ["id": c.id, "name": c.displayName, "email": c.email ?? "", "place": [c.postalCode, c.commune].compactMap { $0 }.joined(separator: " "),
                            "kind": c.kind == .professional ? context.text("professional") : context.text("individual"),
                            "last": RequestPages.day(c.lastInteractionAt ?? c.createdAt, language), "homonym": !others.isEmpty, "duplicate": duplicate]
                },
                "total": total, "q": text ?? "", "themes": themes, "since": request.uri.queryParameters.get("since") ?? "",
                "kindB2C": kind == .individual, "kindB2B": kind == .professional,
                "consentChoices": ContactList.ConsentChoice.allCases.map { c in
                    ["value": c.rawValue, "label": context.text("contactsConsent_\(c.rawValue)"), "selected": c == consent]
                },
                "page": filter.page, "pages": pages, "previous": filter.page > 1 ? "?\(query)page=\(filter.page - 1)" : "",
                "next": filter.page < pages ? "?\(query)page=\(filter.page + 1)" : "",
            ])
        }
    }

    @Sendable func show(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let page = ContactPage(desk: services.consent)
        return try await services.blocking.run { [services] in
            let contents = try page.load(contactID: id, by: caller)
            let c = contents.contact
            let duplicates = contents.duplicates.map {
                ["id": $0.id, "name": $0.displayName, "email": $0.email ?? "", "postalCode": $0.postalCode ?? ""] as [String: Any]
            }
            let identity: [String: Any] = [
                "id": c.id, "name": c.displayName, "civility": c.civility ?? "", "email": c.email ?? "", "phone": c.phone ?? c.mobile ?? "",
                "address": [c.address, [c.postalCode, c.commune].compactMap { $0 }.joined(separator: " "), c.country].compactMap { $0 }
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                "language": c.language ?? "", "notes": c.notes ?? "", "category": c.category ?? "", "website": c.website ?? "",
                "kind": c.kind == .professional ? (context.language == .fr ? "Professionnel" : "Professional") : (context.language == .fr ? "Particulier" : "Individual"),
            ]
            var data: [String: Any] = ["contact": RequestPages.nonEmpty(identity), "duplicates": duplicates]
            if let consent = contents.consent { data["consent"] = ConsentLabels.view(consent, context.language) }
            data["collectedBy"] = try services.officeNow(of: caller).name
            let language = context.language
            data["timeline"] = contents.timeline.prefix(200).map { moment -> [String: Any] in
                let when = moment.date.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().locale(language.locale))
                switch moment {
                case let .request(r, basket):
                    let records = basket.map { "\($0.recordIDs.count) " + context.text("records") } ?? ""
                    return ["at": when, "kind": "request", "label": context.text("timelineRequest"), "link": "/requests/\(r.id)",
                            "text": [DeskLabels.mode(r.contactMode, language), r.subject, records.hasPrefix("0") ? nil : records]
                                .compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " · ")]
                case let .message(m):
                    return ["at": when, "kind": "message", "label": context.text("timelineMessage"),
                            "text": "\(m.subject) (\(DeskLabels.outbox(m.state, language)))" + (m.attachments.isEmpty ? "" : " · 📎 \(m.attachments.count)")]
                case let .consent(e):
                    return ["at": when, "kind": "consent", "label": context.text("timelineConsent"),
                            "text": "\(ConsentLabels.kind(e.kind, language)) — \(ConsentLabels.purpose(e.purpose, language)) · \(ConsentLabels.channel(e.channel, language))"]
                }
            }
            data["apidae"] = contents.apidae.map { link -> [String: Any] in
                ["structure": link.structureID, "category": link.category, "at": RequestPages.day(link.syncedAt, context.language),
                 "left": link.leftAt != nil]
            }
            data["shares"] = contents.shares.map { share -> [String: Any] in
                ["office": share.office, "since": share.since.map { RequestPages.day($0, context.language) } ?? "",
                 "fields": share.fields.map { ["label": context.text($0.name == "notes" ? "misc" : $0.name), "value": $0.value] }]
            }
            var edit: [String: Any] = Dictionary(uniqueKeysWithValues: EditContact.fields.map { ($0.name, c[keyPath: $0.path] ?? "") })
            edit["professional"] = c.kind == .professional
            edit["categories"] = DeskLabels.categories(context.language)
            data["edit"] = edit
            if caller.role == .officeAdmin {
                let history: [[String: String]] = try ContactPage(desk: services.consent).history(contactID: id, by: caller).map {
                    ["at": RequestPages.day($0.at, context.language), "user": $0.userName, "action": AuditLabels.action($0.action, context.language),
                     "detail": $0.detail ?? ""]
                }
                data["history"] = history
                data["hasHistory"] = !history.isEmpty
            }
            return try Pages.render(services, "contact", title: c.displayName, context: context, data: data)
        }
    }

    /// Rectification: the office's profile corrected, the change in the audit log.
    @Sendable func edit(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let form = try await Form.read(request, context: context)
        let values = Dictionary(uniqueKeysWithValues: EditContact.fields.compactMap { field in form.sent(field.name).map { (field.name, $0) } })
        let use = EditContact(crm: services.crm)
        try await services.blocking.run { _ = try use.run(contactID: id, values: values, kind: form["kind"].flatMap(Contact.Kind.init(rawValue:)), by: caller) }
        return Pages.redirect("/contacts/\(id)")
    }

    @Sendable func merge(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let kept = try context.parameters.require("contactID", as: Int64.self)
        let duplicate = try await Form.read(request, context: context).int("duplicate")
        let use = services.mergeContacts
        try await services.blocking.run {
            guard let duplicate else {
                _ = try use.kept(kept, by: caller)  // another office's contact: 404 before anything else
                throw HTTPError(.unprocessableContent, message: "Choisissez le doublon à fusionner.")
            }
            _ = try use.run(Int64(duplicate), into: kept, by: caller)
        }
        return Pages.redirect("/contacts/\(kept)")
    }

    @Sendable func apiShow(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("contactID", as: Int64.self)
        return try await services.json(context) { services, caller in try ContactPage(desk: services.consent).contact(id: id, by: caller) }
    }

    @Sendable func apiDuplicates(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("contactID", as: Int64.self)
        return try await services.json(context) { services, caller in try ContactPage(desk: services.consent).duplicates(of: id, by: caller) }
    }
}
