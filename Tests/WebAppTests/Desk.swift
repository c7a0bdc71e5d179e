import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Records
import WebApp
import Workflows

/// A seeded demo database and the app over it; sign-in helpers for each demo account.
struct Desk {
    let t: TemporaryStore
    let services: GuichetServices
    let server: GuichetServer

    static func make() async throws -> Desk {
        let t = try TemporaryStore()
        let path = t.folder.appendingPathComponent("web.sqlite").path
        _ = try DemoSeed.seed(databasePath: path, records: 400) { _ in }
        let services = try await GuichetServices(databasePath: path, home: GuichetHome(folder: TestData.repository), photoCache: nil,
                                                 smtp: nil, secureCookies: false)
        return Desk(t: t, services: services, server: GuichetServer(services: services))
    }

    /// A signed-in browser: its cookie and CSRF token.
    struct Browser {
        var cookie: String
        var csrf: String

        var headers: HTTPFields {
            [.cookie: "guichet_session=\(cookie)", .init("X-CSRF-Token")!: csrf, .contentType: "application/json"]
        }
    }

    static func signIn(_ client: some TestClientProtocol, _ email: String, password: String = DemoSeed.password) async throws -> Browser {
        let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "email=\(email)&password=\(password)"))
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
