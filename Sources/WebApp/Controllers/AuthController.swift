import CRM
import Foundation
import Hummingbird

/// Signing in and out, and the interface's language.
struct AuthController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/login", .open, use: form)
        routes.add(.post, "/login", .open, use: signIn)
        routes.add(.post, "/logout", .anySignedIn, use: signOut)
        routes.add(.get, "/language/{code}", .open, use: language)
    }

    @Sendable func form(_ request: Request, _ context: WebContext) async throws -> Response {
        if context.caller != nil { return Pages.redirect("/") }
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let token = Digest.randomHex(bytes: 24)
        var response = try await services.blocking.run { [services] in
            try Pages.render(services, "login", title: context.text("signIn"), context: context, data: ["next": next, "loginCSRF": token])
        }
        response.setCookie(Self.loginCookie(token, secure: services.secureCookies))
        return response
    }

    /// Sign-in: the form's token must match its cookie (no sign-in forged from another site); the
    /// attempt is reserved before the password is checked; the password is checked on its own
    /// thread. A refusal shows the form again with a fresh token.
    @Sendable func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = try await Form.read(request, context: context)
        let email = (form["email"] ?? "").lowercased()
        let next = Self.safeNext(form["next"])
        let services = services
        func page(_ error: String, _ status: HTTPResponse.Status) async throws -> Response {
            let token = Digest.randomHex(bytes: 24)
            var response = try await services.blocking.run {
                try Pages.render(services, "login", title: context.text("signIn"), context: context,
                                 data: ["error": error, "email": email, "next": next, "loginCSRF": token], status: status)
            }
            response.setCookie(Self.loginCookie(token, secure: services.secureCookies))
            return response
        }
        guard let sent = form["_csrf"], let expected = request.cookies[Self.loginCookieName]?.value, RouteBuilder.equal(sent, expected) else {
            return try await page(context.language == .en ? "The sign-in form has expired: please try again."
                                                           : "Le formulaire de connexion a expiré : veuillez réessayer.", .forbidden)
        }
        let client = services.clientAddress(request, peer: context.remoteAddress)
        // Per account, and per client address when the connection has one (not through the test router).
        let keys = [LoginThrottle.Key.account(email)] + (client.map { [LoginThrottle.Key.address($0)] } ?? [])
        let reserved: Date
        switch try await services.throttle.reserve(keys) {
        case let .go(at): reserved = at
        case let .wait(seconds):
            var response = try await page(Self.waitMessage(seconds, context.language), .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        let password = form["password"] ?? ""
        let accounts = services.userAccounts
        guard let user = try await services.blocking.password({ try accounts.authenticate(email: email, password: password) }) else {
            return try await page(context.language == .en ? "Wrong e-mail address or password." : "Adresse e-mail ou mot de passe incorrect.",
                                  .unauthorized)
        }
        try await services.throttle.succeeded(keys, reservedAt: reserved)
        let (cookie, _) = try await services.sessions.open(for: user)
        var response = Pages.redirect(user.role == .regionalAdmin && next == "/" ? "/admin" : next)
        response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: cookie, path: "/", secure: services.secureCookies,
                                  httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: Self.loginCookieName, value: "", maxAge: 0, path: "/login", secure: services.secureCookies,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    static let loginCookieName = "guichet_login"

    /// The sign-in form's token, also in this cookie (double submit): a form posted from another
    /// site cannot read it.
    static func loginCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: loginCookieName, value: token, maxAge: 3600, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func waitMessage(_ seconds: Int, _ language: UILanguage) -> String {
        let amount = seconds < 60 ? (language == .en ? "\(seconds) seconds" : "\(seconds) secondes")
            : (language == .en ? "\(seconds / 60 + 1) minutes" : "\(seconds / 60 + 1) minutes")
        return language == .en ? "Too many attempts: try again in \(amount)." : "Trop de tentatives : réessayez dans \(amount)."
    }

    @Sendable func signOut(_ request: Request, _ context: WebContext) async throws -> Response {
        if let cookie = request.cookies[AuthenticationMiddleware.cookieName]?.value { await services.sessions.close(cookie: cookie) }
        var response = Pages.redirect("/login")
        // Nothing of the session stays on a shared tablet: the offline copies and the device's
        // stores go too (the page has already sent or discarded the entries waiting there).
        response.headers[.init("Clear-Site-Data")!] = "\"cache\", \"storage\""
        response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: services.secureCookies,
                                  httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func language(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let language = UILanguage(rawValue: context.parameters.get("code") ?? "") else {
            throw HTTPError(.notFound, message: "fr, en")
        }
        var response = Pages.redirect(Self.safeNext(request.uri.queryParameters.get("next")))
        response.setCookie(Cookie(name: UILanguage.cookieName, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                  secure: services.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Only a local path — one `/`, then neither `/` nor `\`, and no control character, space or
    /// backslash anywhere (browsers drop a tab and follow `/<TAB>/evil.example` to another site) —
    /// else `/`: never send a signed-in agent to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/") else { return "/" }
        let scalars = Array(next.unicodeScalars)
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return "/" }
        guard scalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" && !$0.properties.isWhitespace
                                   && $0.properties.generalCategory != .control && $0.properties.generalCategory != .format }) else { return "/" }
        return next
    }
}
