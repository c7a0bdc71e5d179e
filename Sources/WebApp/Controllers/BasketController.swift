import Brochure
import CRM
import Foundation
import Hummingbird
import Records
import Workflows

/// The agent's basket beside the results: add, remove, reorder, layout and language, the PDF and
/// its first page as a preview.
struct BasketController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/api/basket", .signedIn, use: show)
        routes.add(.post, "/api/basket/items", .signedIn, inputs: ["id": .record], use: add)
        routes.add(.delete, "/api/basket/items/{recordID}", .signedIn, use: remove)
        routes.add(.put, "/api/basket", .signedIn, inputs: ["ids": .record], use: update)
        routes.add(.get, "/basket.pdf", .signedIn, use: pdf)
        routes.add(.get, "/basket/preview.png", .signedIn, use: preview)
    }

    @Sendable func show(_ request: Request, _ context: WebContext) async throws -> Response {
        try await answer(context) { basket, caller in try basket.current(by: caller) }
    }

    @Sendable func add(_ request: Request, _ context: WebContext) async throws -> Response {
        let input = try await JSON.decode(BasketItemInput.self, from: request, context: context)
        return try await answer(context) { basket, caller in try basket.add(recordID: input.id, by: caller) }
    }

    @Sendable func remove(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("recordID", as: Int.self)
        return try await answer(context) { basket, caller in try basket.remove(recordID: id, by: caller) }
    }

    @Sendable func update(_ request: Request, _ context: WebContext) async throws -> Response {
        let input = try await JSON.decode(BasketUpdate.self, from: request, context: context)
        return try await answer(context) { basket, caller in
            try basket.update(order: input.ids, layout: input.layout, language: input.language, by: caller)
        }
    }

    /// `?imposition=booklet`: two pages per side in saddle-stitch order, to print double-sided and fold.
    @Sendable func pdf(_ request: Request, _ context: WebContext) async throws -> Response {
        let imposition = try request.uri.queryParameters.get("imposition").map { value in
            guard let imposition = Imposition(rawValue: value) else { throw HTTPError(.badRequest, message: "imposition: none or booklet") }
            return imposition
        } ?? .none
        let result = try await render(context, imposition: imposition, window: try Self.window(request))
        return Download.pdf(result.pdf, name: "selection.pdf")
    }

    /// `?page=N` (1 to 4: the first pages, at a size to read them; `dpi`, 60 to 110).
    @Sendable func preview(_ request: Request, _ context: WebContext) async throws -> Response {
        let input = QueryInput(request)
        let page = try input.int("page", in: 1...4) ?? 1
        let dpi = try input.int("dpi", in: 60...110) ?? 60
        let result = try await render(context, window: try Self.window(request))
        guard page <= result.pages else { throw HTTPError(.notFound, message: "La brochure a \(result.pages) page(s).") }
        let pdf = result.pdf
        let png = try await services.blocking.draw { try Preview.page(page, of: pdf, dpi: dpi) }
        return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    private func render(_ context: WebContext, imposition: Imposition = .none, window: PeriodText.Window? = nil) async throws -> BrochureMaker.Result {
        let caller = try context.requireCaller()
        let use = services.basketBrochure
        return try await services.blocking.draw { try use.draft(imposition: imposition, window: window, by: caller) }
    }

    /// `?from=&to=` (YYYY-MM-DD): the dates searched, whose periods the brochure prints.
    static func window(_ request: Request) throws -> PeriodText.Window? {
        let input = QueryInput(request)
        let from = try input.day("from"), to = try input.day("to")
        return from == nil && to == nil ? nil : PeriodText.Window(from: from, to: to)
    }

    /// Runs one change of the caller's draft on the blocking pool and answers the basket as JSON.
    private func answer(_ context: WebContext, _ change: @escaping @Sendable (DraftBasket, Caller) throws -> Basket) async throws -> Response {
        let caller = try context.requireCaller()
        let services = services
        let language = context.language
        return try JSON.response(try await services.blocking.run { try Self.view(try change(services.draftBasket, caller), services, caller, language) })
    }

    static func view(_ basket: Basket, _ services: GuichetServices, _ caller: Caller, _ interface: UILanguage = .fr) throws -> BasketView {
        let contents = try services.draftBasket.contents(basket, by: caller)
        let summaries = Dictionary(uniqueKeysWithValues: contents.records.map { ($0.id, $0) })
        let items = basket.recordIDs.compactMap { id in
            summaries[id].map { BasketView.Item(id: id, name: $0.name, typeLabel: ObjectType(apidae: $0.type).label(interface.rawValue), commune: $0.communeName) }
        }
        let documents = contents.documents.map(DocumentView.init)
        return BasketView(id: basket.id, layout: basket.layout, language: basket.language, items: items, documents: documents)
    }

    /// The layouts offered, named in the desk's language (a layout file's own name for French and for
    /// layouts Guichet does not ship).
    static func layoutChoices(_ services: GuichetServices, _ language: UILanguage = .fr) -> [[String: String]] {
        let folder = services.brochures.layoutsFolder
        return Layout.available(in: folder).map { name in
            let own = (try? Layout.named(name, in: folder).name) ?? name
            return ["name": name, "label": language == .en ? englishLayoutNames[name] ?? own : own]
        }
    }

    static let englishLayoutNames = ["fiche-a4": "One record per page (A4)", "liste-a4": "List (A4)", "livret-a5": "Booklet (A5)",
                                     "guide-a4": "Guide (A4)"]
}

struct BasketItemInput: Codable, Sendable { var id: Int }

struct BasketUpdate: Codable, Sendable {
    var ids: [Int]?
    var layout: String?
    var language: String?
}

struct BasketView: Codable, Sendable {
    var id: Int64
    var layout: String
    var language: String
    var items: [Item]
    /// The office's own PDF documents, sent as files of their own, printed after the records.
    var documents: [DocumentView]

    struct Item: Codable, Sendable {
        var id: Int
        var name: String
        var typeLabel: String
        var commune: String?
    }
}
