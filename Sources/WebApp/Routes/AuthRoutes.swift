import CRM
import Foundation
import Hummingbird

extension GuichetServer {
    func addAuthRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/login", .open) { request, context in
            if context.caller != nil { return Pages.redirect("/") }
            return try Pages.render(self.services, "login", title: context.text("signIn"), context: context,
                                    data: ["next": Self.safeNext(request.uri.queryParameters.get("next"))])
        }

        routes.add(.post, "/login", .open) { request, context in
            let form = try await Form.read(request, context: context)
            let email = (form["email"] ?? "").lowercased()
            // Per account, and per address when the connection has one (not through the test router).
            let keys = [LoginThrottle.Key.account(email)] + (context.remoteAddress.map { [LoginThrottle.Key.address($0)] } ?? [])
            let next = Self.safeNext(form["next"])
            if let wait = await self.services.throttle.retryAfter(keys) {
                var response = try Pages.render(self.services, "login", title: context.text("signIn"), context: context,
                                                data: ["error": context.language == .en ? "Too many attempts: try again in \(wait / 60 + 1) minutes."
                                                                : "Trop de tentatives : réessayez dans \(wait / 60 + 1) minutes.", "email": email, "next": next],
                                                status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            guard let user = try self.services.crm.authenticate(email: email, password: form["password"] ?? "") else {
                await self.services.throttle.failed(keys)
                return try Pages.render(self.services, "login", title: context.text("signIn"), context: context,
                                        data: ["error": context.language == .en ? "Wrong e-mail address or password." : "Adresse e-mail ou mot de passe incorrect.",
                                               "email": email, "next": next], status: .unauthorized)
            }
            await self.services.throttle.succeeded(keys)
            let (cookie, _) = await self.services.sessions.open(for: user)
            var response = Pages.redirect(user.role == .regionalAdmin && next == "/" ? "/admin" : next)
            response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: cookie, path: "/", secure: self.services.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }

        routes.add(.post, "/logout", .anySignedIn) { request, context in
            if let cookie = request.cookies[AuthenticationMiddleware.cookieName]?.value { await self.services.sessions.close(cookie: cookie) }
            var response = Pages.redirect("/login")
            response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: self.services.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
    }

    func addLanguageRoute(_ routes: RouteBuilder) {
        routes.add(.get, "/language/{code}", .open) { request, context in
            guard let language = UILanguage(rawValue: context.parameters.get("code") ?? "") else {
                throw HTTPError(.notFound, message: "fr, en")
            }
            var response = Pages.redirect(Self.safeNext(request.uri.queryParameters.get("next")))
            response.setCookie(Cookie(name: UILanguage.cookieName, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                      secure: self.services.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// Only a local path: never send a signed-in agent to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
