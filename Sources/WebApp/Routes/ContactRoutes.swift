import CRM
import Foundation
import Hummingbird

extension GuichetServer {
    func addContactRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact]) { _, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("contactID", as: Int64.self)
            let c = try self.services.crm.contact(id: id, by: caller)
            let requests = try self.services.crm.requests(contactID: id, by: caller).map { try self.requestRow($0, caller, context.language) }
            let replies = try self.services.crm.requests(contactID: id, by: caller).flatMap { try self.services.crm.outbox(requestID: $0.id, by: caller) }
                .map { ["subject": $0.subject, "state": DeskLabels.outbox($0.state, context.language), "date": Self.day($0.createdAt, context.language)] }
            let duplicates = try self.services.crm.duplicates(of: id, by: caller).map {
                ["id": $0.id, "name": $0.displayName, "email": $0.email ?? "", "postalCode": $0.postalCode ?? ""] as [String: Any]
            }
            let identity: [String: Any] = [
                "id": c.id, "name": c.displayName, "civility": c.civility ?? "", "email": c.email ?? "", "phone": c.phone ?? c.mobile ?? "",
                "address": [c.address, [c.postalCode, c.commune].compactMap { $0 }.joined(separator: " "), c.country].compactMap { $0 }
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                "language": c.language ?? "", "notes": c.notes ?? "",
                "kind": c.kind == .professional ? (context.language == .fr ? "Professionnel" : "Professional") : (context.language == .fr ? "Particulier" : "Individual"),
            ]
            return try Pages.render(self.services, "contact", title: c.displayName, context: context,
                                    data: ["contact": Self.nonEmpty(identity), "requests": requests, "replies": replies, "duplicates": duplicates])
        }

        routes.add(.post, "/contacts/{contactID}/merge", .signedIn, objects: ["contactID": .contact]) { request, context in
            let caller = try context.requireCaller()
            let kept = try context.parameters.require("contactID", as: Int64.self)
            _ = try self.services.crm.contact(id: kept, by: caller)  // another office's contact: 404 before anything else
            guard let duplicate = try await Form.read(request, context: context).int("duplicate") else {
                throw HTTPError(.unprocessableContent, message: "Choisissez le doublon à fusionner.")
            }
            _ = try self.services.crm.merge(Int64(duplicate), into: kept, by: caller)
            return Pages.redirect("/contacts/\(kept)")
        }

        routes.add(.get, "/api/contacts/{contactID}", .signedIn, objects: ["contactID": .contact]) { _, context in
            try JSON.response(try self.services.crm.contact(id: try context.parameters.require("contactID", as: Int64.self), by: try context.requireCaller()))
        }

        routes.add(.get, "/api/contacts/{contactID}/duplicates", .signedIn, objects: ["contactID": .contact]) { _, context in
            try JSON.response(try self.services.crm.duplicates(of: try context.parameters.require("contactID", as: Int64.self), by: try context.requireCaller()))
        }
    }

    func addStatsRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/stats", .anySignedIn) { request, context in
            let stats = try self.statistics(request, context)
            let table = { (counts: [Statistics.Count]) in counts.map { ["key": $0.key, "count": $0.count] as [String: Any] } }
            let themeLabels = Dictionary(uniqueKeysWithValues: try self.services.crm.themes().map { ($0.key, $0.label) })
            let modeLabels = Dictionary(uniqueKeysWithValues: InformationRequest.ContactMode.allCases.map { ($0.rawValue, DeskLabels.mode($0, context.language)) })
            let labelled = { (counts: [Statistics.Count], labels: [String: String]) in
                counts.map { ["key": labels[$0.key] ?? $0.key, "count": $0.count] as [String: Any] }
            }
            return try Pages.render(self.services, "stats", title: context.text("stats"), context: context, data: [
                "summary": DeskLabels.statsSummary(requests: stats.requests, qualified: stats.qualified, rate: stats.qualificationRate,
                                                   meets: stats.qualificationRate >= Statistics.qualificationTarget, context.language),
                "modes": labelled(stats.byContactMode, modeLabels),
                "countries": table(stats.byOriginCountry), "departments": table(Array(stats.byOriginDepartment.prefix(15))),
                "themes": labelled(stats.byTheme, themeLabels), "query": request.uri.query ?? "",
            ])
        }
        routes.add(.get, "/stats.csv", .anySignedIn) { request, context in
            Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"statistiques.csv\""],
                     body: .init(byteBuffer: ByteBuffer(string: try self.statistics(request, context).csv())))
        }
        routes.add(.get, "/stats/months.svg", .anySignedIn) { request, context in
            Self.svg(StatisticsChart.months(try self.statistics(request, context).byMonth))
        }
        routes.add(.get, "/stats/themes.svg", .anySignedIn) { request, context in
            Self.svg(StatisticsChart.bars(try self.statistics(request, context).byTheme))
        }
        routes.add(.get, "/api/stats", .anySignedIn) { request, context in
            let s = try self.statistics(request, context)
            return try JSON.response(StatsView(requests: s.requests, qualified: s.qualified, qualificationRate: s.qualificationRate,
                                               byMonth: s.byMonth.map { .init(key: $0.key, count: $0.count) },
                                               byTheme: s.byTheme.map { .init(key: $0.key, count: $0.count) },
                                               byContactMode: s.byContactMode.map { .init(key: $0.key, count: $0.count) }))
        }
    }

    /// The caller's office, or the region for the regional admin; `from`/`to` as YYYY-MM-DD.
    func statistics(_ request: Request, _ context: WebContext) throws -> Statistics {
        let caller = try context.requireCaller()
        func day(_ name: String) throws -> Date? {
            guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
            guard let date = ISO8601DateFormatter().date(from: text + "T00:00:00Z") else { throw HTTPError(.badRequest, message: "\(name) : date AAAA-MM-JJ attendue") }
            return date
        }
        return try services.crm.statistics(from: try day("from"), to: try day("to"), by: caller)
    }

    static func svg(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

struct StatsView: Codable, Sendable {
    struct Count: Codable, Sendable { var key: String; var count: Int }
    var requests: Int
    var qualified: Int
    var qualificationRate: Double
    var byMonth: [Count]
    var byTheme: [Count]
    var byContactMode: [Count]
}
