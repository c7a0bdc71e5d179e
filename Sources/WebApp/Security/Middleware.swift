import CRM
import Consent
import Foundation
import Hummingbird
import Logging
import Mail
import NIOCore
import Records
import Search
import Storage
import Workflows

/// Headers every answer carries: no framing, no sniffing, no referrer outside, scripts and styles
/// only from the app itself.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // The public request form sets its own policy: framed by the office's declared sites only.
        if response.headers[.init("Content-Security-Policy")!] == nil {
            response.headers[.init("Content-Security-Policy")!] = Self.policy(frameAncestors: "'none'")
            response.headers[.init("X-Frame-Options")!] = "DENY"
        }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func policy(frameAncestors: String) -> String {
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors \(frameAncestors); base-uri 'self'; form-action 'self'"
    }
}

/// Who is asking: the session cookie, or an office's API token (`Authorization: Bearer gt_…`).
struct AuthenticationMiddleware: RouterMiddleware {
    let services: GuichetServices
    static let cookieName = "guichet_session"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = UILanguage(request)
        context.path = request.uri.path
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            guard let caller = try await services.caller(forAPIToken: String(header.dropFirst(7))) else {
                throw HTTPError(.unauthorized, message: "Jeton d'API inconnu.")
            }
            context.caller = caller
            context.viaToken = true
        } else if let cookie = request.cookies[Self.cookieName]?.value, let session = try await services.sessions.session(cookie: cookie) {
            context.session = session
            context.caller = session.user.caller
        }
        return try await next(request, context)
    }
}

/// Turns errors into answers: JSON `{"error": …, "field": …}` under `/api/`, a French page
/// elsewhere (the sign-in page for a missing session). Never a stack trace; 500s are logged
/// without the request's data.
struct ErrorMiddleware: RouterMiddleware {
    let services: GuichetServices
    let logger = Logger(label: "guichet.web")

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message, field) = Self.describe(error)
            if status == .internalServerError {
                logger.error("\(request.method) \(request.uri.path) failed: \(String(describing: type(of: error)))")
            }
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/openapi.yaml" {
                return try Self.json(error, status: status, message: message, field: field)
            }
            if status == .unauthorized {
                let next = request.uri.path == "/" ? "" : "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")
                return Response(status: .seeOther, headers: [.location: "/login" + next])
            }
            if status == .serviceUnavailable {
                // The database may be what is missing: a page that needs nothing of it.
                return Self.unavailablePage(message)
            }
            var response = try await services.blocking.run { [services] in try Pages.error(services, context: context, status: status, message: message) }
            Self.keepHeaders(of: error, on: &response)
            return response
        }
    }

    /// 503 (the database away, the drawing threads busy): a page of its own — no template, no
    /// database — asking to try again in a few seconds. `message` is one of Guichet's own sentences.
    static func unavailablePage(_ message: String) -> Response {
        let escaped = HTMLText.escape(message)
        let html = """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Guichet — service momentanément indisponible</title>
            <meta http-equiv="refresh" content="10"><link rel="stylesheet" href="/static/app.css"></head>
            <body><main class="error-page"><h1>Service momentanément indisponible</h1><p>\(escaped)</p>
            <p>La page se recharge toute seule dans quelques secondes.</p></main></body></html>
            """
        return Response(status: .serviceUnavailable, headers: [.contentType: "text/html; charset=utf-8", .retryAfter: "10"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The JSON answer to an error: `{"error": …, "field": …}` with its status and the error's headers.
    static func json(_ error: any Error) throws -> Response {
        let (status, message, field) = describe(error)
        return try json(error, status: status, message: message, field: field)
    }

    private static func json(_ error: any Error, status: HTTPResponse.Status, message: String, field: String?) throws -> Response {
        var body: [String: String] = ["error": message]
        if let field { body["field"] = field }
        var response = try JSON.response(body, status: status)
        keepHeaders(of: error, on: &response)
        return response
    }

    /// The headers an `HTTPError` carries (`Allow` for a 405, `Retry-After` for a 429) go with its answer.
    static func keepHeaders(of error: any Error, on response: inout Response) {
        for field in (error as? HTTPError)?.headers ?? [:] { response.headers[field.name] = field.value }
    }

    static let unavailable: (HTTPResponse.Status, String, String?) =
        (.serviceUnavailable, "La base de données ne répond pas pour l'instant : rien n'a été enregistré. Réessayez dans un instant.", nil)

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case let error as HTTPError:
            // The framework's own wording (a path parameter that is not a number: "Parameter 'nil' can not be
            // converted…", or none at all) never reaches a page: said in French.
            if let body = error.body, !body.hasPrefix("Parameter ") { (error.status, body, nil) }
            else if error.body != nil { (error.status, "Adresse invalide : un numéro est attendu.", nil) }
            else { (error.status, frenchReason(error.status), nil) }
        case let error as CRMError:
            switch error {
            case .notFound: (.notFound, "Introuvable.", nil)
            case let .forbidden(reason): (.forbidden, "Action non autorisée : \(reason).", nil)
            case let .invalid(field, reason): (.unprocessableContent, "\(FieldNames.french(field)) : \(reason).", field)
            case .storage: (.internalServerError, "Une erreur est survenue. Réessayez dans un instant.", nil)
            case .unavailable: unavailable
            }
        case let error as StorageError where error.isUnavailable: unavailable
        case RecordsError.unavailable: unavailable
        case ConsentError.unavailable: unavailable
        case let error as SearchError: WorkflowMessages.describe(error)
        case let error as ConsentError: WorkflowMessages.describe(error)
        case let error as WorkflowError: WorkflowMessages.describe(error)
        case is DecodingError: (.badRequest, "Requête mal formée.", nil)
        case is NIOTooManyBytesError: (.contentTooLarge, "Envoi trop volumineux : 3 Mo au plus (10 Mo pour un document PDF).", nil)
        default: (.internalServerError, "Une erreur est survenue. Réessayez dans un instant.", nil)
        }
    }
}

/// The words for a status when nothing more is known, in the desk's language.
func frenchReason(_ status: HTTPResponse.Status) -> String {
    switch status.code {
    case 400: "Requête mal formée."
    case 401: "Connectez-vous pour continuer."
    case 403: "Action non autorisée."
    case 404: "Introuvable."
    case 405: "Méthode non prise en charge ici."
    case 413: "Envoi trop volumineux."
    case 415: "Type de contenu non pris en charge."
    case 429: "Trop de demandes : réessayez dans un instant."
    case 503: "Service momentanément indisponible : réessayez dans un instant."
    default: status.code >= 500 ? "Une erreur est survenue. Réessayez dans un instant." : "La demande n'a pas pu aboutir."
    }
}

/// Answers 405 (with `Allow`) for a path the app knows asked with a method it does not declare.
/// Added after every route, it only sees requests no route answered.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    let routes: [RouteInfo]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let methods = routes.filter { $0.matches(path: request.uri.path) }.map(\.method)
        guard !methods.isEmpty, !methods.contains(request.method) else { return try await next(request, context) }
        throw HTTPError(.methodNotAllowed, headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")],
                        message: "Méthode \(request.method.rawValue) non prise en charge ici.")
    }
}

enum FieldNames {
    static let french = [
        "email": "Adresse e-mail", "password": "Mot de passe", "name": "Nom", "themes": "Thèmes", "party.size": "Nombre de personnes",
        "stay.nights": "Nombre de nuits", "label": "Libellé", "primary": "Couleur principale", "muted": "Couleur secondaire", "logo": "Logo",
        "office": "Office", "query": "Recherche", "current": "Mot de passe actuel", "confirmation": "Confirmation",
        "lastName": "Nom", "request": "Demande", "receptionPoint": "Point d'accueil", "originCountry": "Pays d'origine", "requestType": "Type de demande", "confirm": "Confirmation",
        "inactiveYears": "Durée sans échange", "warningDays": "Délai de prévenance", "messageDays": "Conservation des messages",
        "criteria": "Critères", "rate": "Envois par minute", "since": "Dernier contact à partir du", "before": "Dernier contact avant le",
        "context": "Où et quand", "file": "Fichier", "mode": "Mode de collecte", "columns": "Colonnes", "processings": "Traitements",
        "receptionPoints": "Points d'accueil",
    ]
    static func french(_ field: String) -> String { french[field] ?? field }
}
