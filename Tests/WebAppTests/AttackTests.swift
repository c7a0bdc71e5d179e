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
        let routes = desk.server.routes
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            let big = String(repeating: "a", count: 4 * 1024 * 1024)
            let login = try await Desk.loginForm(client).post(client, "email=" + big)
            #expect(login.status == .contentTooLarge && String(buffer: login.body).contains("trop volumineux"))
            var signedForm = browser.headers
            signedForm[.contentType] = "application/x-www-form-urlencoded"
            let request = try await client.execute(uri: "/requests", method: .post, headers: signedForm,
                                                   body: ByteBuffer(string: "_csrf=\(browser.csrf)&notes=" + big))
            #expect(request.status == .contentTooLarge)
            let api = try await client.execute(uri: "/api/basket/items", method: .post, headers: browser.headers,
                                               body: ByteBuffer(string: "{\"id\": 1, \"x\": \"\(big)\"}"))
            #expect(api.status == .contentTooLarge && String(buffer: api.body).contains("\"error\""))
            // The public consent pages read their forms under the same limit.
            for path in ["/consent/unsubscribe/x.y", "/consent/preferences/x.y"] {
                let response = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                        body: ByteBuffer(string: "on=" + big))
                #expect(response.status == .contentTooLarge, "\(path) → \(response.status)")
            }
            // Every route that takes a body, walked as an office admin: refused whole, never a server error.
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            // (Signing out would end the walk's session: it reads no body.)
            for route in routes where [.post, .put, .delete].contains(route.method) && route.path != "/logout" {
                let path = route.path.split(separator: "/").map { $0.hasPrefix("{") ? "1" : String($0) }.joined(separator: "/")
                var headers = admin.headers
                headers[.contentType] = route.isAPI ? "application/json" : "application/x-www-form-urlencoded"
                let body = route.isAPI ? "{\"x\": \"\(big)\"}" : "_csrf=\(admin.csrf)&x=" + big
                let status = try await client.execute(uri: "/" + path, method: route.method, headers: headers, body: ByteBuffer(string: body)).status
                // A DELETE reads no body: it is ignored, never stored.
                #expect(status.code < 500 && (route.method == .delete || (status != .ok && status != .seeOther)), "\(route.method) \(route.path) → \(status)")
            }
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

    @Test func anotherOfficeTypingAKnownEmailSeesNothingOfThePerson() async throws {
        // setup: Annecy (office 1) knows a visitor well.
        let desk = try await Desk.make()
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa Martin")
        let known = try desk.services.crm.contacts.add(Contact(firstName: "Anne", lastName: "Secrète", email: "anne.secrete@example.org",
                                                              phone: "04 50 00 00 00", birthDate: "1975-05-05", notes: "Note interne d'Annecy"),
                                                      by: annecy)
        let request = try desk.services.crm.requests.add(InformationRequest(contactID: known.id, contactMode: .email, subject: "Séjour"), by: annecy)
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // MUT: Chambéry's agent records a request with that email, then reads the contact.
            let chambery = try await Desk.signIn(client, "agent@chambery.demo")
            var form = chambery.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let recorded = try await client.execute(uri: "/requests", method: .post, headers: form,
                                                    body: ByteBuffer(string: "_csrf=\(chambery.csrf)&contactMode=guichet&email=anne.secrete%40example.org&lastName=Pirate&postalCode=73000"))
            #expect(recorded.status == .seeOther)
            // Chambéry's own reference for her: never Annecy's (which would tell that Annecy knew her first).
            let theirs = try #require(try crm.contacts.contact(email: "anne.secrete@example.org", by: .agent(of: 2))).id
            #expect(theirs != known.id)
            #expect(try await client.execute(uri: "/contacts/\(known.id)", method: .get, headers: chambery.headers).status == .notFound)
            let api = try await client.execute(uri: "/api/contacts/\(theirs)", method: .get, headers: chambery.headers)
            let page = try await client.execute(uri: "/contacts/\(theirs)", method: .get, headers: chambery.headers)
            // validation: Chambéry sees what it typed, nothing Annecy collected.
            #expect(api.status == .ok && page.status == .ok)
            for body in [String(buffer: api.body), String(buffer: page.body)] {
                #expect(!body.contains("04 50 00 00 00") && !body.contains("1975-05-05") && !body.contains("Note interne") && !body.contains("Secrète"))
                #expect(!body.contains("Séjour"))
            }
            // A look-alike of Chambéry's own, merged with the claimed person: Annecy's request and reply address stay.
            let lookAlike = try crm.contacts.add(Contact(lastName: "Pirate", email: "pirate@evil.example", postalCode: "73000"),
                                                               by: Caller(role: .agent, officeID: 2, userName: "Hugo"))
            let merge = try await client.execute(uri: "/contacts/\(lookAlike.id)/merge", method: .post, headers: form,
                                                 body: ByteBuffer(string: "_csrf=\(chambery.csrf)&duplicate=\(theirs)"))
            #expect(merge.status == .seeOther)
        }
        #expect(try desk.services.crm.requests.request(id: request.id, by: annecy).contactID == known.id)
        #expect(try desk.services.crm.contacts.contact(id: known.id, by: annecy).email == "anne.secrete@example.org")
        #expect(try desk.services.crm.contacts.contact(id: known.id, by: annecy).notes == "Note interne d'Annecy")
    }

    @Test func aMergeOfContactsThatAreNotDuplicatesIsRefused() async throws {
        let desk = try await Desk.make()
        let agent = Caller(role: .agent, officeID: 1, userName: "Léa Martin")
        let one = try desk.services.crm.contacts.add(Contact(lastName: "Martin", email: "un@example.org"), by: agent)
        let other = try desk.services.crm.contacts.add(Contact(lastName: "Durand", email: "deux@example.org"), by: agent)
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            var form = browser.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let merge = try await client.execute(uri: "/contacts/\(one.id)/merge", method: .post, headers: form,
                                                 body: ByteBuffer(string: "_csrf=\(browser.csrf)&duplicate=\(other.id)"))
            #expect(merge.status == .unprocessableContent)
        }
        #expect(try desk.services.crm.contacts.contact(id: other.id, by: agent).lastName == "Durand")
    }

    @Test func aSignInPostedWithoutTheFormsTokenIsRefused() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let forged = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "email=agent@annecy.demo&password=\(DemoSeed.password)"))
            #expect(forged.status == .forbidden && forged.headers[.setCookie]?.contains("guichet_session=") != true)
            let form = try await Desk.loginForm(client)
            let wrongToken = try await client.execute(uri: "/login", method: .post,
                                                      headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "guichet_login=\(form.cookie)"],
                                                      body: ByteBuffer(string: "_csrf=0000&email=agent@annecy.demo&password=\(DemoSeed.password)"))
            #expect(wrongToken.status == .forbidden)
        }
    }

    @Test func aBurstOfParallelGuessesGetsNoMoreThanTheFreeTries() async throws {
        // setup: 40 wrong passwords at once for one account.
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let form = try await Desk.loginForm(client)
            // MUT
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 { group.addTask { try await form.post(client, "email=admin@annecy.demo&password=guess-guess").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // validation: three passwords checked, the others told to wait before any check.
            #expect(statuses.filter { $0 == .unauthorized }.count == 3, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 37)
        }
    }

    @Test func theThrottleCountsTheClientBehindATrustedProxyOnly() async throws {
        let desk = try await Desk.make(trustedProxies: ["10.0.0.2"])
        let services = desk.services
        let request = { (forwarded: String) in
            Request(head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/login",
                                      headerFields: [.init("X-Forwarded-For")!: forwarded]), body: .init(buffer: ByteBuffer()))
        }
        #expect(services.clientAddress(request("6.6.6.6, 203.0.113.7"), peer: "10.0.0.2") == "203.0.113.7")
        #expect(services.clientAddress(request("203.0.113.7, 10.0.0.2"), peer: "10.0.0.2") == "203.0.113.7")
        #expect(services.clientAddress(request("6.6.6.6"), peer: "198.51.100.9") == "198.51.100.9")  // not a proxy: header ignored
    }
}
