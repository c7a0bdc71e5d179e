import CRM
import Consent
import Foundation
import GuichetTestSupport
import Testing
import Workflows

@Suite("Contact file import: a fair's list, checked row by row, nobody twice, nobody who objected")
struct ContactImportTests {
    /// A fair's sign-up sheet saved from a spreadsheet: a BOM, `;`, accents, a duplicate, a person
    /// who objected, one without an address, and three broken lines.
    static let fair = """
        Civilité;Prénom;Nom;Courriel;Code postal;Ville;Téléphone;Langue;Commentaire
        Mme;Hélène;Dupré;helene.dupre@example.fr;69003;Lyon;06 12 34 56 78;fr;"Randonnée; famille"
        M.;Jürgen;Müller;jurgen@example.de;;München;;de;
        Mme;Hélène;Dupré;HELENE.DUPRE@example.fr;69003;Lyon;;;doublon
        M.;Éric;Objecteur;eric@example.fr;73000;Chambéry;;;
        Mme;Zoé;Sans-Adresse;;74000;Annecy;;;
        ligne;cassée
        M.;Paul;Faux;paul-at-example.fr;;;;;
        Mme;"Anne;Ouverte;anne@example.fr;;;;;
        Mme;Claire;Existante;claire@example.org;74000;Annecy;;fr;
        M.;Luc;Dernier;luc@example.fr;38000;Grenoble;;en;

        """

    struct Office {
        let t: TemporaryStore
        let crm: SQLCRM
        let desk: ConsentDesk
        let admin: Caller
        let officeID: Int64

        init() throws {
            t = try TemporaryStore()
            crm = try SQLCRM(path: t.store.path)
            officeID = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001,
                                           by: .regionalAdmin).id
            admin = Caller(role: .officeAdmin, officeID: officeID, userName: "Claire Admin")
            let store = try SQLConsentStore(path: t.store.path)
            desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil,
                               publicURL: "https://guichet.example.org")
            _ = try crm.contacts.add(Contact(firstName: "Claire", lastName: "Existante", email: "claire@example.org", phone: "04 50 00 00 00"), by: admin)
            try store.suppress([desk.keys.subject(email: "eric@example.fr")], officeID: officeID)
        }

        func importFair(_ text: String = ContactImportTests.fair) throws -> ImportContacts.Report {
            try ImportContacts(desk: desk).run(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8),
                                               options: .init(mode: .fair, context: "Salon du randonneur, Lyon, 2026-03-14", purposes: [.own]), by: admin)
        }
    }

    @Test func aFairListIsImportedRowByRowWithItsReport() throws {
        let f = try Office()
        // MUT
        let report = try f.importFair()
        // validation
        #expect(report.summary == "imported 4, merged 2, suppressed 1, rejected 3")
        #expect(report.rejected.map(\.line) == [7, 8, 9], "\(report.rejected)")
        #expect(report.rejected[0].reason.contains("2 columns") && report.rejected[1].reason.contains("paul-at-example.fr")
                && report.rejected[2].reason.contains("quote"))
        let helene = try #require(try f.crm.contacts.contact(email: "helene.dupre@example.fr", by: f.admin))
        #expect(helene.firstName == "Hélène" && helene.phone == "06 12 34 56 78" && helene.notes?.contains("Randonnée; famille") == true)
        #expect(helene.notes?.contains("Salon du randonneur, Lyon, 2026-03-14 (ligne 2)") == true)
        #expect(try f.crm.contacts.contact(email: "eric@example.fr", by: f.admin) == nil, "a person who objected is not added back")
        #expect(try f.crm.contacts.search("Sans-Adresse", by: f.admin).count == 1)
        // Each address asked once, in the person's language, saying where it was collected; the emails wait for the paced worker.
        let confirmations = try f.crm.outbox.pacedDue(campaignID: nil, limit: 100, by: f.admin)
        #expect(report.asked == 4 && Set(confirmations.map(\.recipient))
                == ["helene.dupre@example.fr", "jurgen@example.de", "claire@example.org", "luc@example.fr"])
        #expect(confirmations.first { $0.recipient == "helene.dupre@example.fr" }?.text.contains("sur un salon, Salon du randonneur, Lyon, 2026-03-14") == true)
        #expect(confirmations.first { $0.recipient == "luc@example.fr" }?.subject.hasPrefix("Please confirm") == true)
        let events = try f.desk.store.events(officeID: f.officeID, subject: f.desk.keys.subject(email: "jurgen@example.de"))
        #expect(events.map(\.kind) == [.asked] && events.first?.mode == .fair && events.first?.context == "Salon du randonneur, Lyon, 2026-03-14")
    }

    @Test func theSameFileImportedAgainAddsNobodyAndAsksNobodyTwice() throws {
        let f = try Office()
        _ = try f.importFair()
        let before = try f.crm.contacts.search(nil, by: f.admin).count
        // MUT
        let again = try f.importFair()
        // validation
        #expect(again.summary == "imported 0, merged 6, suppressed 1, rejected 3" && again.asked == 0)
        #expect(try f.crm.contacts.search(nil, by: f.admin).count == before)
        #expect(try f.crm.outbox.pacedDue(campaignID: nil, limit: 100, by: f.admin).count == 4)
    }

    @Test func aFileWithoutNamesOrAddressesIsRefusedAndNothingIsWritten() throws {
        let f = try Office()
        let before = try f.crm.contacts.search(nil, by: f.admin).count
        #expect(throws: CRMError.self) { _ = try f.importFair("Foo;Bar\n1;2\n") }
        #expect(throws: CRMError.self) { _ = try f.importFair("") }
        #expect(throws: CRMError.self) {
            _ = try ImportContacts(desk: f.desk).run(Data(Self.fair.utf8), options: .init(mode: .fair, context: " "), by: f.admin)
        }
        #expect(try f.crm.contacts.search(nil, by: f.admin).count == before)
    }

    @Test func windows1252AndCommasAreReadAsTheSpreadsheetWroteThem() throws {
        // setup: what Excel on Windows saves as "CSV (séparateur : virgule)".
        let text = "Prénom,Nom,E-mail,Société,Type\r\nFrançois,Lefèvre,f.lefevre@example.fr,\"Gîtes de l'Écluse, SARL\",pro\r\n"
        let data = try #require(text.data(using: .windowsCP1252))
        // MUT
        let file = try ContactFile(data: data)
        let columns = ContactColumns(guessingFrom: file.header)
        // validation
        #expect(file.encoding == "Windows-1252" && file.separator == ",")
        #expect(file.rows.first?.fields == ["François", "Lefèvre", "f.lefevre@example.fr", "Gîtes de l'Écluse, SARL", "pro"])
        #expect(columns.column(of: .email) == 2 && columns.column(of: .company) == 3 && columns.column(of: .kind) == 4)
        let mapped = try ContactColumns.mapping(header: file.header, changes: ["Société=notes", "type=ignore"])
        #expect(mapped.column(of: .notes) == 3 && mapped.column(of: .company) == nil && mapped.column(of: .kind) == nil)
        #expect(throws: CRMError.self) { _ = try ContactColumns.mapping(header: file.header, changes: ["Inconnue=email"]) }
    }
}

@Suite("guichet contacts import: the report, the exit code, the confirmation emails",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"),
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"))
struct ContactImportCommandTests {
    @Test func aFairListFromTheCommandLine() throws {
        let office = try CommandLineOffice()
        let (t, server, guichet) = (office.folder, office.server, office.guichet)
        let file = t.folder.appendingPathComponent("salon.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(ContactImportTests.fair.utf8)).write(to: file)
        // MUT
        let run = try guichet(["contacts", "import", file.path, "--office", "1", "--mode", "salon", "--context", "Salon du randonneur, Lyon, 2026-03-14",
                               "--send", "--rate", "600"])
        let clean = try guichet(["contacts", "import", file.path, "--office", "1", "--mode", "salon", "--context", "Salon du randonneur, Lyon, 2026-03-14",
                                 "--map", "Commentaire=ignore"])
        // validation: rows rejected → exit 3, every other row imported, the emails at the SMTP server.
        #expect(run.status == 3 && run.output.contains("line 7: 2 columns") && run.output.hasSuffix("imported 6, merged 1, suppressed 0, rejected 3\n"),
                "\(run.output)")
        let mails = try server.messages()
        #expect(mails.count == 5 && mails.allSatisfy { $0.text.contains("Salon du randonneur, Lyon, 2026-03-14") })
        #expect(clean.status == 3 && clean.output.contains("imported 0, merged 7"), "\(clean.output)")
        #expect(try guichet(["contacts", "import", file.path, "--office", "1", "--mode", "foire", "--context", "x"]).status != 0)
    }
}

@Suite("guichet person: export, object, erase from the command line",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"))
struct PersonCommandTests {
    @Test func eachRightIsOneCommandAndPrintsNoPersonalData() throws {
        let t = try TemporaryStore()
        let db = t.folder.appendingPathComponent("cli.sqlite").path
        func guichet(_ arguments: [String]) throws -> (status: Int32, output: String) { try runGuichet(arguments + ["--db", db], in: t.folder) }
        #expect(try guichet(["office", "add", "--name", "Office de Tourisme du Lac d'Annecy", "--tier", "PREMIUM"]).status == 0)
        let file = try t.file("request.json", """
            {"contact": {"firstName": "Ulrich", "lastName": "Effaçable", "email": "ulrich@example.org"}, "contactMode": "guichet"}
            """)
        #expect(try guichet(["request", "add", "--office", "1", "--json", file]).status == 0)
        let zip = t.folder.appendingPathComponent("ulrich.zip").path
        // MUT
        let export = try guichet(["person", "export", "--office", "1", "--email", "ulrich@example.org", "-o", zip])
        let object = try guichet(["person", "object", "--office", "1", "--email", "ulrich@example.org", "--context", "lettre du 3 mars"])
        let erase = try guichet(["person", "erase", "--office", "1", "--email", "ulrich@example.org", "--yes"])
        let again = try guichet(["person", "erase", "--office", "1", "--email", "ulrich@example.org", "--yes"])
        // validation
        #expect(export.status == 0 && FileManager.default.contents(atPath: zip)?.starts(with: Data("PK".utf8)) == true, "\(export.output)")
        #expect(object.status == 0 && erase.status == 0 && erase.output.contains("erased: requests 1"), "\(object.output) \(erase.output)")
        for output in [export.output, object.output, erase.output] {
            #expect(!output.contains("Ulrich") && !output.contains("Effaçable"))
        }
        #expect(again.status != 0 && again.output.contains("no contact"))
    }
}
