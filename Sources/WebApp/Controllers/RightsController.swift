import CRM
import Foundation
import Hummingbird
import Workflows

/// A person's rights from their contact page (office admins): the export of everything the office
/// holds, the erasure; and the office's audit log.
struct RightsController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/contacts/{contactID}/export", .officeAdmin, objects: ["contactID": .contact], use: export)
        routes.add(.post, "/contacts/{contactID}/erase", .officeAdmin, objects: ["contactID": .contact], use: erase)
        routes.add(.get, "/admin/audit", .officeAdmin, use: audit)
        routes.add(.get, "/admin/audit.csv", .officeAdmin, use: auditCSV)
    }

    var rights: PersonRights { PersonRights(desk: services.consent) }

    @Sendable func export(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let use = rights
        let (name, zip) = try await services.blocking.run { try use.export(contactID: id, by: caller) }
        return Download.file(zip, type: "application/zip", name: name, inline: false)
    }

    /// The erasure asks the admin to type the word shown, so a stray click erases nothing.
    @Sendable func erase(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("contactID", as: Int64.self)
        let form = try await Form.read(request, context: context)
        let use = rights
        let confirmed = ["effacer", "erase"].contains(form["confirm"]?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
        _ = try await services.blocking.run {
            guard confirmed else {
                _ = try use.person(contactID: id, by: caller)  // another office's: 404 first
                throw CRMError.invalid(field: "confirm", reason: "tapez EFFACER pour confirmer l'effacement")
            }
            return try use.erase(contactID: id, by: caller)
        }
        return Pages.redirect("/admin/audit?action=contact.erase")
    }

    @Sendable func audit(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let filter = try Self.filter(request)
        let trail = AuditTrail(crm: services.crm), language = context.language
        return try await services.blocking.run { [services] in
            let entries = try trail.entries(filter, by: caller)
            return try Pages.render(services, "audit", title: context.text("auditLog"), context: context, data: [
                "entries": entries.map { e -> [String: Any] in
                    ["at": e.at.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().second().locale(language.locale)),
                     "user": e.userName, "role": DeskLabels.role(e.role, language), "action": AuditLabels.action(e.action, language),
                     "contactID": e.contactID.map(String.init) ?? "", "objectID": e.objectID.map(String.init) ?? "", "detail": e.detail ?? ""]
                },
                "actions": AuditEntry.Action.allCases.map { ["value": $0.rawValue, "label": AuditLabels.action($0, language), "selected": $0 == filter.action] },
                "userFilter": filter.userName ?? "", "contactFilter": filter.contactID.map(String.init) ?? "",
                "fromFilter": request.uri.queryParameters.get("from") ?? "", "toFilter": request.uri.queryParameters.get("to") ?? "",
                "query": request.uri.query ?? "",
            ])
        }
    }

    @Sendable func auditCSV(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        var wide = try Self.filter(request)
        wide.limit = 10_000
        let filter = wide, trail = AuditTrail(crm: services.crm)
        let csv = try await services.blocking.run {
            try SpreadsheetTable.csv(header: ["date", "utilisateur", "role", "action", "contact", "objet", "detail"], rows: try trail.entries(filter, by: caller).map {
                [$0.at.formatted(.iso8601), $0.userName, $0.role.rawValue, $0.action.rawValue, $0.contactID.map(String.init) ?? "",
                 $0.objectID.map(String.init) ?? "", $0.detail ?? ""]
            })
        }
        return Download.csv(csv, name: "journal-audit.csv")
    }

    static func filter(_ request: Request) throws -> AuditFilter {
        let query = request.uri.queryParameters
        func day(_ name: String) throws -> Date? {
            guard let text = query.get(name), !text.isEmpty else { return nil }
            guard let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { throw CRMError.invalid(field: name, reason: "une date AAAA-MM-JJ") }
            return date
        }
        var filter = AuditFilter(action: query.get("action").flatMap(AuditEntry.Action.init(rawValue:)),
                                 userName: query.get("user").flatMap { $0.isEmpty ? nil : $0 }, contactID: query.get("contact").flatMap { Int64($0) },
                                 from: try day("from"), to: try day("to"))
        if let to = filter.to { filter.to = to.addingTimeInterval(86400) }  // the day given, included
        return filter
    }
}
