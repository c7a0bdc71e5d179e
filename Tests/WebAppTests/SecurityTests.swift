import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Records
import Search
import WebApp

@Suite("Web app: sessions, CSRF, headers, errors",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct SecurityTests {
    @Test func everyAnswerCarriesSecurityHeaders() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            for uri in ["/login", "/api/suggest?q=cha", "/static/app.css", "/nowhere"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.init("Content-Security-Policy")!]?.contains("default-src 'self'") == true, "\(uri)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            }
        }
    }

    @Test func stateChangesWithoutTheCSRFTokenAreRefused() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            let forged = try await client.execute(uri: "/api/basket/items", method: .post,
                                                  headers: [.cookie: "guichet_session=\(browser.cookie)", .contentType: "application/json"],
                                                  body: ByteBuffer(string: "{\"id\": 100001}"))
            #expect(forged.status == .forbidden)
            let wrong = try await client.execute(uri: "/requests", method: .post,
                                                 headers: [.cookie: "guichet_session=\(browser.cookie)", .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "_csrf=0000&contactMode=guichet"))
            #expect(wrong.status == .forbidden && String(buffer: wrong.body).contains("CSRF"))
            let good = try await client.execute(uri: "/api/basket/items", method: .post, headers: browser.headers, body: ByteBuffer(string: "{\"id\": 100001}"))
            #expect(good.status == .ok)
        }
    }

    @Test func logoutEndsTheSessionAndIdleSessionsExpire() async throws {
        let desk = try await Desk.make()
        let sessions = desk.services.sessions
        try await desk.server.application().test(.router) { client in
            let first = try await Desk.signIn(client, "agent@annecy.demo")
            let out = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: "guichet_session=\(first.cookie)",
                                                                                       .contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "_csrf=\(first.csrf)"))
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: first.headers).status == .unauthorized)
            let second = try await Desk.signIn(client, "agent@annecy.demo")
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: second.headers).status == .ok)
            try await sessions.age(cookie: second.cookie, sinceSignIn: 9 * 3600, sinceLastSeen: 9 * 3600)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: second.headers).status == .unauthorized)
            let page = try await client.execute(uri: "/requests", method: .get, headers: second.headers)
            #expect(page.status == .seeOther && page.headers[.location] == "/login?next=/requests")
        }
    }

    @Test func signInAttemptsAreSlowedDownNotLocked() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let form = try await Desk.loginForm(client)
            for _ in 0..<3 {
                let response = try await form.post(client, "email=agent@annecy.demo&password=wrong-password")
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("incorrect"))
            }
            // Then each failure makes the next try wait longer (1 s, 2 s, 4 s…): guesses soon meet a delay.
            var waiting: TestResponse?
            for _ in 0..<8 {
                let response = try await form.post(client, "email=agent@annecy.demo&password=wrong-password")
                if response.status == .tooManyRequests { waiting = response; break }
                #expect(response.status == .unauthorized)
            }
            let refused = try #require(waiting)
            #expect(refused.headers[.retryAfter] != nil && String(buffer: refused.body).contains("secondes"))
            // Another account is not slowed by this one's failures.
            _ = try await Desk.signIn(client, "agent@chambery.demo")
        }
    }

    @Test func delaysGrowWithFailuresAndASuccessClearsTheAccount() async throws {
        let throttle = LoginThrottle()
        let keys = [LoginThrottle.Key.account("a@b.org"), LoginThrottle.Key.address("192.0.2.1")]
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<3 { #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(Double(i))) == .go(at: start.addingTimeInterval(Double(i)))) }
        // Three failures: the next try waits 1 s after the last, then 2 s, then 4 s.
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(2.5)) == .wait(seconds: 1))
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(3)) == .go(at: start.addingTimeInterval(3)))
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(4)) == .wait(seconds: 1))
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(5)) == .go(at: start.addingTimeInterval(5)))
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(6)) == .wait(seconds: 3))
        // A success (the last reservation) clears the account, not the address's other failures.
        try await throttle.succeeded(keys, reservedAt: start.addingTimeInterval(5))
        #expect(try await throttle.reserve([keys[0]], now: start.addingTimeInterval(6)) == .go(at: start.addingTimeInterval(6)))
        // After the window, everything is forgotten.
        #expect(try await throttle.reserve(keys, now: start.addingTimeInterval(16 * 60)) == .go(at: start.addingTimeInterval(16 * 60)))
    }

    @Test func errorsAreFrenchSentencesNotTraces() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            let missing = try await client.execute(uri: "/requests/999999", method: .get, headers: browser.headers)
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("Page introuvable"))
            let bad = try await client.execute(uri: "/api/search?from=2026-13-45", method: .get, headers: browser.headers)
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("\"error\""))
            let invalid = try await client.execute(uri: "/requests", method: .post, headers: [.cookie: "guichet_session=\(browser.cookie)",
                                                                                            .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "_csrf=\(browser.csrf)&contactMode=guichet&email=pas-une-adresse&lastName=X"))
            // The sentence stands under the e-mail field, which keeps what was typed.
            let page = String(buffer: invalid.body)
            #expect(invalid.status == .unprocessableContent)
            #expect(page.contains("id=\"email-error\"") && page.contains("Adresse e-mail") && page.contains("value=\"pas-une-adresse\""))
        }
    }

    @Test func premiumSearchesTheRegionStartOnlyItsOwnRecords() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let premium = try await Desk.signIn(client, "agent@annecy.demo")
            let start = try await Desk.signIn(client, "agent@chambery.demo")
            let region = try await client.execute(uri: "/api/search?scope=region&limit=1", method: .get, headers: premium.headers)
            let own = try await client.execute(uri: "/api/search?limit=1", method: .get, headers: premium.headers)
            #expect(region.status == .ok && own.status == .ok)
            let total = { (body: ByteBuffer) throws -> Int in
                try #require((try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])?["total"] as? Int)
            }
            let (regionTotal, ownTotal) = (try total(region.body), try total(own.body))
            #expect(ownTotal > 0 && regionTotal > ownTotal, "region \(regionTotal), own \(ownTotal)")
            #expect(try await client.execute(uri: "/api/search?scope=region", method: .get, headers: start.headers).status == .forbidden)
        }
    }
}

@Suite("Web app: search index follows imports",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct IndexRefreshTests {
    @Test func recordsImportedWhileServingAreFoundAfterTheRefresh() async throws {
        let desk = try await Desk.make()
        #expect(try desk.services.search.refresh() == .unchanged)
        let file = try desk.t.file("new.json", "[" + sampleRecord(id: 999_001, name: "Zébulon Lodge", member: 1001) + "]")
        _ = try Importer(store: RecordStore(path: desk.services.records.path)).importPaths([file])
        #expect(try desk.services.search.refresh() == .applied(records: 1))
        #expect(try desk.services.engine.search(SearchQuery(text: "zebul")).results.map(\.id) == [999_001])
        _ = try Importer(store: RecordStore(path: desk.services.records.path)).importPaths([file])  // unchanged
        #expect(try desk.services.search.refresh() == .unchanged)
    }
}
