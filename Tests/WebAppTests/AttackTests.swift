import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// What an attacker tried against the running server, each answered as it must be.
@Suite("Web app: attacks on redirects, bodies and sign-in",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct AttackTests {
    @Test(arguments: [("/%09/evil.example", "/"), ("//evil.example", "/"), ("/%5Cevil.example", "/"), ("/\\evil.example", "/"),
                      ("/%0D%0ALocation:%20x", "/"), ("https://evil.example", "/"), ("/a%20b", "/"), ("/requests/12", "/requests/12"),
                      ("/stats?from=2026-01-01", "/stats?from=2026-01-01")])
    func redirectsStayOnTheSite(next: String, location: String) async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let response = try await client.execute(uri: "/language/fr?next=" + next, method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location, "\(next) → \(response.headers[.location] ?? "nil")")
        }
    }

    @Test func bodiesOverTheLimitAnswer413NotA500() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            let big = String(repeating: "a", count: 4 * 1024 * 1024)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let login = try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "email=" + big))
            #expect(login.status == .contentTooLarge && String(buffer: login.body).contains("trop volumineux"))
            var signedForm = browser.headers
            signedForm[.contentType] = "application/x-www-form-urlencoded"
            let request = try await client.execute(uri: "/requests", method: .post, headers: signedForm,
                                                   body: ByteBuffer(string: "_csrf=\(browser.csrf)&notes=" + big))
            #expect(request.status == .contentTooLarge)
            let api = try await client.execute(uri: "/api/basket/items", method: .post, headers: browser.headers,
                                               body: ByteBuffer(string: "{\"id\": 1, \"x\": \"\(big)\"}"))
            #expect(api.status == .contentTooLarge && String(buffer: api.body).contains("\"error\""))
        }
    }

    @Test func communesRefuseALongQuery() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            let long = String(repeating: "a", count: 60_000)
            #expect(try await client.execute(uri: "/api/communes?q=" + long, method: .get, headers: browser.headers).status == .badRequest)
            #expect(try await client.execute(uri: "/api/communes?q=annecy", method: .get, headers: browser.headers).status == .ok)
        }
    }
}
