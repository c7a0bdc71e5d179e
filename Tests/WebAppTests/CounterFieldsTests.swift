import CRM
import Consent
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("The counter form's fields of the tablet app: request type, reception point, zone, accommodation, sub-themes",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct CounterFieldsTests {
    @Test func aRequestKeepsEveryFieldAndTheReceptionPointIsRemembered() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let annecy = Caller(role: .officeAdmin, officeID: 1, userName: "test")
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            var adminForm = admin.headers
            adminForm[.contentType] = "application/x-www-form-urlencoded"
            // The admin lists the office's reception points.
            let points = try await client.execute(uri: "/admin/reception-points", method: .post, headers: adminForm,
                                                  body: ByteBuffer(string: "_csrf=\(admin.csrf)&points=Office+de+Tourisme%0D%0AKiosque+du+P%C3%A2quier%0D%0A"))
            #expect(points.status == .seeOther)
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let page = String(buffer: try await client.execute(uri: "/requests/new", method: .get, headers: agent.headers).body)
            #expect(page.contains("<option >Kiosque du Pâquier</option>") || page.contains("Kiosque du Pâquier"))
            #expect(page.contains("value=\"information-touristique\"") && page.contains("value=\"camping\"") && page.contains("value=\"patrimoine/naturel\""))
            // MUT: a request with every new field.
            let saved = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&receptionPoint=Kiosque+du+P%C3%A2quier&requestType=information-touristique"
                + "&theme=patrimoine&theme=patrimoine%2Fnaturel&zone=local&accommodation=camping&responseMode=sms&partySize=2&partyKind=couple"))
            #expect(saved.status == .seeOther)
            let remembered = try #require(saved.headers[.setCookie])
            #expect(remembered.contains("guichet_point=Kiosque"))
            // The next form, with the cookie, preselects it.
            var withCookie = agent.headers
            withCookie[.cookie] = (withCookie[.cookie] ?? "") + "; guichet_point=Kiosque%20du%20P%C3%A2quier"
            let next = String(buffer: try await client.execute(uri: "/requests/new", method: .get, headers: withCookie).body)
            #expect(next.contains("<option selected>Kiosque du Pâquier</option>"))
            // A point the office does not have is refused, nothing written.
            let before = try crm.requests.list(contactID: nil, by: annecy).count
            let refused = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&receptionPoint=Ailleurs"))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("Point d&#39;accueil : \"Ailleurs\"")
                    || String(buffer: refused.body).contains("Ailleurs"))
            #expect(try crm.requests.list(contactID: nil, by: annecy).count == before)
            // A country outside the buttons, by its name in either language; an unknown one refused.
            let japan = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&countryOther=japon"))
            #expect(japan.status == .seeOther)
            let narnia = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&countryOther=Narnia"))
            #expect(narnia.status == .unprocessableContent)
            #expect(page.contains("<option value=\"Japon\">JP</option>"))
            // The statistics break them down.
            let stats = String(buffer: try await client.execute(uri: "/stats", method: .get, headers: admin.headers).body)
            #expect(stats.contains("Types de demande") && stats.contains("Information touristique") && stats.contains("Kiosque du Pâquier")
                    && stats.contains("Camping") && stats.contains("Patrimoine › Patrimoine naturel"), "\(stats)")
        }
        #expect(try crm.requests.list(contactID: nil, by: annecy).contains { $0.originCountry == "JP" })
        let request = try #require(try crm.requests.list(contactID: nil, by: annecy).first { $0.receptionPoint != nil })
        #expect(request.requestType == .tourism && request.stay?.zone == "local" && request.stay?.accommodation == "camping"
                && request.responseMode == .sms && request.themes == ["patrimoine", "patrimoine/naturel"])
    }
}

@Suite("The contact list: search, filters, pages, only the office's own",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ContactListTests {
    @Test func anAgentFindsTheOfficesContactsPageByPage() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa")
        let chambery = Caller(role: .agent, officeID: 2, userName: "Hugo")
        for i in 0..<60 {
            let c = try crm.contacts.add(Contact(firstName: "Prénom\(i)", lastName: "Listé", email: "liste\(i)@example.org", postalCode: "74000",
                                                 commune: "Annecy"), by: annecy)
            if i % 2 == 0 { _ = try crm.requests.add(InformationRequest(contactID: c.id, contactMode: .counter, themes: ["gastronomie/producteurs"]), by: annecy) }
        }
        _ = try crm.contacts.add(Contact(company: "Fromagerie Secrète", email: "secret@example.org", postalCode: "74000"), by: chambery)
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            func page(_ query: String) async throws -> String {
                String(buffer: try await client.execute(uri: "/contacts?" + query, method: .get, headers: agent.headers).body)
            }
            let first = try await page("q=list%C3%A9")
            #expect(first.contains("60 contacts") && first.contains("1 / 2") && first.contains("rel=\"next\""), "\(first.prefix(2000))")
            let second = try await page("q=list%C3%A9&page=2")
            #expect(second.contains("2 / 2") && second.components(separatedBy: "<tr><td><a href=\"/contacts/").count - 1 == 10)
            #expect(try await page("q=74000&theme=gastronomie").contains("30 contacts"))
            #expect(try await page("kind=B2B&q=74000").contains("0 contacts"))
            #expect(try await !page("q=secr").contains("Fromagerie"), "another office's contact")
            #expect(try await client.execute(uri: "/contacts?since=2026-99-01", method: .get, headers: agent.headers).status == .badRequest)
        }
    }

    @Test func theListFiltersOnWhereEachPersonStandsWithTheOfficesEmails() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let consent = desk.services.consent
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa")
        func person(_ name: String, email: String?) throws {
            _ = try crm.contacts.add(Contact(firstName: name, lastName: "Filtré", email: email), by: annecy)
        }
        func event(_ email: String, _ kind: ConsentEvent.Kind, purpose: Purpose = .own, office: Int64 = 1) throws {
            try consent.store.record([ConsentEvent(officeID: office, subject: consent.keys.subject(email: email), purpose: purpose, channel: .email,
                                                   kind: kind, mode: .counter)], spending: nil)
        }
        try person("Ana", email: "ana@example.org"); try event("ana@example.org", .asked); try event("ana@example.org", .confirmed)
        try person("Bob", email: "bob@example.org"); try event("bob@example.org", .asked)
        try person("Cléo", email: "cleo@example.org"); try event("cleo@example.org", .confirmed); try event("cleo@example.org", .withdrawn)
        try person("Dan", email: "dan@example.org"); try consent.store.suppress([consent.keys.subject(email: "dan@example.org")], officeID: 1)
        try person("Eve", email: "eve@example.org"); try event("eve@example.org", .confirmed, purpose: .partners)  // not the office's own
        try person("Fay", email: nil)
        try person("Gus", email: "gus@example.org"); try event("gus@example.org", .confirmed, office: 2)  // another office's consent
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            func names(_ consent: String) async throws -> [String] {
                let page = String(buffer: try await client.execute(uri: "/contacts?q=filtr%C3%A9&consent=" + consent, method: .get, headers: agent.headers).body)
                return ["Ana", "Bob", "Cléo", "Dan", "Eve", "Fay", "Gus"].filter { page.contains("Filtré \($0)") || page.contains("\($0) Filtré") }
            }
            #expect(try await names("confirmed") == ["Ana"])
            #expect(try await names("pending") == ["Bob"])
            #expect(try await names("stopped") == ["Cléo", "Dan"])
            #expect(try await names("none") == ["Eve", "Fay", "Gus"])
            #expect(try await names("").count == 7)
            #expect(try await client.execute(uri: "/contacts?consent=maybe", method: .get, headers: agent.headers).status == .badRequest)
        }
    }
}
