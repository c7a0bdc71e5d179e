import CRM
import Foundation
import HTTPTypes
import Hummingbird

/// One route as the app declares it: what it needs and which of its path parameters name objects
/// of an office. The tenant-isolation tests walk this table, so a new route is covered by them
/// without a new test.
public struct RouteInfo: Sendable, Hashable {
    public enum Access: String, Sendable, Hashable {
        /// No session needed.
        case open
        /// A user of an office (agent or office admin).
        case signedIn
        /// Anyone signed in, the regional admin included (statistics, own account).
        case anySignedIn
        case officeAdmin
        case regionalAdmin
    }
    /// Kinds of objects that belong to an office (`record`: a record outside a START office's own).
    public enum Object: String, Sendable, Hashable { case request, contact, savedSearch, message, user, record, campaign, token, document }

    public var method: HTTPRequest.Method
    /// Hummingbird's pattern, e.g. `/api/requests/{requestID}`.
    public var path: String
    public var access: Access
    /// Path parameter → the kind of object it names.
    public var objects: [String: Object]
    /// Field of the body or the query string → the kind of object it names.
    public var inputs: [String: Object] = [:]

    public var isAPI: Bool { path.hasPrefix("/api/") }

    /// Whether a request path falls on this route's pattern (`{name}` takes one segment).
    func matches(path requested: String) -> Bool {
        let pattern = path.split(separator: "/"), segments = requested.split(separator: "/")
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
    /// Form and API posts from the browser need the session's CSRF token.
    public var changesState: Bool { method != .get && method != .head }
}

/// Registers routes on the router and records them in the table, wrapping each handler with its
/// access check and, for state changes by a signed-in browser, the CSRF check. Used while the
/// server is assembled, on one thread.
final class RouteBuilder {
    let router: Router<WebContext>
    private(set) var table: [RouteInfo] = []

    init(router: Router<WebContext>) { self.router = router }

    func add(_ method: HTTPRequest.Method, _ path: String, _ access: RouteInfo.Access, objects: [String: RouteInfo.Object] = [:],
             inputs: [String: RouteInfo.Object] = [:], use handler: @escaping @Sendable (Request, WebContext) async throws -> Response) {
        let info = RouteInfo(method: method, path: path, access: access, objects: objects, inputs: inputs)
        table.append(info)
        router.on(RouterPath(path), method: method) { request, context in
            var request = request
            try await Self.check(info, &request, context)
            return try await handler(request, context)
        }
    }

    static func check(_ info: RouteInfo, _ request: inout Request, _ context: WebContext) async throws {
        guard info.access != .open else { return }
        let caller = try context.requireCaller()
        switch info.access {
        case .open, .signedIn, .anySignedIn: break
        case .officeAdmin:
            guard caller.role == .officeAdmin else { throw HTTPError(.forbidden, message: "Réservé aux administrateurs de l'office.") }
        case .regionalAdmin:
            guard caller.role == .regionalAdmin else { throw HTTPError(.forbidden, message: "Réservé à l'administrateur régional.") }
        }
        if info.access == .signedIn || info.access == .officeAdmin, caller.role == .regionalAdmin {
            throw HTTPError(.forbidden, message: "L'administrateur régional ne voit pas les données des offices.")
        }
        if info.changesState, !context.viaToken {
            var sent = request.headers[.init("X-CSRF-Token")!]
            if sent == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                // A form: the token is its `_csrf` field. The body stays readable for the handler.
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                sent = Form(String(buffer: body))["_csrf"]
            }
            guard let session = context.session, let sent, Self.equal(sent, session.csrf) else {
                throw HTTPError(.forbidden, message: "Jeton de sécurité (CSRF) manquant ou périmé : rechargez la page.")
            }
        }
    }

    /// Constant-time comparison.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
