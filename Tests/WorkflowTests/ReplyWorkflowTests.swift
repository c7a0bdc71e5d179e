import Brochure
import CRM
import Foundation
import GuichetTestSupport
import Mail
import Records
import Testing
import Workflows

@Suite("Reply to a request with the basket's brochure",
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ReplyWorkflowTests {
    struct Desk {
        let t: TemporaryStore
        let crm: SQLCRM
        let office: Office
        let agent: Caller
        let ids: [Int]

        init(tier: Office.Tier = .premium) throws {
            t = try TemporaryStore()
            _ = try t.importing([try t.demoExport(records: 40)])
            crm = try SQLCRM(path: t.store.path)
            office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: tier, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
            agent = .agent(of: office.id, name: "Léa Martin")
            var found: [Int] = []
            try t.store.forEachIndexRow { found.append($0.id) }
            ids = Array(found.sorted().prefix(3))
        }

        func request(basket: RecordRequest.BasketSource = .none) throws -> InformationRequest {
            try RecordRequest(crm: crm, records: t.store).run(.init(
                contact: Contact(civility: "Mme", firstName: "Marie", lastName: "Dupont", email: "marie.dupont@example.org"),
                request: InformationRequest(contactMode: .email, responseMode: .email, subject: "Séjour en famille"), basket: basket), by: agent).request
        }

        func maker() throws -> BrochureMaker {
            let root = TestData.repository
            return try BrochureMaker(records: t.store, layoutsFolder: root.appendingPathComponent("Layouts").path,
                                     brandingFolder: root.appendingPathComponent("Branding").path,
                                     fontsFolder: root.appendingPathComponent("Fonts/files").path, photos: nil)
        }
    }

    @Test func replyArrivesWithTheRenderedBrochureByteForByte() throws {
        // setup
        let desk = try Desk()
        let server = try SMTPTestServer()
        let before = try desk.t.store.summaries(ids: desk.ids).map(\.popularity)
        let request = try desk.request(basket: .records(ids: desk.ids, layout: "liste-a4", language: "fr"))
        let from = try MailAddress("accueil@ot-annecy.example", name: "Office de Tourisme du Lac d'Annecy")
        let workflow = ReplyToRequest(crm: desk.crm, brochures: try desk.maker(),
                                      mail: .init(transport: SMTPTransport(SMTPConfiguration(url: server.url, from: from, startTLS: .never)), from: from))
        // MUT
        let entry = try workflow.write(requestID: request.id, attachBasket: true, by: desk.agent)
        let state = try workflow.send(entry, by: desk.agent)
        let again = try workflow.write(requestID: request.id, attachBasket: true, by: desk.agent)
        // validation
        #expect(state == .sent && again.id == entry.id && again.state == .sent)
        let received = try server.messages()
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.subject == "Votre demande d'information — Office de Tourisme du Lac d'Annecy")
        #expect(mail.text.contains("Bonjour Mme Dupont,") && mail.text.contains("Léa Martin"))
        let pdf = try #require(mail.attachments.first)
        #expect(pdf.type == "application/pdf" && pdf.data == entry.attachments[0].data)
        let file = desk.t.folder.appendingPathComponent("received.pdf")
        try pdf.data.write(to: file)
        let text = try pdftotext(file.path)
        for name in try desk.t.store.summaries(ids: desk.ids).map(\.name) {
            #expect(mail.text.contains("– \(name)") && text.contains(name), "\(name)")
        }
        #expect(text.contains("IM074100001"))  // member 1001's legal mention
        #expect(try desk.crm.requests.request(id: request.id, by: desk.agent).status == .answered)
        #expect(try desk.t.store.summaries(ids: desk.ids).map(\.popularity) == before.map { $0 + 1 })
    }

    @Test func theAgentsEditedTextGoesFromTheOfficeWithItsReplyAddressSignatureAndRightsNotice() throws {
        // setup: the office's reply address and signature; a mail server whose sender is the platform's.
        let desk = try Desk()
        let server = try SMTPTestServer()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        #expect(throws: CRMError.self) { try desk.crm.offices.setSender(OfficeSender(replyTo: "no-reply@ot-annecy.example"), by: admin) }
        try desk.crm.offices.setSender(OfficeSender(replyTo: "accueil@lac-annecy.example", signature: "L'équipe de l'accueil\n1 rue Jean Jaurès, Annecy"),
                                       by: admin)
        let request = try desk.request()
        let from = try MailAddress("guichet@plateforme.example")
        let workflow = ReplyToRequest(crm: desk.crm, brochures: try desk.maker(),
                                      mail: .init(transport: SMTPTransport(SMTPConfiguration(url: server.url, from: from, startTLS: .never)), from: from))
        let draft = try workflow.draft(requestID: request.id, by: desk.agent)
        #expect(draft.body.hasSuffix("L'équipe de l'accueil\n1 rue Jean Jaurès, Annecy") && draft.notice.contains("accueil@lac-annecy.example"))
        // MUT: the agent rewrites the text before sending.
        _ = try workflow.run(requestID: request.id, attachBasket: false,
                             edited: (subject: "Vos idées de séjour", body: "Bonjour Madame Dupont,\n\nVoici nos conseils pour le lac.\n\nLéa"), by: desk.agent)
        // validation
        let mail = try #require(try server.messages().first)
        #expect(mail.subject == "Vos idées de séjour" && mail.text.contains("Voici nos conseils pour le lac."))
        #expect(mail.from.contains("Office de Tourisme du Lac d'Annecy") && mail.from.contains("guichet@plateforme.example"), "\(mail.from)")
        #expect(mail.replyTo?.contains("accueil@lac-annecy.example") == true)
        #expect(mail.text.contains("Vos données : Office de Tourisme du Lac d'Annecy garde vos coordonnées") && mail.text.contains("3 ans au plus"))
        #expect(throws: CRMError.self) { _ = try workflow.write(requestID: request.id, attachBasket: false, edited: (subject: " ", body: "x"), by: desk.agent) }
    }

    @Test(.enabled(if: hasTool("pdftotext"), "poppler-utils missing"))
    func theLetterByPostPutsTheAddressInTheEnvelopesWindow() throws {
        // setup: a visitor with a postal address (and one without).
        let desk = try Desk()
        let request = try desk.request()
        var contact = try desk.crm.contacts.contact(id: try #require(request.contactID), by: desk.agent)
        let letter = PostalLetter(crm: desk.crm, brochures: try desk.maker())
        #expect(throws: WorkflowError.noPostalAddress(requestID: request.id)) { _ = try letter.pdf(requestID: request.id, by: desk.agent) }
        contact.address = "12 chemin des Crêtes\nLieu-dit Les Praz"
        contact.postalCode = "74400"
        contact.commune = "Chamonix-Mont-Blanc"
        try desk.crm.contacts.update(contact, by: desk.agent)
        // MUT
        let pdf = try letter.pdf(requestID: request.id, by: desk.agent)
        // validation: the text inside the window (pdftotext cropped to it, in points) is the address, all of it.
        let window = Letter.window
        let inWindow = String(decoding: try run("pdftotext", ["-x", String(Int(window.x)), "-y", String(Int(window.y)), "-W", String(Int(window.width)),
                                                              "-H", String(Int(window.height)), "-layout", "-", "-"], input: pdf), as: UTF8.self)
        for line in ["Mme Marie Dupont", "12 chemin des Crêtes", "Lieu-dit Les Praz", "74400 CHAMONIX-MONT-BLANC"] {
            #expect(inWindow.contains(line), "\(line) not in the window: \(inWindow)")
        }
        #expect(!inWindow.contains("Votre demande"), "only the address shows through the window")
        let whole = String(decoding: try run("pdftotext", ["-layout", "-", "-"], input: pdf), as: UTF8.self)
        #expect(whole.contains("Votre demande d'information") && whole.contains("Bonjour Mme Dupont") && whole.contains("Vos données :"))
        if let folder = ProcessInfo.processInfo.environment["GUICHET_TEST_OUTPUT"] {
            try pdf.write(to: URL(fileURLWithPath: folder).appendingPathComponent("lettre.pdf"))
        }
    }

    @Test func brandingSetByTheOfficeAdminSignsTheAttachedBrochure() throws {
        let desk = try Desk()
        let request = try desk.request()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        try desk.crm.offices.setBranding(OfficeBranding(primary: "#8C1F3A", legal: "Mention légale de l'office — SIRET 000 000 000"), by: admin)
        _ = try desk.crm.baskets.save(Basket(requestID: request.id, recordIDs: desk.ids, layout: "fiche-a4"), by: desk.agent)
        let entry = try ReplyToRequest(crm: desk.crm, brochures: try desk.maker()).write(requestID: request.id, attachBasket: true, by: desk.agent)
        let file = desk.t.folder.appendingPathComponent("branded.pdf")
        try entry.attachments[0].data.write(to: file)
        let text = try pdftotext(file.path)
        #expect(text.contains("SIRET 000 000 000") && !text.contains("IM074100001"))
    }

    @Test func startOfficeWithoutAddOnCannotAttachBrochures() throws {
        let desk = try Desk(tier: .start)
        let request = try desk.request()
        _ = try desk.crm.baskets.save(Basket(requestID: request.id, recordIDs: desk.ids), by: desk.agent)
        #expect(throws: WorkflowError.noBrochureRight(office: "Office de Tourisme du Lac d'Annecy")) {
            try ReplyToRequest(crm: desk.crm, brochures: try desk.maker()).write(requestID: request.id, attachBasket: true, by: desk.agent)
        }
        // Without the attachment the reply lists the records and can go.
        let entry = try ReplyToRequest(crm: desk.crm, brochures: try desk.maker()).write(requestID: request.id, attachBasket: false, by: desk.agent)
        #expect(entry.attachments.isEmpty && entry.text.contains("– "))
    }

    @Test(.enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"))
    func commandLineRecordsARequestAndRepliesOnce() throws {
        let t = try TemporaryStore()
        let server = try SMTPTestServer()
        let db = t.folder.appendingPathComponent("cli.sqlite").path
        let export = try t.demoExport(records: 30)
        let environment = ["GUICHET_SMTP_URL": server.url + "?starttls=never", "GUICHET_SMTP_FROM": "accueil@ot-annecy.example"]
        func guichet(_ arguments: [String]) throws -> (Int32, String) {
            try runGuichet(arguments + ["--db", db], in: TestData.repository, environment: environment)
        }
        #expect(try guichet(["import", export]).0 == 0)
        let office = try guichet(["office", "add", "--name", "Office de Tourisme du Lac d'Annecy", "--tier", "PREMIUM", "--member", "1001"])
        #expect(office.0 == 0 && office.1.hasPrefix("office 1:"))
        var ids: [Int] = []
        let store = try RecordStore(path: db)
        try store.forEachIndexRow { ids.append($0.id) }
        let json = """
            {"contact": {"civility": "M.", "firstName": "Jan", "lastName": "de Vries", "email": "jan@example.nl", "country": "NL", "language": "nl"},
             "contactMode": "email", "responseMode": "email", "subject": "Fietsen", "party": {"size": 2, "kind": "couple"},
             "basket": {"ids": [\(ids.prefix(2).map(String.init).joined(separator: ", "))], "layout": "fiche-a4", "language": "nl"}}
            """
        let file = try t.file("request.json", json)
        let added = try guichet(["request", "add", "--office", "1", "--json", file])
        #expect(added.0 == 0 && added.1.contains("request 1 for contact 1 (Jan de Vries)") && added.1.contains("basket 1: 2 records"), "\(added.1)")
        let pdfPath = t.folder.appendingPathComponent("sent.pdf").path
        let reply = try guichet(["reply", "--office", "1", "--request", "1", "--attach-basket", "--no-photos", "--save-pdf", pdfPath])
        #expect(reply.0 == 0 && reply.1.contains("state: sent"), "\(reply.1)")
        let replay = try guichet(["reply", "--office", "1", "--request", "1", "--attach-basket", "--no-photos"])
        #expect(replay.0 == 0 && replay.1.contains("state: sent"), "\(replay.1)")
        let received = try server.messages()
        #expect(received.count == 1)
        #expect(received.first?.attachments.first?.data == (try Data(contentsOf: URL(fileURLWithPath: pdfPath))))
        let broken = try t.file("broken.json", "{\"contactMode\": \"pigeon\"}")
        let refused = try guichet(["request", "add", "--office", "1", "--json", broken])
        #expect(refused.0 != 0 && refused.1.contains("contactMode"), "\(refused.1)")
        let foreign = try guichet(["request", "show", "--office", "2", "--request", "1"])
        #expect(foreign.0 != 0 && foreign.1.contains("not found"), "\(foreign.1)")
    }

    func pdftotext(_ path: String) throws -> String {
        try text("pdftotext", ["-enc", "UTF-8", path, "-"])
    }
}
