import CRM
import Foundation
import Hummingbird
import Records
import Search

extension GuichetServer {
    func addSearchRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/", .signedIn) { _, context in
            let caller = try context.requireCaller()
            let saved = try self.services.crm.savedSearches(by: caller).map { ["id": $0.id, "name": $0.name, "query": $0.query, "shared": $0.shared] }
            let categories = Category.all.map { ["slug": $0.slug, "label": $0.label] }
            return try Pages.render(self.services, "search", title: context.text("search"), context: context,
                                    data: ["saved": saved, "hasSaved": !saved.isEmpty, "categories": categories, "layouts": self.layoutChoices(), "languages": Self.languages])
        }

        routes.add(.get, "/api/suggest", .signedIn) { request, context in
            let caller = try context.requireCaller()
            let params = request.uri.queryParameters
            let text = params.get("q") ?? ""
            guard text.count <= 100 else { throw HTTPError(.badRequest, message: "q: 100 caractères au plus") }
            var query = SearchQuery(text: text, language: params.get("lang") ?? "fr", limit: min(max(params.get("limit", as: Int.self) ?? 8, 1), 20))
            query.member = try self.scope(params.get("scope"), caller)
            let response = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try self.services.engine.search(query)
            // Written by hand: this is the hottest answer of the app, and JSONEncoder is its main cost.
            var json = "{\"query\":"
            JSONValue.appendQuoted(text, to: &json)
            json += ",\"suggestions\":["
            for (i, hit) in (response?.results ?? []).enumerated() {
                json += i > 0 ? ",{\"id\":\(hit.id),\"name\":" : "{\"id\":\(hit.id),\"name\":"
                JSONValue.appendQuoted(hit.name, to: &json)
                json += ",\"type\":"
                JSONValue.appendQuoted(hit.type, to: &json)
                json += ",\"typeLabel\":"
                JSONValue.appendQuoted(hit.typeLabel, to: &json)
                if let commune = hit.commune {
                    json += ",\"commune\":"
                    JSONValue.appendQuoted(commune, to: &json)
                }
                json += "}"
            }
            json += "]}"
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }

        routes.add(.get, "/api/search", .signedIn) { request, context in
            let caller = try context.requireCaller()
            let params = request.uri.queryParameters
            guard (params.get("q") ?? "").count <= 200 else { throw HTTPError(.badRequest, message: "q : 200 caractères au plus") }
            var query = SearchQuery(text: params.get("q") ?? "", language: params.get("lang") ?? "fr",
                                    offset: params.get("offset", as: Int.self) ?? 0, limit: params.get("limit", as: Int.self) ?? 20)
            for code in params.getAll("type") { query.types.insert(ObjectType(apidae: code)) }
            for slug in params.getAll("category") {
                guard let category = Category.all.first(where: { $0.slug == slug }) else { throw HTTPError(.badRequest, message: "category: \(slug) inconnue") }
                query.categories.append(category)
            }
            query.radiusKm = params.get("radius", as: Double.self)
            query.from = try params.get("from").map { text in
                guard let day = CalendarDay(iso: text) else { throw HTTPError(.badRequest, message: "from: date AAAA-MM-JJ attendue") }
                return day
            }
            query.to = try params.get("to").map { text in
                guard let day = CalendarDay(iso: text) else { throw HTTPError(.badRequest, message: "to: date AAAA-MM-JJ attendue") }
                return day
            }
            query.member = try self.scope(params.get("scope"), caller)
            let centre = try params.get("near").flatMap { $0.isEmpty ? nil : $0 }.map { try self.services.engine.resolvePlace($0) }
            if query.radiusKm != nil, centre == nil { query.radiusKm = nil }
            return try JSON.response(try self.services.engine.search(query, centre: centre))
        }

        routes.add(.get, "/api/communes", .signedIn) { request, _ in
            let text = request.uri.queryParameters.get("q") ?? ""
            let found = self.services.engine.communes.search(text, limit: 10).map {
                CommuneChoice(name: $0.name, postalCode: $0.postalCode, insee: $0.insee)
            }
            return try JSON.response(found)
        }

        routes.add(.get, "/api/saved-searches", .signedIn) { _, context in
            try JSON.response(try self.services.crm.savedSearches(by: try context.requireCaller()))
        }

        routes.add(.post, "/api/saved-searches", .signedIn) { request, context in
            let input = try await JSON.decode(SavedSearchInput.self, from: request, context: context)
            let saved = try self.services.crm.saveSearch(SavedSearch(name: input.name, query: input.query, shared: input.shared ?? false),
                                                         by: try context.requireCaller())
            return try JSON.response(saved, status: .created)
        }

        routes.add(.delete, "/api/saved-searches/{searchID}", .signedIn, objects: ["searchID": .savedSearch]) { _, context in
            try self.services.crm.deleteSavedSearch(id: try context.parameters.require("searchID", as: Int64.self), by: try context.requireCaller())
            return Response(status: .noContent)
        }
    }

    /// The member whose records are searched: the office's own, or the whole region for PREMIUM.
    func scope(_ requested: String?, _ caller: Caller) throws -> Int? {
        let office = try services.office(of: caller)
        if requested == "region" {
            guard office.maySearchRegion else { throw HTTPError(.forbidden, message: "La recherche régionale est réservée aux offices PREMIUM.") }
            return nil
        }
        return office.apidaeMember
    }

    static let languages = [["code": "fr", "label": "Français"], ["code": "en", "label": "English"], ["code": "de", "label": "Deutsch"],
                            ["code": "nl", "label": "Nederlands"], ["code": "it", "label": "Italiano"], ["code": "es", "label": "Español"]]
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
