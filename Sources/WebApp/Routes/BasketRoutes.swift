import Brochure
import CRM
import Foundation
import Hummingbird
import Records
import Workflows

extension GuichetServer {
    func addBasketRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/api/basket", .signedIn) { _, context in
            let caller = try context.requireCaller()
            return try JSON.response(try self.basketView(try self.services.crm.draftBasket(by: caller)))
        }

        routes.add(.post, "/api/basket/items", .signedIn) { request, context in
            let caller = try context.requireCaller()
            let input = try await JSON.decode(BasketItemInput.self, from: request, context: context)
            guard try !self.services.records.summaries(ids: [input.id]).isEmpty else { throw HTTPError(.notFound, message: "Fiche \(input.id) introuvable.") }
            var basket = try self.services.crm.draftBasket(by: caller)
            guard basket.recordIDs.count < 200 else { throw HTTPError(.unprocessableContent, message: "Le panier contient déjà 200 fiches.") }
            if !basket.recordIDs.contains(input.id) { basket.recordIDs.append(input.id) }
            let saved = try BasketWorkflow(crm: self.services.crm, records: self.services.records).save(basket, by: caller)
            return try JSON.response(try self.basketView(saved))
        }

        routes.add(.delete, "/api/basket/items/{recordID}", .signedIn) { _, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("recordID", as: Int.self)
            var basket = try self.services.crm.draftBasket(by: caller)
            basket.recordIDs.removeAll { $0 == id }
            return try JSON.response(try self.basketView(try self.services.crm.saveBasket(basket, by: caller)))
        }

        routes.add(.put, "/api/basket", .signedIn) { request, context in
            let caller = try context.requireCaller()
            let input = try await JSON.decode(BasketUpdate.self, from: request, context: context)
            var basket = try self.services.crm.draftBasket(by: caller)
            if let ids = input.ids {
                // A new order of the same records (or fewer): never new ones through here.
                guard Set(ids).isSubset(of: basket.recordIDs), Set(ids).count == ids.count else {
                    throw HTTPError(.unprocessableContent, message: "ids : seulement les fiches du panier, chacune une fois.")
                }
                basket.recordIDs = ids
            }
            if let layout = input.layout {
                guard self.layoutChoices().contains(where: { $0["name"] == layout }) else { throw HTTPError(.unprocessableContent, message: "layout : mise en page inconnue.") }
                basket.layout = layout
            }
            if let language = input.language {
                guard Self.languages.contains(where: { $0["code"] == language }) else { throw HTTPError(.unprocessableContent, message: "language : langue inconnue.") }
                basket.language = language
            }
            return try JSON.response(try self.basketView(try self.services.crm.saveBasket(basket, by: caller)))
        }

        routes.add(.get, "/basket.pdf", .signedIn) { _, context in
            let caller = try context.requireCaller()
            let (pdf, _) = try self.renderDraft(by: caller)
            return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"selection.pdf\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }

        routes.add(.get, "/basket/preview.png", .signedIn) { _, context in
            let caller = try context.requireCaller()
            let (pdf, _) = try self.renderDraft(by: caller)
            return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: try Preview.firstPage(pdf))))
        }
    }

    func renderDraft(by caller: Caller) throws -> (Data, Int) {
        let office = try services.office(of: caller)
        guard office.mayPrintBrochures else { throw WorkflowError.noBrochureRight(office: office.name) }
        let basket = try services.crm.draftBasket(by: caller)
        guard !basket.recordIDs.isEmpty else { throw HTTPError(.unprocessableContent, message: "Le panier est vide.") }
        let result = try services.brochures.render(ids: basket.recordIDs, layout: basket.layout, language: basket.language,
                                                   branding: try services.branding(for: office, by: caller))
        return (result.pdf, result.pages)
    }

    func basketView(_ basket: Basket) throws -> BasketView {
        let summaries = Dictionary(uniqueKeysWithValues: try services.records.summaries(ids: basket.recordIDs, language: basket.language).map { ($0.id, $0) })
        let items = basket.recordIDs.compactMap { id in
            summaries[id].map { BasketView.Item(id: id, name: $0.name, typeLabel: ObjectType(apidae: $0.type).labelFr, commune: $0.communeName) }
        }
        return BasketView(id: basket.id, layout: basket.layout, language: basket.language, items: items)
    }

    func layoutChoices() -> [[String: String]] {
        Layout.available(in: services.brochures.layoutsFolder).map { name in
            ["name": name, "label": (try? Layout.named(name, in: services.brochures.layoutsFolder).name) ?? name]
        }
    }
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

    struct Item: Codable, Sendable {
        var id: Int
        var name: String
        var typeLabel: String
        var commune: String?
    }
}

/// The first page of a PDF as a PNG, by poppler's `pdftoppm`.
enum Preview {
    static func firstPage(_ pdf: Data, dpi: Int = 60) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftoppm", "-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", input.path, folder.appendingPathComponent("page").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let png = FileManager.default.contents(atPath: folder.appendingPathComponent("page.png").path) else {
            throw HTTPError(.internalServerError, message: "aperçu impossible (pdftoppm)")
        }
        return png
    }
}
