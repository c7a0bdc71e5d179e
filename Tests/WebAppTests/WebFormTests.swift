import CRM
import Consent
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebApp
import Workflows

@Suite("The public request form: framed by the office's sites, posted as JSON, guarded against robots and floods",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct WebFormTests {
    static let site = "https://www.lac-annecy.example"

    /// The office admin declares the site and reads the form's key from the integration page.
    func formKey(_ client: some TestClientProtocol) async throws -> String {
        let admin = try await Desk.signIn(client, "admin@annecy.demo")
        var form = admin.headers
        form[.contentType] = "application/x-www-form-urlencoded"
        let wrong = try await client.execute(uri: "/admin/web-form", method: .post, headers: form,
                                             body: ByteBuffer(string: "_csrf=\(admin.csrf)&origins=javascript%3Aalert(1)"))
        #expect(wrong.status == .unprocessableContent)
        let saved = try await client.execute(uri: "/admin/web-form", method: .post, headers: form,
                                             body: ByteBuffer(string: "_csrf=\(admin.csrf)&origins=" + "\(Self.site)/contact\n\(Self.site)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
        #expect(saved.status == .seeOther)
        let page = String(buffer: try await client.execute(uri: "/admin/web-form", method: .get, headers: admin.headers).body)
        #expect(page.contains("&lt;iframe") && page.contains(Self.site))
        return try #require(page.firstMatch(of: /\/forms\/(wf_[0-9a-f]+)/).map { String($0.1) })
    }

    @Test func aVisitorsRequestFromTheFramedFormLandsAsAWebRequestOfTheOffice() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let consent = desk.services.consent
        try await desk.server.application().test(.router) { client in
            let key = try await formKey(client)
            // The page: framed by the office's site only, never by another.
            let page = try await client.execute(uri: "/forms/\(key)", method: .get)
            let policy = page.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            #expect(page.status == .ok && policy.contains("frame-ancestors 'self' \(Self.site);") && page.headers[HTTPField.Name("X-Frame-Options")!] == nil)
            #expect(String(buffer: page.body).contains("Office de Tourisme du Lac d'Annecy") || String(buffer: page.body).contains("Annecy"))
            #expect(try await client.execute(uri: "/forms/wf_unknown", method: .get).status == .notFound)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func post(_ body: String) async throws -> TestResponse {
                let ticket = try await Self.ticket(client, key)
                return try await client.execute(uri: "/forms/\(key)", method: .post, headers: form, body: ByteBuffer(string: "ticket=\(ticket)&" + body))
            }
            // Missing email: the page again with what was typed, nothing stored.
            let before = try crm.requests.list(contactID: nil, by: .agent(of: 1)).count
            let refused = try await post("typology=B2C&lastName=Sato&message=Bonjour")
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("value=\"Sato\""))
            // A robot fills the hidden field: thanked, nothing stored.
            #expect(try await post("lastName=Bot&email=bot%40example.org&message=spam&website=http%3A%2F%2Fspam.example").status == .seeOther)
            #expect(try crm.requests.list(contactID: nil, by: .agent(of: 1)).count == before)
            // A visitor.
            let sent = try await post("typology=B2C&civility=Mme&lastName=Sato&firstName=Yuki&email=yuki.sato%40example.jp&country=JP"
                                      + "&responseMode=telephone&subject=Randonn%C3%A9es&message=Quelles+randonn%C3%A9es+en+juillet+%3F&consentOwn=on")
            #expect(sent.status == .seeOther && sent.headers[.location] == "/forms/\(key)?sent=1")
            let request = try #require(try crm.requests.list(contactID: nil, by: .agent(of: 1)).first)
            #expect(request.contactMode == .web && request.responseMode == .phone && request.originCountry == "JP" && request.subject == "Randonnées"
                    && request.agent == "Formulaire web")
            let contact = try crm.contacts.contact(id: try #require(request.contactID), by: .agent(of: 1))
            #expect(contact.lastName == "Sato" && contact.email == "yuki.sato@example.jp" && contact.country == "JP")
            // The ticked box is asked by email (double opt-in), its proof naming the web form.
            let events = try consent.store.events(officeID: 1, subject: consent.keys.subject(email: "yuki.sato@example.jp"))
            #expect(events.map(\.kind) == [.asked] && events.first?.mode == .webForm && events.first?.purpose == .own)
            // Another office sees nothing of it.
            #expect(try crm.contacts.contact(email: "yuki.sato@example.jp", by: .agent(of: 2)) == nil)
            // The thank-you page.
            #expect(String(buffer: try await client.execute(uri: "/forms/\(key)?sent=1", method: .get).body).contains("web-form-sent"))
            // An agent of another office, signed in, who posts the form is a visitor of Annecy: nothing lands at Chambéry.
            let hugo = try await Desk.signIn(client, "agent@chambery.demo")
            var signed = hugo.headers
            signed[.contentType] = "application/x-www-form-urlencoded"
            let crossed = try await client.execute(uri: "/forms/\(key)", method: .post, headers: signed,
                                                   body: ByteBuffer(string: "ticket=\(try await Self.ticket(client, key))&lastName=Bernard&email=hugo.visiteur%40example.org&message=Test"))
            #expect(crossed.status == .seeOther)
            #expect(try crm.contacts.contact(email: "hugo.visiteur@example.org", by: .agent(of: 1)) != nil)
            #expect(try crm.contacts.contact(email: "hugo.visiteur@example.org", by: .agent(of: 2)) == nil)
            #expect(try crm.requests.list(contactID: nil, by: .agent(of: 2)).allSatisfy { $0.contactMode != .web })
            // A body over the form's 32 KB: refused whole.
            #expect(try await post("lastName=X&email=x%40example.org&message=" + String(repeating: "a", count: 40_000)).status == .contentTooLarge)
        }
    }

    /// The ticket the rendered page carries in its form.
    static func ticket(_ client: some TestClientProtocol, _ key: String) async throws -> String {
        let page = String(buffer: try await client.execute(uri: "/forms/\(key)", method: .get).body)
        return try #require(page.firstMatch(of: /name="ticket" value="([0-9]+\.[0-9a-f]+)"/).map { String($0.1) })
    }

    /// A hostile page that auto-submits the office's form from its own visitors' browsers: its
    /// Origin is refused as at the JSON endpoint, and without an Origin the form must carry a
    /// ticket that only a page Guichet rendered has.
    @Test func thePagesFormRefusesAnotherSitesOriginAndAPostWithoutItsTicket() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let forms = WebForms(desk: desk.services.consent, records: desk.services.records)
        try await desk.server.application().test(.router) { client in
            // setup
            let key = try await formKey(client)
            let before = try crm.requests.list(contactID: nil, by: .agent(of: 1)).count
            func post(origin: String?, ticket: String?, email: String) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let origin { headers[.origin] = origin }
                let fields = "lastName=Cible&email=\(email)&message=Bonjour&consentOwn=on"
                return try await client.execute(uri: "/forms/\(key)", method: .post, headers: headers,
                                                body: ByteBuffer(string: (ticket.map { "ticket=\($0)&" } ?? "") + fields))
            }
            let ticket = try await Self.ticket(client, key)
            // MUT + validation: another site's Origin, even with a valid ticket: 403, nothing stored, no email.
            #expect(try await post(origin: "https://evil.example", ticket: ticket, email: "victim1%40example.org").status == .forbidden)
            // No Origin and no ticket, a forged one, an expired one: 403.
            #expect(try await post(origin: nil, ticket: nil, email: "victim2%40example.org").status == .forbidden)
            #expect(try await post(origin: nil, ticket: "1999999999.00ff", email: "victim3%40example.org").status == .forbidden)
            let form = try forms.form(key: key)
            let old = forms.pageTicket(for: form, at: Date().addingTimeInterval(-3 * 3600))
            #expect(try await post(origin: nil, ticket: old, email: "victim4%40example.org").status == .forbidden)
            // A ticket made for another office's form does not pass for this one.
            let other = try forms.settings(by: Caller(role: .officeAdmin, officeID: 2, userName: "admin"))
            #expect(try await post(origin: nil, ticket: forms.pageTicket(for: other), email: "victim5%40example.org").status == .forbidden)
            #expect(try crm.requests.list(contactID: nil, by: .agent(of: 1)).count == before)
            for n in 1...5 { #expect(try crm.contacts.contact(email: "victim\(n)@example.org", by: .agent(of: 1)) == nil) }
            for n in 1...5 { #expect(try crm.outbox.list(recipient: "victim\(n)@example.org", by: .agent(of: 1)).isEmpty) }
            // The page itself (its own origin, or a declared site's, or no Origin) with its ticket: received.
            #expect(try await post(origin: "http://localhost:8080", ticket: ticket, email: "vrai1%40example.org").status == .seeOther)
            #expect(try await post(origin: Self.site, ticket: ticket, email: "vrai2%40example.org").status == .seeOther)
            #expect(try await post(origin: nil, ticket: ticket, email: "vrai3%40example.org").status == .seeOther)
            #expect(try crm.requests.list(contactID: nil, by: .agent(of: 1)).count == before + 3)
        }
    }

    /// Only scheme://host[:port] is accepted as a site: what reaches the page's CSP cannot add a directive.
    @Test(arguments: ["https://evil.example;script-src *", "https://a.example'unsafe-inline'", "https://a.example:99999",
                      "https://exa mple.fr", "https://-a.example", "ftp://a.example", "https://user@a.example", "https://a..example"])
    func aSiteWithCharactersOutsideAHostNameIsRefused(typed: String) throws {
        #expect(WebForms.origin(typed) == nil)
    }

    @Test func aSitesAddressKeepsItsSchemeHostAndPort() {
        #expect(WebForms.origin("https://www.Lac-Annecy.example/contact?x=1") == "https://www.lac-annecy.example")
        #expect(WebForms.origin("http://127.0.0.1:8081") == "http://127.0.0.1:8081")
        #expect(WebForms.origin("https://xn--chambry-fya.example") == "https://xn--chambry-fya.example")
    }

    @Test func aWebsitePostsJSONFromItsDeclaredOriginOnly() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let key = try await formKey(client)
            let path = "/api/forms/\(key)/requests"
            let body = #"{"typology": "B2B", "company": "Voyages Dupont", "email": "groupes@voyages-dupont.example", "message": "Devis pour 40 personnes", "#
                + #""postalCode": "74000", "country": "France"}"#
            func post(origin: String?, _ text: String = body) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let origin { headers[.origin] = origin }
                return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: text))
            }
            // Preflight: yes for the office's site, no for another.
            let yes = try await client.execute(uri: path, method: .options, headers: [.origin: Self.site, .accessControlRequestMethod: "POST"])
            #expect(yes.status == .noContent && yes.headers[.accessControlAllowOrigin] == Self.site)
            let no = try await client.execute(uri: path, method: .options, headers: [.origin: "https://evil.example"])
            #expect(no.status == .forbidden && no.headers[.accessControlAllowOrigin] == nil)
            // Another site: refused, nothing stored.
            #expect(try await post(origin: "https://evil.example").status == .forbidden)
            #expect(try crm.contacts.contact(email: "groupes@voyages-dupont.example", by: .agent(of: 1)) == nil)
            // Bad input: a clear error, nothing stored.
            let bad = try await post(origin: Self.site, #"{"email": "not-an-address", "lastName": "X", "message": "m"}"#)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("\"field\":\"email\""))
            #expect(bad.headers[.accessControlAllowOrigin] == Self.site, "the site's page can show the refusal")
            #expect(try await post(origin: Self.site, #"{"email": "a@b.fr", "lastName": "X", "message": "m", "country": "Atlantide"}"#).status == .unprocessableContent)
            #expect(try await post(origin: Self.site, "not json").status == .badRequest)
            #expect(try await post(origin: Self.site, #"{"email": "a@b.fr", "lastName": "X", "message": "m", "responseMode": "fax"}"#).status == .unprocessableContent)
            #expect(try await post(origin: Self.site, "{\"x\": \"" + String(repeating: "a", count: 40_000) + "\"}").status == .contentTooLarge)
            // The declared site: stored as a professional's web request.
            let stored = try await post(origin: Self.site)
            #expect(stored.status == .created && stored.headers[.accessControlAllowOrigin] == Self.site, "\(String(buffer: stored.body))")
            let contact = try #require(try crm.contacts.contact(email: "groupes@voyages-dupont.example", by: .agent(of: 1)))
            #expect(contact.kind == .professional && contact.company == "Voyages Dupont")
            let request = try #require(try crm.requests.list(contactID: contact.id, by: .agent(of: 1)).first)
            #expect(request.contactMode == .web && request.originCountry == "FR" && request.originDepartment == "74")
            // A flood: after the form's 200 an hour, 429 with when to come back (still readable by the site).
            var last = stored
            for _ in 0..<200 where last.status != .tooManyRequests { last = try await post(origin: Self.site, "{}") }
            #expect(last.status == .tooManyRequests && Int(last.headers[.retryAfter] ?? "") ?? 0 > 0 && last.headers[.accessControlAllowOrigin] == Self.site)
        }
    }

    @Test func theLimiterStopsAFloodPerAddressAndPerForm() async throws {
        let limiter = WebFormLimiter(perAddress: .init(count: 5, window: 600), perForm: .init(count: 8, window: 3600))
        let now = Date()
        for _ in 0..<5 { #expect(try await limiter.take(address: "203.0.113.9", form: "wf_a", now: now) == nil) }
        let wait = try await limiter.take(address: "203.0.113.9", form: "wf_a", now: now)
        #expect(wait == 600)
        // Another visitor still gets through, until the form's own limit.
        for i in 0..<3 { #expect(try await limiter.take(address: "198.51.100.\(i)", form: "wf_a", now: now) == nil) }
        #expect(try await limiter.take(address: "198.51.100.77", form: "wf_a", now: now) != nil)
        #expect(try await limiter.take(address: "198.51.100.77", form: "wf_b", now: now) == nil, "another office's form")
        // Ten minutes on, the first visitor may send again (the form's hour is not over for wf_a).
        #expect(try await limiter.take(address: "203.0.113.9", form: "wf_b", now: now.addingTimeInterval(601)) == nil)
    }
}

@Suite("Statistics: the departments' map",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct DepartmentMapTests {
    @Test func everyDepartmentHasATileAndTheCountsShadeThem() async throws {
        let desk = try await Desk.make()
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa")
        for department in ["74", "74", "2A"] {
            _ = try desk.services.crm.requests.add(InformationRequest(contactMode: .counter, originDepartment: department, originCountry: "FR"), by: annecy)
        }
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let page = String(buffer: try await client.execute(uri: "/stats", method: .get, headers: admin.headers).body)
            let tiles = page.matches(of: /data-code="([0-9AB]+)" data-count="(\d+)"/).map { (String($0.1), Int($0.2) ?? -1) }
            #expect(tiles.count == 101 && Set(tiles.map(\.0)).count == 101)
            let counts = Dictionary(tiles, uniquingKeysWith: +)
            #expect(counts["74"] ?? 0 >= 2 && counts["2A"] ?? 0 >= 1, "\(counts.filter { $0.value > 0 })")
            #expect(page.contains("<title>Haute-Savoie (74) : \(counts["74"] ?? 0)</title>"))
        }
        // No two departments share a square.
        let cells = DepartmentGrid.tiles.map { "\($0.column),\($0.row)" }
        #expect(Set(cells).count == cells.count)
    }
}
