import Foundation
import GuichetTestSupport
import Mail
import Testing

@Suite("SMTP through libcurl", .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"))
struct SMTPTransportTests {
    func transport(_ url: String) throws -> SMTPTransport {
        SMTPTransport(SMTPConfiguration(url: url, from: try MailAddress("accueil@ot-annecy.example", name: "Office de Tourisme d'Annecy"),
                                        startTLS: .never, timeout: 20))
    }

    @Test func messageArrivesWithUTF8HeadersAndIdenticalAttachments() throws {
        // setup
        let server = try SMTPTestServer()
        var pdf = Data("%PDF-1.5\n".utf8)
        for i in 0..<300_000 { pdf.append(UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7)) }
        let message = MailMessage(
            from: try MailAddress("accueil@ot-annecy.example", name: "Office de Tourisme d'Annecy"),
            to: [try MailAddress("marie.dupont@example.org", name: "Marie Dupont-Lefèvre")],
            subject: "Votre séjour à Annecy — la sélection de l'été", text: "Bonjour Madame Dupont,\n\nVoici les fiches demandées : château, plage, gîte.\n",
            attachments: [.init(fileName: "Sélection été.pdf", data: pdf), .init(fileName: "fiche-1.pdf", data: Data("%PDF-1.4 small".utf8))],
            idempotencyKey: "reply-42-1")
        // MUT
        try transport(server.url).send(message)
        // validation
        let received = try #require(try server.messages().first)
        #expect(received.subject == "Votre séjour à Annecy — la sélection de l'été")
        #expect(received.to.contains("Marie Dupont-Lefèvre") && received.to.contains("marie.dupont@example.org"))
        #expect(received.from.contains("accueil@ot-annecy.example"))
        #expect(received.messageId.hasPrefix("<reply-42-1@"))
        #expect(received.text.contains("Voici les fiches demandées : château, plage, gîte."))
        #expect(received.attachments.count == 2)
        #expect(received.attachments[0].name == "Sélection été.pdf")
        #expect(received.attachments[0].type == "application/pdf")
        #expect(received.attachments[0].data == pdf)
        #expect(received.attachments[1].data == Data("%PDF-1.4 small".utf8))
    }

    @Test func refusedRecipientIsAPermanentErrorInTheServersWords() throws {
        let server = try SMTPTestServer()
        let message = MailMessage(from: try MailAddress("accueil@ot-annecy.example"), to: [try MailAddress("refuse-me@example.org")],
                                  subject: "Test", text: "x", idempotencyKey: "k1")
        #expect {
            try transport(server.url).send(message)
        } throws: { error in
            guard case let MailError.refused(code, text) = error else { return false }
            return code == 550 && text.contains("mailbox unavailable") && (error as? MailError)?.isPermanent == true
        }
        #expect(try server.messages().isEmpty)
    }

    @Test func deadServerIsUnreachableAndWorthRetrying() throws {
        let message = MailMessage(from: try MailAddress("accueil@ot-annecy.example"), to: [try MailAddress("a@example.org")],
                                  subject: "Test", text: "x", idempotencyKey: "k2")
        #expect {
            try transport("smtp://127.0.0.1:9").send(message)
        } throws: { error in
            guard case MailError.unreachable = error else { return false }
            return (error as? MailError)?.isPermanent == false
        }
    }
}

@Suite("Mail addresses and configuration")
struct MailConfigurationTests {
    @Test(arguments: ["marie@example.org", "a.b+tag@sub.example.fr"])
    func acceptsAddresses(_ text: String) throws { #expect(try MailAddress(text).address == text) }

    @Test(arguments: ["", "marie", "marie@", "@example.org", "marie@example", "ma rie@example.org", "a@b.org\r\nBcc: x@y.org", "<a@b.org>"])
    func refusesNonAddresses(_ text: String) {
        #expect(throws: MailError.invalidAddress(text)) { try MailAddress(text) }
    }

    @Test func configurationComesFromTheEnvironment() throws {
        let c = try SMTPConfiguration.fromEnvironment(["GUICHET_SMTP_URL": "smtp://mail.example.org:587?starttls=required",
                                                       "GUICHET_SMTP_USER": "ot", "GUICHET_SMTP_PASSWORD": "secret",
                                                       "GUICHET_SMTP_FROM": "accueil@ot.example"])
        #expect(c.url == "smtp://mail.example.org:587" && c.startTLS == .required && c.user == "ot" && c.from.address == "accueil@ot.example")
        #expect(throws: MailError.self) { try SMTPConfiguration.fromEnvironment([:]) }
        #expect(throws: MailError.self) { try SMTPConfiguration.fromEnvironment(["GUICHET_SMTP_URL": "http://x", "GUICHET_SMTP_FROM": "a@b.org"]) }
        #expect(throws: MailError.self) { try SMTPConfiguration.fromEnvironment(["GUICHET_SMTP_URL": "smtp://x"]) }
    }

    @Test func credentialsNeverTravelWithoutTLS() throws {
        let base = ["GUICHET_SMTP_FROM": "accueil@ot.example", "GUICHET_SMTP_USER": "ot", "GUICHET_SMTP_PASSWORD": "secret"]
        // Credentials without a say: STARTTLS required.
        let quiet = try SMTPConfiguration.fromEnvironment(base.merging(["GUICHET_SMTP_URL": "smtp://mail.example.org:587"]) { $1 })
        #expect(quiet.startTLS == .required && quiet.cleartextPasswordRisk == nil)
        // "try" (a downgrade sends the password in clear), or "never" to another machine: refused.
        for url in ["smtp://mail.example.org:587?starttls=try", "smtp://mail.example.org:25?starttls=never"] {
            #expect(throws: MailError.self, "\(url)") { try SMTPConfiguration.fromEnvironment(base.merging(["GUICHET_SMTP_URL": url]) { $1 }) }
        }
        // Implicit TLS, or a server on this machine: allowed.
        #expect(try SMTPConfiguration.fromEnvironment(base.merging(["GUICHET_SMTP_URL": "smtps://mail.example.org:465"]) { $1 }).cleartextPasswordRisk == nil)
        #expect(try SMTPConfiguration.fromEnvironment(base.merging(["GUICHET_SMTP_URL": "smtp://127.0.0.1:2525?starttls=never"]) { $1 })
                    .cleartextPasswordRisk == nil)
        // A configuration built by hand is checked again before anything is sent.
        let handMade = SMTPConfiguration(url: "smtp://mail.example.org:25", user: "ot", password: "secret", from: try MailAddress("a@ot.example"),
                                         startTLS: .whenOffered)
        #expect(throws: MailError.self) {
            try SMTPTransport(handMade).send(MailMessage(from: try MailAddress("a@ot.example"), to: [try MailAddress("b@example.org")],
                                                         subject: "s", text: "t", idempotencyKey: "k"))
        }
    }
}
