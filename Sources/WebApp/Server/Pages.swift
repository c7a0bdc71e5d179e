import CRM
import Foundation
import Hummingbird

/// HTML pages from the Mustache templates, every one inside `layout.mustache`.
enum Pages {
    static func render(_ services: GuichetServices, _ template: String, title: String, context: WebContext,
                       data: [String: Any] = [:], status: HTTPResponse.Status = .ok) throws -> Response {
        var page = data
        page["title"] = title
        page["t"] = context.language.texts
        page["lang"] = context.language.rawValue
        page["otherLang"] = context.language.other.rawValue
        page["otherLangLabel"] = context.language.other.label
        page["path"] = context.path
        page["scriptTexts"] = UIText.script(context.language)
        if let session = context.session {
            page["csrf"] = session.csrf
            // The device's signed-in state (offline entries stop with it) and whose entries it keeps.
            page["sessionExpires"] = session.expires.formatted(.iso8601)
            page["userKey"] = session.user.id
            page["user"] = ["name": session.user.name, "email": session.user.email, "role": session.user.role.rawValue]
            page["isRegional"] = session.user.role == .regionalAdmin
            page["isOfficeAdmin"] = session.user.role == .officeAdmin
            page["isAgentOrAdmin"] = session.user.role != .regionalAdmin
            if let officeID = session.user.officeID, let office = try? services.officeNow(of: session.user.caller), office.id == officeID {
                page["office"] = ["name": office.name, "tier": office.tier.rawValue, "id": office.id]
                page["isPremium"] = office.tier == .premium
                page["mayPrint"] = office.mayPrintBrochures
            }
        }
        guard let html = services.templates.render(page, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "template \(template) missing")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func error(_ services: GuichetServices, context: WebContext, status: HTTPResponse.Status, message: String) throws -> Response {
        let english = context.language == .en
        let title = switch status.code {
        case 403: english ? "Access denied" : "Accès refusé"
        case 404: english ? "Page not found" : "Page introuvable"
        case 400, 422: english ? "Incorrect request" : "Demande incorrecte"
        case 410: english ? "Link no longer valid" : "Lien périmé"
        case 413: english ? "Too large" : "Envoi trop volumineux"
        case 429: english ? "Too many attempts" : "Trop de tentatives"
        default: english ? "Error" : "Erreur"
        }
        return try render(services, "error", title: title, context: context, data: ["message": message, "status": status.code], status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

