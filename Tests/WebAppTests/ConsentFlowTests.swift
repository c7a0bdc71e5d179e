import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import WebApp

@Suite("Consent: asked at the counter, confirmed by the person, withdrawn in one click",
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ConsentFlowTests {
    /// The path of the first link of `kind` (confirm, unsubscribe) in a received email.
    static func link(_ kind: String, in text: String) throws -> String {
        let line = try #require(text.split(whereSeparator: \.isNewline).first { $0.contains("/consent/\(kind)/") })
        let start = try #require(line.range(of: "/consent/\(kind)/"))
        return String(line[start.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test func aBoxTickedAtTheCounterBecomesAConsentOnlyWhenThePersonConfirms() async throws {
        // setup: a real SMTP server; the desk sends through it.
        let server = try SMTPTestServer()
        let from = try MailAddress("accueil@ot-annecy.example")
        let desk = try await Desk.make(smtp: SMTPConfiguration(url: server.url, from: from, startTLS: .never))
        let crm = desk.services.crm
        let annecy = Caller(role: .agent, officeID: 1, userName: "test")
        try await desk.server.application().test(.live) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            // MUT 1: the agent ticks both boxes for a visitor.
            let saved = try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(agent.csrf)&contactMode=guichet&firstName=Jan&lastName=de+Vries&email=jan%40example.nl&language=en&consent=own&consent=partners"))
            #expect(saved.status == .seeOther)
            let contact = try #require(try crm.contacts.contact(email: "jan@example.nl", by: annecy))
            // The confirmation email arrived: who, where, why, and the link (in English: the visitor's language).
            let mail = try #require(try server.messages().first { $0.to.contains("jan@example.nl") })
            #expect(mail.subject.contains("Please confirm") && mail.text.contains("Office de Tourisme du Lac d'Annecy") && mail.text.contains("at the office's desk"))
            let confirm = try Self.link("confirm", in: mail.text)
            let unsubscribe = try Self.link("unsubscribe", in: mail.text)
            // Opening the link (as a mail scanner would) confirms nothing.
            let page = try await client.execute(uri: confirm, method: .get)
            #expect(page.status == .ok && String(buffer: page.body).contains("peut m&#39;envoyer ses actualités") || String(buffer: page.body).contains("peut m'envoyer ses actualités"))
            var contactPage = String(buffer: try await client.execute(uri: "/contacts/\(contact.id)", method: .get, headers: agent.headers).body)
            #expect(contactPage.contains("consent-pending") && !contactPage.contains("consent-confirmed"))
            // MUT 2: the person presses the button.
            let done = try await client.execute(uri: confirm, method: .post, headers: [.userAgent: "Mozilla/5.0 (Test) Firefox/140"])
            #expect(done.status == .ok)
            contactPage = String(buffer: try await client.execute(uri: "/contacts/\(contact.id)", method: .get, headers: agent.headers).body)
            #expect(contactPage.contains("consent-confirmed") && contactPage.contains("Firefox/140") && contactPage.contains("127.0.0.1"))
            // Replayed, altered: refused, nothing changes.
            #expect(try await client.execute(uri: confirm, method: .post).status == .gone)
            #expect(try await client.execute(uri: String(confirm.dropLast(3)) + "AAA", method: .post).status == .badRequest)
            #expect(try await client.execute(uri: "/consent/confirm/forged.token", method: .get).status == .badRequest)
            // MUT 3: the mail client's one-click unsubscribe (RFC 8058), a raw POST.
            let oneClick = try await client.execute(uri: unsubscribe, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(oneClick.status == .ok)
            contactPage = String(buffer: try await client.execute(uri: "/contacts/\(contact.id)", method: .get, headers: agent.headers).body)
            #expect(contactPage.contains("consent-withdrawn") && !contactPage.contains("consent-confirmed"))
        }
    }

    @Test func anotherOfficeCannotWithdrawOrReadAConsent() async throws {
        let desk = try await Desk.make()
        let contact = try desk.services.crm.contacts.add(Contact(lastName: "Privée", email: "prive@example.org"),
                                                         by: Caller(role: .agent, officeID: 2, userName: "Hugo"))
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.execute(uri: "/contacts/\(contact.id)/consent/withdraw", method: .post, headers: form,
                                                    body: ByteBuffer(string: "_csrf=\(agent.csrf)&context=x"))
            #expect(response.status == .notFound)
        }
    }

    @Test func anObjectionStopsEverythingAndTheOfficeNeverAsksAgain() async throws {
        let server = try SMTPTestServer()
        let desk = try await Desk.make(smtp: SMTPConfiguration(url: server.url, from: try MailAddress("accueil@ot-annecy.example"), startTLS: .never))
        let services = desk.services
        let annecy = Caller(role: .agent, officeID: 1, userName: "test")
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let fields = "_csrf=\(agent.csrf)&contactMode=guichet&lastName=Martin&email=paul%40example.org&consent=own"
            #expect(try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string: fields)).status == .seeOther)
            let mail = try #require(try server.messages().first)
            let unsubscribe = try Self.link("unsubscribe", in: mail.text)
            let object = unsubscribe.replacingOccurrences(of: "/consent/unsubscribe/", with: "/consent/object/")
            // MUT: the person objects from the link of the email.
            #expect(try await client.execute(uri: object, method: .post).status == .ok)
            // validation: a new request with the box ticked asks nothing; marketing is refused.
            #expect(try await client.execute(uri: "/requests", method: .post, headers: form, body: ByteBuffer(string: fields)).status == .seeOther)
            #expect(try server.messages().count == 1)
            let news = try services.crm.outbox.enqueue(OutboxEntry(idempotencyKey: "news", recipient: "paul@example.org", subject: "Lettre",
                                                                   text: "…", purpose: .marketing), by: annecy)
            #expect(services.consent.gate.refusal(for: news)?.contains("objected") == true)
        }
    }

    @Test func thePersonChoosesPurposeByPurposeFromTheirPreferencesLink() async throws {
        let server = try SMTPTestServer()
        let desk = try await Desk.make(smtp: SMTPConfiguration(url: server.url, from: try MailAddress("accueil@ot-annecy.example"), startTLS: .never))
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            _ = try await client.execute(uri: "/requests", method: .post, headers: form,
                                         body: ByteBuffer(string: "_csrf=\(agent.csrf)&contactMode=guichet&lastName=Roux&email=lea.roux%40example.org&consent=own"))
            let mail = try #require(try server.messages().first)
            let preferences = try Self.link("preferences", in: mail.text)
            let confirm = try Self.link("confirm", in: mail.text)
            let contact = try #require(try crm.contacts.contact(email: "lea.roux@example.org", by: Caller(role: .agent, officeID: 1, userName: "t")))
            // A link of another kind, or altered, opens nothing.
            #expect(try await client.execute(uri: confirm.replacingOccurrences(of: "/confirm/", with: "/preferences/"), method: .get).status == .badRequest)
            #expect(try await client.execute(uri: preferences + "x", method: .get).status == .badRequest)
            // MUT: she keeps the office's news by e-mail and adds SMS.
            #expect(try await client.execute(uri: preferences, method: .get).status == .ok)
            let saved = try await client.execute(uri: preferences, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "on=own.email&on=own.sms"))
            #expect(saved.status == .ok)
            var page = String(buffer: try await client.execute(uri: "/contacts/\(contact.id)", method: .get, headers: agent.headers).body)
            #expect(page.components(separatedBy: "consent-confirmed").count - 1 == 2, "e-mail and SMS confirmed")
            // Then everything off.
            _ = try await client.execute(uri: preferences, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer())
            page = String(buffer: try await client.execute(uri: "/contacts/\(contact.id)", method: .get, headers: agent.headers).body)
            #expect(!page.contains("consent-confirmed") && page.contains("consent-withdrawn"))
        }
    }
}
