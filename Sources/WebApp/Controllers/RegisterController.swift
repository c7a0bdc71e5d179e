import CRM
import Foundation
import Hummingbird
import Workflows

/// The office's register of processing activities (office admins): edited on one page, printed
/// as a PDF with the office's branding, exported as CSV.
struct RegisterController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/admin/register", .officeAdmin, use: page)
        routes.add(.post, "/admin/register", .officeAdmin, use: save)
        routes.add(.get, "/admin/register.pdf", .officeAdmin, use: pdf)
        routes.add(.get, "/admin/register.csv", .officeAdmin, use: csv)
    }

    var use: RegisterOfProcessing { RegisterOfProcessing(desk: services.consent, brochures: services.brochures) }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let use = use, saved = request.uri.queryParameters.get("ok") != nil
        return try await services.blocking.run { [services] in
            let register = try use.current(by: caller)
            // One empty processing at the end, to add one.
            let rows = register.processings + [ProcessingRegister.Processing(name: "", purpose: "", legalBasis: "", persons: "", data: "",
                                                                             recipients: "", transfers: "", retention: "", security: "")]
            return try Pages.render(services, "register", title: context.text("registerTitle"), context: context, data: [
                "referent": register.referent, "saved": saved, "proposed": register.updatedAt == nil,
                "updated": register.updatedAt.map { $0.formatted(.dateTime.day().month(.wide).year().locale(context.language.locale)) } ?? "",
                "updatedBy": register.updatedBy ?? "",
                "processings": rows.enumerated().map { index, p -> [String: Any] in
                    ["index": index, "name": p.name, "isNew": p.name.isEmpty,
                     "fields": p.fields.map { ["key": $0.key, "label": $0.label, "text": $0.text, "index": index] }]
                },
            ])
        }
    }

    @Sendable func save(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        var processings: [ProcessingRegister.Processing] = []
        for index in 0..<50 {
            func field(_ key: String) -> String { (form["p\(index).\(key)"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
            guard form["p\(index).name"] != nil else { break }
            // A processing whose name was emptied leaves the register.
            guard !field("name").isEmpty else { continue }
            processings.append(.init(name: field("name"), purpose: field("purpose"), legalBasis: field("legalBasis"), persons: field("persons"),
                                     data: field("data"), recipients: field("recipients"), transfers: field("transfers"), retention: field("retention"),
                                     security: field("security")))
        }
        let register = ProcessingRegister(referent: (form["referent"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines), processings: processings)
        let use = use
        try await services.blocking.run { try use.save(register, by: caller) }
        return Pages.redirect("/admin/register?ok=1")
    }

    @Sendable func pdf(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let use = use
        let data = try await services.blocking.draw { try use.pdf(by: caller) }
        return Download.pdf(data, name: "registre-des-traitements.pdf")
    }

    @Sendable func csv(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let use = use
        let text = try await services.blocking.run { try use.csv(by: caller) }
        return Download.csv(text, name: "registre-des-traitements.csv")
    }
}
