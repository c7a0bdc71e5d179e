import CRM
import Foundation
import Hummingbird
import Records

/// Statistics of the caller's office, or of the region for the regional admin: page, CSV, charts, JSON.
struct StatisticsController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/stats", .anySignedIn, use: page)
        routes.add(.get, "/stats.csv", .anySignedIn, use: csv)
        routes.add(.get, "/stats/months.svg", .anySignedIn) { request, context in
            // "janv. 2026", "févr.", … "déc.", "janv. 2027": the year once, where it starts (twelve labels fit the width).
            let months = try await statistics(request, context).byMonth.enumerated().map { index, count in
                Statistics.Count(Self.month(count.key, context.language, withYear: index == 0 || count.key.hasSuffix("-01")), count.count)
            }
            return Self.svg(StatisticsChart.months(months, title: context.language == .fr ? "Demandes par mois" : "Requests by month"))
        }
        routes.add(.get, "/stats/themes.svg", .anySignedIn) { request, context in
            let stats = try await statistics(request, context)
            let labels = try await themeLabels()
            return Self.svg(StatisticsChart.bars(stats.byTheme.map { Statistics.Count(labels[$0.key] ?? $0.key, $0.count) },
                                                 title: context.language == .fr ? "Thèmes demandés" : "Themes asked for"))
        }
        routes.add(.get, "/api/stats", .anySignedIn, use: json)
    }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let stats = try await statistics(request, context)
        let query = request.uri.query ?? ""
        return try await services.blocking.run { [services] in
            let table = { (counts: [Statistics.Count]) in counts.map { ["key": $0.key, "count": $0.count] as [String: Any] } }
            let themeLabels = try services.requestStatistics.themeLabels()
            let modeLabels = Dictionary(uniqueKeysWithValues: InformationRequest.ContactMode.allCases.map { ($0.rawValue, DeskLabels.mode($0, context.language)) })
            let words = RequestLabels.words(context.language).merging(themeLabels.filter { $0.key.contains("/") }) { _, theme in theme }
            let labelled = { (counts: [Statistics.Count], labels: [String: String]) in
                counts.map { ["key": labels[$0.key] ?? $0.key, "count": $0.count] as [String: Any] }
            }
            let offices = try Self.officeRows(stats, services, context.language)
            let period = Self.period(request, context.language)
            return try Pages.render(services, "stats", title: context.text("stats"), context: context, data: [
                "presets": Self.presets(today: Date(), context.language), "fromValue": period.from, "toValue": period.to, "period": period.words,
                "summary": DeskLabels.statsSummary(requests: stats.requests, qualified: stats.qualified, rate: stats.qualificationRate,
                                                   meets: stats.qualificationRate >= Statistics.qualificationTarget, context.language,
                                                   officesBelow: offices.filter { $0["meets"] as? Bool == false }.count),
                "modes": labelled(stats.byContactMode, modeLabels),
                "countries": table(stats.byOriginCountry), "departments": table(Array(stats.byOriginDepartment.prefix(15))),
                "departmentMap": DepartmentGrid.map(Dictionary(stats.byOriginDepartment.map { ($0.key, $0.count) }, uniquingKeysWith: +)),
                "themes": labelled(stats.byTheme, themeLabels), "query": query,
                "contactsSummary": DeskLabels.contactsSummary(contacts: stats.contacts, qualified: stats.qualifiedContacts,
                                                              rate: stats.contactQualificationRate, context.language),
                "offices": offices, "hasOffices": !offices.isEmpty,
                "breakdowns": [("requestTypes", stats.byRequestType), ("responseModes", stats.byResponseMode), ("receptionPointsStats", stats.byReceptionPoint),
                               ("accommodations", stats.byAccommodation), ("zones", stats.byZone), ("partyKinds", stats.byPartyKind),
                               ("subThemes", stats.bySubTheme), ("newContacts", stats.newContactsByMonth)].filter { !$0.1.isEmpty }.map { name, counts -> [String: Any] in
                    ["caption": context.text(name), "rows": labelled(counts, words)]
                },
            ])
        }
    }

    /// The regional themes' labels by key (sub-themes as "Thème › Sous-thème").
    func themeLabels() async throws -> [String: String] {
        let use = services.requestStatistics
        return try await services.blocking.run { try use.themeLabels() }
    }

    /// "2026-07" → "juil. 2026" / "Jul 2026" (or "juil." / "Jul" without the year).
    static func month(_ key: String, _ language: UILanguage, withYear: Bool = true) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, let day = CalendarDay(year: parts[0], month: parts[1], day: 1) else { return key }
        let date = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86400 + 43200)
        return withYear ? date.formatted(.dateTime.month(.abbreviated).year().locale(language.locale))
                        : date.formatted(.dateTime.month(.abbreviated).locale(language.locale))
    }

    /// The period shown, as the form keeps it and in words ("du 1 juil. 2026 au 31 juil. 2026").
    static func period(_ request: Request, _ language: UILanguage) -> (from: String, to: String, words: String) {
        let from = request.uri.queryParameters.get("from").map { String($0) } ?? "", to = request.uri.queryParameters.get("to").map { String($0) } ?? ""
        func day(_ text: String) -> String? {
            CalendarDay(iso: text).map { Date(timeIntervalSince1970: Double($0.daysSinceEpoch) * 86400 + 43200)
                .formatted(.dateTime.day().month(.abbreviated).year().locale(language.locale)) }
        }
        let words: String = switch (day(from), day(to), language) {
        case let (a?, b?, .fr): "Période : du \(a) au \(b)"
        case let (a?, b?, .en): "Period: \(a) to \(b)"
        case let (a?, nil, .fr): "Période : depuis le \(a)"
        case let (a?, nil, .en): "Period: since \(a)"
        case let (nil, b?, .fr): "Période : jusqu'au \(b)"
        case let (nil, b?, .en): "Period: until \(b)"
        case (nil, nil, .fr): "Période : toutes les demandes"
        case (nil, nil, .en): "Period: every request"
        }
        return (from, to, words)
    }

    /// Ce mois, le mois dernier, cette saison (avril–septembre), cette année: each a link with its dates.
    static func presets(today: Date, _ language: UILanguage) -> [[String: String]] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let now = calendar.dateComponents([.year, .month], from: today)
        let year = now.year ?? 2026, month = now.month ?? 1
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String { String(format: "%04d-%02d-%02d", y, m, d) }
        func last(_ y: Int, _ m: Int) -> Int { CalendarDay.daysIn(month: m, year: y) }
        let (py, pm) = month == 1 ? (year - 1, 12) : (year, month - 1)
        let names = language == .fr ? ["Ce mois", "Le mois dernier", "Cette saison (avril–septembre)", "Cette année"]
                                    : ["This month", "Last month", "This season (April–September)", "This year"]
        let ranges = [(iso(year, month, 1), iso(year, month, last(year, month))), (iso(py, pm, 1), iso(py, pm, last(py, pm))),
                      (iso(year, 4, 1), iso(year, 9, 30)), (iso(year, 1, 1), iso(year, 12, 31))]
        return zip(names, ranges).map { ["label": $0, "query": "from=\($1.0)&to=\($1.1)"] }
    }

    /// The region's table: each office's counts and rates against the charter's bar — every
    /// office, those without a request yet too, those below the bar marked in words as well as colour.
    static func officeRows(_ stats: Statistics, _ services: GuichetServices, _ language: UILanguage) throws -> [[String: Any]] {
        guard case .region = stats.scope else { return [] }
        let offices = try services.requestStatistics.offices()
        let counted = Dictionary(stats.byOffice.map { ($0.officeID, $0) }, uniquingKeysWith: { a, _ in a })
        return offices.map { office in
            let row = counted[office.id]
            let meets = (row?.contactQualificationRate ?? 0) >= Statistics.qualificationTarget
            return ["name": office.name, "requests": row?.requests ?? 0, "contacts": row?.contacts ?? 0,
                    "rate": DeskLabels.percent(row?.qualificationRate ?? 0, language),
                    "contactRate": DeskLabels.percent(row?.contactQualificationRate ?? 0, language),
                    "meets": meets, "none": row == nil,
                    "verdict": row == nil ? (language == .fr ? "aucune demande" : "no request yet")
                        : meets ? (language == .fr ? "objectif atteint" : "target met") : (language == .fr ? "sous l'objectif" : "below the target")]
        }.sorted { ($0["meets"] as? Bool == true ? 1 : 0, $0["name"] as? String ?? "") < ($1["meets"] as? Bool == true ? 1 : 0, $1["name"] as? String ?? "") }
    }

    @Sendable func csv(_ request: Request, _ context: WebContext) async throws -> Response {
        Download.csv(try await statistics(request, context).csv(), name: "statistiques.csv")
    }

    @Sendable func json(_ request: Request, _ context: WebContext) async throws -> Response {
        let s = try await statistics(request, context)
        return try JSON.response(StatsView(requests: s.requests, qualified: s.qualified, qualificationRate: s.qualificationRate,
                                           byMonth: s.byMonth.map { .init(key: $0.key, count: $0.count) },
                                           byTheme: s.byTheme.map { .init(key: $0.key, count: $0.count) },
                                           byContactMode: s.byContactMode.map { .init(key: $0.key, count: $0.count) }))
    }

    /// The caller's office, or the region for the regional admin; `from`/`to` as YYYY-MM-DD.
    func statistics(_ request: Request, _ context: WebContext) async throws -> Statistics {
        let caller = try context.requireCaller()
        let input = QueryInput(request)
        let midnight = { (day: CalendarDay) in Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86400) }
        // The page's form sends its blank dates empty; the JSON API wants them absent or valid.
        let blankIsAbsent = !request.uri.path.hasPrefix("/api/")
        let from = try input.day("from", emptyIsAbsent: blankIsAbsent).map(midnight)
        // The last day asked counts whole ("to 31 July" includes the 31st).
        let to = try input.day("to", emptyIsAbsent: blankIsAbsent).map { midnight($0).addingTimeInterval(86400) }
        let use = services.requestStatistics
        return try await services.blocking.run { try use.statistics(from: from, to: to, by: caller) }
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
