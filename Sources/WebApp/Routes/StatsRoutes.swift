import CRM
import Foundation
import Hummingbird

extension GuichetServer {
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
