import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Rights pages: export, erasure, the audit log",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct RightsPageTests {
    @Test func anOfficeAdminExportsThenErasesAPersonAndTheLogSaysSo() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa Martin")
        let person = try crm.contacts.add(Contact(firstName: "Yolande", lastName: "Oubliée", email: "yolande@example.org"), by: annecy)
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = admin.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let page = String(buffer: try await client.execute(uri: "/contacts/\(person.id)", method: .get, headers: admin.headers).body)
            #expect(page.contains("id=\"droits\"") && page.contains("/contacts/\(person.id)/export"))
            let agentPage = String(buffer: try await client.execute(uri: "/contacts/\(person.id)", method: .get, headers: agent.headers).body)
            #expect(!agentPage.contains("id=\"droits\""), "agents do not see the rights' actions")
            // MUT 1: the export.
            let zip = try await client.execute(uri: "/contacts/\(person.id)/export", method: .get, headers: admin.headers)
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip" && String(buffer: zip.body).hasPrefix("PK"))
            // MUT 2: the erasure, refused without the word, done with it.
            let careless = try await client.execute(uri: "/contacts/\(person.id)/erase", method: .post, headers: form,
                                                    body: ByteBuffer(string: "_csrf=\(admin.csrf)&confirm=oui"))
            #expect(careless.status == .unprocessableContent)
            let erased = try await client.execute(uri: "/contacts/\(person.id)/erase", method: .post, headers: form,
                                                  body: ByteBuffer(string: "_csrf=\(admin.csrf)&confirm=EFFACER"))
            #expect(erased.status == .seeOther && erased.headers[.location] == "/admin/audit?action=contact.erase")
            #expect(try await client.execute(uri: "/contacts/\(person.id)", method: .get, headers: admin.headers).status == .notFound)
            // The log: the views, the export, the erasure; as CSV too; never the person's name.
            let log = String(buffer: try await client.execute(uri: "/admin/audit", method: .get, headers: admin.headers).body)
            #expect(log.contains("<td>Personne effacée") && log.contains("<td>Données exportées") && log.contains("<td>Fiche contact consultée"))
            let filtered = String(buffer: try await client.execute(uri: "/admin/audit?action=contact.erase", method: .get, headers: admin.headers).body)
            #expect(filtered.contains("<td>Personne effacée") && !filtered.contains("<td>Données exportées"))
            let csv = String(buffer: try await client.execute(uri: "/admin/audit.csv", method: .get, headers: admin.headers).body)
            #expect(csv.hasPrefix("date;utilisateur;role;action") && csv.contains("contact.erase") && csv.contains("Claire Admin"))
            #expect(!log.contains("Oubliée") && !csv.contains("Oubliée") && !csv.contains("yolande@"))
            #expect(try await client.execute(uri: "/admin/audit", method: .get, headers: agent.headers).status == .forbidden)
            #expect(try await client.execute(uri: "/admin/audit?from=2026-99-99", method: .get, headers: admin.headers).status == .unprocessableContent)
        }
    }
}

@Suite("Rectification: the contact corrected, the change in the history",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct RectificationTests {
    @Test func anAgentCorrectsTheDetailsAndTheAdminSeesWhoChangedWhat() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let annecy = Caller(role: .agent, officeID: 1, userName: "Léa Martin")
        let person = try crm.contacts.add(Contact(firstName: "Jean", lastName: "Erreur", email: "jean@example.org", phone: "01 02 03 04 05"), by: annecy)
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            // MUT: the last name corrected, the phone cleared; then a bad address refused.
            let fields = "civility=&firstName=Jean&lastName=Exact&company=&email=jean%40example.org&phone=&mobile=&address=&postalCode=&commune=&country=&language=&notes=&kind=B2C"
                + "&category=Retrait%C3%A9&birthDate=1958-04-02&website=jean-exact.example"
            let saved = try await client.execute(uri: "/contacts/\(person.id)", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(agent.csrf)&" + fields))
            #expect(saved.status == .seeOther)
            let bad = try await client.execute(uri: "/contacts/\(person.id)", method: .post, headers: form,
                                               body: ByteBuffer(string: "_csrf=\(agent.csrf)&email=pas-une-adresse"))
            #expect(bad.status == .unprocessableContent)
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let page = String(buffer: try await client.execute(uri: "/contacts/\(person.id)", method: .get, headers: admin.headers).body)
            #expect(page.contains("Fiche contact modifiée (lastName, phone, category, birthDate, website)") && page.contains("Léa Martin"), "\(page)")
            let badDay = try await client.execute(uri: "/contacts/\(person.id)", method: .post, headers: form,
                                                  body: ByteBuffer(string: "_csrf=\(agent.csrf)&birthDate=02%2F04%2F1958"))
            #expect(badDay.status == .unprocessableContent)
        }
        let corrected = try crm.contacts.contact(id: person.id, by: annecy)
        #expect(corrected.lastName == "Exact" && corrected.phone == nil && corrected.email == "jean@example.org")
        #expect(corrected.category == "Retraité" && corrected.birthDate == "1958-04-02" && corrected.website == "https://jean-exact.example")
    }
}

@Suite("The contact's history: requests, messages and consent events on one line of time",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ContactTimelineTests {
    @Test func theContactPageShowsEverythingThatHappenedNewestFirst() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            // A request with the office's box ticked: a request, a confirmation email, a consent asked.
            let saved = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&subject=Carte+des+randonn%C3%A9es&firstName=Tim&lastName=Line&email=tim.line%40example.org&consent=own"))
            let request = try #require(saved.headers[.location])
            let page = String(buffer: try await client.execute(uri: request, method: .get, headers: agent.headers).body)
            let contact = try #require(page.range(of: "/contacts/").map { String(page[$0.upperBound...].prefix { $0.isNumber }) })
            let history = String(buffer: try await client.execute(uri: "/contacts/\(contact)", method: .get, headers: agent.headers).body)
            let list = try #require(history.range(of: "<ol class=\"timeline\">").map { String(history[$0.upperBound...].prefix(3000)) })
            #expect(list.contains("moment-request") && list.contains("Carte des randonnées") && list.contains("moment-message")
                    && list.contains("Confirmez votre accord") && list.contains("moment-consent") && list.contains("Demandé"), "\(list)")
        }
    }
}
