import Brochure
import CRM
import Foundation
import Hummingbird
import Records
import Search
import Workflows

/// The search page, suggestions as the agent types, full searches, communes, saved searches.
struct SearchController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/", .signedIn, use: page)
        routes.add(.get, "/api/suggest", .signedIn, use: suggest)
        routes.add(.get, "/api/search", .signedIn, use: search)
        routes.add(.get, "/api/records/{recordID}", .signedIn, use: record)
        routes.add(.get, "/api/communes", .signedIn, use: communes)
        routes.add(.get, "/api/communes/all", .signedIn, use: allCommunes)
        routes.add(.get, "/api/saved-searches", .signedIn, use: savedSearches)
        routes.add(.post, "/api/saved-searches", .signedIn, use: saveSearch)
        routes.add(.delete, "/api/saved-searches/{searchID}", .signedIn, objects: ["searchID": .savedSearch], use: deleteSearch)
    }

    static let languages = VisitorLanguages.codes.map { ["code": $0, "label": VisitorLanguages.names[$0] ?? $0] }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        return try await services.blocking.run { [services] in
            let saved = try services.savedSearches.list(by: caller).map { ["id": $0.id, "name": $0.name, "query": $0.query, "shared": $0.shared] }
            let categories = Category.all.map { ["slug": $0.slug, "label": $0.label(context.language.rawValue)] }
            return try Pages.render(services, "search", title: context.text("search"), context: context,
                                    data: ["saved": saved, "hasSaved": !saved.isEmpty, "categories": categories,
                                           "layouts": BasketController.layoutChoices(services, context.language), "languages": Self.languages,
                                           // Without its Apidae member id, an office finds none of its own records.
                                           "noMember": try services.officeNow(of: caller).apidaeMember == nil])
        }
    }

    /// The hottest answer of the app: in memory, on the calling task (the office comes from the
    /// short cache), written without JSONEncoder.
    @Sendable func suggest(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let input = QueryInput(request)
        let text = try input.text("q", max: 100, required: true) ?? ""
        var query = SearchQuery(text: text, language: try input.choice("lang", in: VisitorLanguages.codes) ?? "fr",
                                limit: try input.int("limit", in: 1...20) ?? 8)
        query.member = try await scope(try input.choice("scope", in: ["office", "region"]), caller)
        let suggestions = text.trimmingCharacters(in: .whitespaces).isEmpty ? [] : try services.engine.suggest(query)
        var json = "{\"query\":"
        JSONValue.appendQuoted(text, to: &json)
        json += ",\"suggestions\":["
        for (i, hit) in suggestions.enumerated() {
            json += i > 0 ? ",{\"id\":\(hit.id),\"name\":" : "{\"id\":\(hit.id),\"name\":"
            JSONValue.appendQuoted(hit.name, to: &json)
            json += ",\"type\":"
            JSONValue.appendQuoted(hit.type, to: &json)
            json += ",\"typeLabel\":"
            JSONValue.appendQuoted(context.language == .fr ? hit.typeLabel : ObjectType(apidae: hit.type).label(context.language.rawValue), to: &json)
            if let commune = hit.commune {
                json += ",\"commune\":"
                JSONValue.appendQuoted(commune, to: &json)
            }
            json += "}"
        }
        json += "]}"
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    @Sendable func search(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let input = QueryInput(request)
        var query = SearchQuery(text: try input.text("q", max: 200) ?? "", language: try input.choice("lang", in: VisitorLanguages.codes) ?? "fr",
                                offset: try input.int("offset", in: 0...10_000) ?? 0, limit: try input.int("limit", in: 1...200) ?? 20)
        for code in input.all("type") { query.types.insert(ObjectType(apidae: code)) }
        for slug in input.all("category") {
            guard let category = Category.all.first(where: { $0.slug == slug }) else {
                throw HTTPError(.badRequest, message: "category : catégorie inconnue (\(Category.all.map(\.slug).joined(separator: ", ")))")
            }
            query.categories.append(category)
        }
        query.radiusKm = try input.number("radius", above: 0, upTo: 500)
        query.from = try input.day("from")
        query.to = try input.day("to")
        query.member = try await scope(try input.choice("scope", in: ["office", "region"]), caller)
        let near = try input.text("near", max: 100).flatMap { $0.isEmpty ? nil : $0 }
        let engine = services.engine
        let centre = try near.map { try engine.resolvePlace($0) }
        if query.radiusKm != nil, centre == nil { query.radiusKm = nil }
        // Types in the desk's language (the results' own texts are in the language asked).
        var response = try engine.search(query, centre: centre)
        let ui = context.language.rawValue
        response.results = response.results.map { hit in var hit = hit; hit.typeLabel = ObjectType(apidae: hit.type).label(ui); return hit }
        response.facets = response.facets.map { facet in var facet = facet; facet.label = ObjectType(apidae: facet.type).label(ui); return facet }
        // Events say when, in the results themselves (the periods meeting the dates searched).
        let events = response.results.filter { ObjectType(apidae: $0.type).isEvent }.map(\.id)
        if !events.isEmpty {
            let engine = services.engine, language = query.language
            let window = query.from == nil && query.to == nil ? nil : PeriodText.Window(from: query.from, to: query.to)
            let periods = try await services.blocking.run { try engine.openingPeriods(of: events) }
            response.results = response.results.map { hit in
                var hit = hit
                hit.dates = periods[hit.id].flatMap { PeriodText.describe($0, language: language, limit: 2, window: window) }
                return hit
            }
        }
        return try JSON.response(response)
    }

    /// A record in detail for the panel beside the results (`?lang=`), within the office's scope.
    @Sendable func record(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("recordID", as: Int.self)
        let language = try QueryInput(request).choice("lang", in: VisitorLanguages.codes) ?? "fr"
        let office = try await services.office(of: caller)
        var detail = try await services.blocking.run { [services] in try RecordDetail.load(id: id, language: language, for: office, in: services.records) }
        detail.typeLabel = ObjectType(apidae: detail.type).label(context.language.rawValue)
        return try JSON.response(detail)
    }

    @Sendable func communes(_ request: Request, _ context: WebContext) async throws -> Response {
        let text = try QueryInput(request).text("q", max: 100, required: true) ?? ""
        return try JSON.response(services.engine.communes.search(text, limit: 10).map {
            CommuneChoice(name: $0.name, postalCode: $0.postalCode, insee: $0.insee)
        })
    }

    /// The whole gazetteer, compact — `[name, postal code, département]` per row — for a tablet to
    /// keep and fill the commune field offline. Tagged by the records' revision (an import may add
    /// communes): a device that has it gets 304.
    @Sendable func allCommunes(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.requireCaller()
        let services = services
        let offline = OfflineRecords(records: services.records)
        let revision = try await services.blocking.run { try offline.revision() }
        let directory = services.engine.communes
        let tag = "\"communes-\(directory.count)-\(revision)\""
        var headers: HTTPFields = [.eTag: tag, .cacheControl: "private, max-age=86400"]
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = "application/json; charset=utf-8"
        let rows = directory.all.map { [$0.name, $0.postalCode, $0.department] }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSONEncoder().encode(rows))))
    }

    @Sendable func savedSearches(_ request: Request, _ context: WebContext) async throws -> Response {
        try await services.json(context) { services, caller in try services.savedSearches.list(by: caller) }
    }

    @Sendable func saveSearch(_ request: Request, _ context: WebContext) async throws -> Response {
        let input = try await JSON.decode(SavedSearchInput.self, from: request, context: context)
        return try await services.json(context, status: .created) { services, caller in
            try services.savedSearches.save(name: input.name, query: input.query, shared: input.shared ?? false, by: caller)
        }
    }

    @Sendable func deleteSearch(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("searchID", as: Int64.self)
        let use = services.savedSearches
        try await services.blocking.run { try use.delete(id: id, by: caller) }
        return Response(status: .noContent)
    }

    /// The member whose records are searched (`RecordScope`): the office's own, or the whole region for PREMIUM.
    func scope(_ requested: String?, _ caller: Caller) async throws -> Int? {
        try RecordScope.searchMember(for: try await services.office(of: caller), wholeRegion: requested == "region")
    }
}

struct CommuneChoice: Codable, Sendable {
    var name: String
    var postalCode: String
    var insee: String
}

struct SavedSearchInput: Codable, Sendable {
    var name: String
    var query: String
    var shared: Bool?
}
