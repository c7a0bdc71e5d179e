import CRM
import Foundation
import Hummingbird
import Workflows

/// The office's own PDF documents: the admin's page (upload, list, remove), the agents' search of
/// them and their place in the basket, the file itself.
struct DocumentController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/admin/documents", .officeAdmin, use: page)
        // The PDF itself as the body (application/pdf), title and name in the query: no base64.
        routes.add(.post, "/api/documents/upload", .officeAdmin, use: upload)
        routes.add(.post, "/admin/documents/{documentID}/remove", .officeAdmin, objects: ["documentID": .document], use: remove)
        routes.add(.get, "/documents/{documentID}/file.pdf", .signedIn, objects: ["documentID": .document], use: file)
        routes.add(.get, "/api/documents", .signedIn, use: list)
        routes.add(.post, "/api/basket/documents", .signedIn, inputs: ["id": .document], use: addToBasket)
        routes.add(.delete, "/api/basket/documents/{documentID}", .signedIn, objects: ["documentID": .document], use: removeFromBasket)
    }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let use = OfficeDocuments(crm: services.crm)
        let done = request.uri.queryParameters.get("ok").flatMap { DeskLabels.notice($0, context.language) }
        return try await services.blocking.run { [services] in
            let documents = try use.list(by: caller)
            return try Pages.render(services, "documents", title: context.text("documentsTitle"), context: context, data: [
                "documents": documents.map { Self.view($0, context) }, "hasDocuments": !documents.isEmpty, "notice": done ?? "",
                "maxMB": OfficeDocuments.maxBytes / 1024 / 1024,
            ])
        }
    }

    @Sendable func upload(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/pdf") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Envoyez le fichier PDF lui-même (Content-Type: application/pdf).")
        }
        let input = QueryInput(request)
        let title = try input.text("title", max: 120) ?? ""
        let name = try input.text("name", max: 255) ?? ""
        var request = request
        let body = try await request.collectBody(upTo: OfficeDocuments.maxBytes)
        let use = OfficeDocuments(crm: services.crm)
        let document = try await services.blocking.run { try use.upload(title: title, fileName: name, data: Data(buffer: body), by: caller) }
        return try JSON.response(DocumentView(document), status: .created)
    }

    @Sendable func remove(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("documentID", as: Int64.self)
        let use = OfficeDocuments(crm: services.crm)
        try await services.blocking.run { try use.remove(id: id, by: caller) }
        return Pages.redirect("/admin/documents?ok=documentRemoved")
    }

    @Sendable func file(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("documentID", as: Int64.self)
        let use = OfficeDocuments(crm: services.crm)
        let (document, data) = try await services.blocking.run { try use.file(id: id, by: caller) }
        return Download.pdf(data, name: document.fileName)
    }

    /// The office's documents whose title or file name holds `q`: the search page's "Documents".
    @Sendable func list(_ request: Request, _ context: WebContext) async throws -> Response {
        let text = try QueryInput(request).text("q", max: 100)
        let use = OfficeDocuments(crm: services.crm)
        return try await services.json(context) { _, caller in try use.list(matching: text, by: caller).map(DocumentView.init) }
    }

    @Sendable func addToBasket(_ request: Request, _ context: WebContext) async throws -> Response {
        let input = try await JSON.decode(BasketDocumentInput.self, from: request, context: context)
        return try await services.json(context) { services, caller in
            try BasketController.view(try services.draftBasket.add(documentID: input.id, by: caller), services, caller)
        }
    }

    @Sendable func removeFromBasket(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("documentID", as: Int64.self)
        return try await services.json(context) { services, caller in
            try BasketController.view(try services.draftBasket.remove(documentID: id, by: caller), services, caller)
        }
    }

    static func view(_ document: OfficeDocument, _ context: WebContext) -> [String: Any] {
        ["id": document.id, "title": document.title, "fileName": document.fileName, "pages": document.pages,
         "size": ByteCountFormatter.string(fromByteCount: Int64(document.size), countStyle: .file),
         "added": RequestPages.day(document.createdAt, context.language)]
    }
}

struct BasketDocumentInput: Codable, Sendable { var id: Int64 }

/// A document as the API shows it.
struct DocumentView: Codable, Sendable {
    var id: Int64
    var title: String
    var fileName: String
    var pages: Int
    var size: Int

    init(_ document: OfficeDocument) {
        id = document.id; title = document.title; fileName = document.fileName; pages = document.pages; size = document.size
    }
}
