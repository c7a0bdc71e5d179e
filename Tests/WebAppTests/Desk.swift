import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mail
import Records
import Storage
import WebApp
import Workflows

/// A seeded demo database and the app over it; sign-in helpers for each demo account.
struct Desk {
    let t: TemporaryStore
    /// The PostgreSQL database the desk runs on (nil: SQLite in `t`'s folder).
    let database: TestDatabase?
    let services: GuichetServices
    let server: GuichetServer

    static func make(_ engine: Engine = .sqlite, trustedProxies: Set<String> = [], smtp: SMTPConfiguration? = nil, apidae: ApidaeConfiguration? = nil,
                     publicURL: String = "http://localhost:8080") async throws -> Desk {
        let t = try TemporaryStore()
        let testDatabase = engine == .postgres ? try TestDatabase(.postgres) : nil
        let database = try testDatabase.map { try $0.open(GuichetDatabase.migrations, connections: 12) }
            ?? GuichetDatabase.open(.sqlite(path: t.folder.appendingPathComponent("web.sqlite").path))
        _ = try DemoSeed.seed(database: database, records: 400) { _ in }
        let services = try await GuichetServices(database: database, home: GuichetHome(folder: TestData.repository), photoCache: nil,
                                                 smtp: smtp, secureCookies: false, trustedProxies: trustedProxies, publicURL: publicURL, apidae: apidae,
                                                 syncStaging: t.folder.appendingPathComponent("sync"), nodeFolder: t.folder.appendingPathComponent("node"))
        return Desk(t: t, database: testDatabase, services: services, server: GuichetServer(services: services))
    }

    /// A signed-in browser: its cookie and CSRF token.
    struct Browser {
        var cookie: String
        var csrf: String

        var headers: HTTPFields {
            [.cookie: "guichet_session=\(cookie)", .init("X-CSRF-Token")!: csrf, .contentType: "application/json"]
        }
    }

    /// The sign-in form as a browser gets it: its token and the cookie that goes with it.
    struct LoginForm {
        var cookie: String
        var token: String

        /// Posts the form with these fields (URL-encoded by the caller).
        func post(_ client: some TestClientProtocol, _ fields: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "guichet_login=\(cookie)"]
            headers.append(contentsOf: extra)
            return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(token)&" + fields))
        }
    }

    static func loginForm(_ client: some TestClientProtocol) async throws -> LoginForm {
        let page = try await client.execute(uri: "/login", method: .get)
        guard let setCookie = page.headers[.setCookie], let start = setCookie.range(of: "guichet_login="),
              let field = String(buffer: page.body).range(of: "name=\"_csrf\" value=\"") else {
            throw TestSupportError("the sign-in page has no token")
        }
        let body = String(buffer: page.body)
        return LoginForm(cookie: String(setCookie[start.upperBound...].prefix { $0 != ";" }), token: String(body[field.upperBound...].prefix { $0 != "\"" }))
    }

    static func signIn(_ client: some TestClientProtocol, _ email: String, password: String = DemoSeed.password) async throws -> Browser {
        let login = try await loginForm(client).post(client, "email=\(email)&password=\(password)")
        guard let setCookie = login.headers[.setCookie], let start = setCookie.range(of: "guichet_session=") else {
            throw TestSupportError("sign-in failed for \(email): \(login.status)")
        }
        let cookie = String(setCookie[start.upperBound...].prefix { $0 != ";" })
        let page = try await client.execute(uri: "/stats", method: .get, headers: [.cookie: "guichet_session=\(cookie)"])
        let html = String(buffer: page.body)
        guard let meta = html.range(of: "name=\"csrf\" content=\"") else { throw TestSupportError("no CSRF token on the page") }
        return Browser(cookie: cookie, csrf: String(html[meta.upperBound...].prefix { $0 != "\"" }))
    }
}
