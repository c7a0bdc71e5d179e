import CRM
import Foundation
import Hummingbird
import Workflows

/// A contact's page with its requests, replies and duplicates; merging duplicates.
struct ContactController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: show)
        routes.add(.post, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: edit)
        routes.add(.post, "/contacts/{contactID}/merge", .signedIn, objects: ["contactID": .contact], inputs: ["duplicate": .contact], use: merge)
        routes.add(.get, "/api/contacts/{contactID}", .signedIn, objects: ["contactID": .contact], use: apiShow)
        routes.add(.get, "/api/contacts/{contactID}/duplicates", .signedIn, objects: ["contactID": .contact], use: apiDuplicates)
    }

    @Sendable func show(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let page = ContactPage(desk: services.consent)
        return try await services.blocking.run { [services] in
            let contents = try page.load(contactID: id, by: caller)
            let c = contents.contact
            let requests = try contents.requests.map { try RequestPages.row($0, caller, context.language, services) }
            let replies = contents.replies
                .map { ["subject": $0.subject, "state": DeskLabels.outbox($0.state, context.language), "date": RequestPages.day($0.createdAt, context.language)] }
            let duplicates = contents.duplicates.map {
                ["id": $0.id, "name": $0.displayName, "email": $0.email ?? "", "postalCode": $0.postalCode ?? ""] as [String: Any]
            }
            let identity: [String: Any] = [
                "id": c.id, "name": c.displayName, "civility": c.civility ?? "", "email": c.email ?? "", "phone": c.phone ?? c.mobile ?? "",
                "address": [c.address, [c.postalCode, c.commune].compactMap { $0 }.joined(separator: " "), c.country].compactMap { $0 }
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                "language": c.language ?? "", "notes": c.notes ?? "",
                "kind": c.kind == .professional ? (context.language == .fr ? "Professionnel" : "Professional") : (context.language == .fr ? "Particulier" : "Individual"),
            ]
            var data: [String: Any] = ["contact": RequestPages.nonEmpty(identity), "requests": requests, "replies": replies, "duplicates": duplicates]
            if let consent = contents.consent { data["consent"] = ConsentLabels.view(consent, context.language) }
            data["collectedBy"] = try services.officeNow(of: caller).name
            data["shares"] = contents.shares.map { share -> [String: Any] in
                ["office": share.office, "since": share.since.map { RequestPages.day($0, context.language) } ?? "",
                 "fields": share.fields.map { ["label": context.text($0.name == "notes" ? "misc" : $0.name), "value": $0.value] }]
            }
            data["edit"] = Dictionary(uniqueKeysWithValues: EditContact.fields.map { ($0.name, c[keyPath: $0.path] ?? "") })
                .merging(["professional": c.kind == .professional ? "1" : ""]) { a, _ in a }
            if caller.role == .officeAdmin {
                let history: [[String: String]] = try services.crm.audit.entries(AuditFilter(contactID: id, limit: 50), by: caller).filter { $0.action != .contactViewed }.map {
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
                _ = try use.crm.contacts.contact(id: kept, by: caller)  // another office's contact: 404 before anything else
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
        return try await services.json(context) { services, caller in try services.crm.contacts.duplicates(of: id, by: caller) }
    }
}
