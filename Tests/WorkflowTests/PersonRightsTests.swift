import CRM
import Consent
import Foundation
import GRDB
import Storage
import GuichetTestSupport
import Testing
import Workflows
import ZIPFoundation

@Suite("A person's rights: the export opened and checked, the erasure searched for in the file's bytes, the audit log")
struct PersonRightsTests {
    /// An office (and a second one) with a person everywhere Guichet keeps something: profile, a merged
    /// duplicate, requests with free text, a reply with an attachment, consent events with online proofs,
    /// a campaign that left them out.
    struct Region {
        let t: TemporaryStore
        let crm: SQLCRM
        let store: SQLConsentStore
        let desk: ConsentDesk
        let admin: Caller, adminB: Caller
        let person: Contact
        static let email = "zebulon.quintessence-7731@example.org"
        static let secrets = ["zebulon.quintessence-7731", "Quintessence", "Zébulon", "06 98 76 54 32", "0698765432", "Rue des Glycines Fanées",
                              "allergique aux noix de pécan", "198.51.100.77", "NavigateurSecret/9.9"]

        init(secondOffice: Bool = false) throws {
            t = try TemporaryStore()
            crm = try SQLCRM(path: t.store.path)
            let a = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
            let b = try crm.offices.add(name: "Office de Tourisme Grand Chambéry", tier: .premium, brochureAddOn: false, apidaeMember: 1002, by: .regionalAdmin)
            admin = Caller(role: .officeAdmin, officeID: a.id, userName: "Claire Admin")
            adminB = Caller(role: .officeAdmin, officeID: b.id, userName: "Paul Admin")
            store = try SQLConsentStore(path: t.store.path)
            desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil, publicURL: "https://g.example.org")
            let fields = Contact(civility: "M.", firstName: "Zébulon", lastName: "Quintessence", email: Self.email, phone: "06 98 76 54 32",
                                 address: "12 Rue des Glycines Fanées", postalCode: "74000", commune: "Annecy", notes: "allergique aux noix de pécan")
            person = try crm.contacts.add(fields, by: admin)
            // A duplicate typed without the address, merged into the person.
            let twin = try crm.contacts.add(Contact(firstName: "Zébulon", lastName: "Quintessence", phone: "0698765432", postalCode: "74000"), by: admin)
            _ = try MergeContacts(crm: crm).run(twin.id, into: person.id, by: admin)
            let request = try crm.requests.add(InformationRequest(contactID: person.id, contactMode: .counter, subject: "Séjour de Zébulon Quintessence",
                                                                  originDepartment: "74", themes: ["patrimoine/naturel"], notes: "allergique aux noix de pécan"), by: admin)
            _ = try crm.outbox.enqueue(OutboxEntry(requestID: request.id, idempotencyKey: "reply-1", recipient: Self.email,
                                                   subject: "Votre séjour, M. Quintessence", text: "Bonjour Zébulon Quintessence, …",
                                                   attachments: [.init(fileName: "Quintessence.pdf", data: Data("%PDF-1.4 Zébulon Quintessence".utf8))]),
                                       by: admin)
            let asked = try AskConsent(desk: desk).run(contactID: person.id, purposes: [.own], mode: .counter, context: "accueil", by: admin)
            let link = try #require(asked.confirmation?.text.split(whereSeparator: \.isNewline).first { $0.contains("/consent/confirm/") })
            try ConfirmConsent(desk: desk).confirm(token: String(link.split(separator: "/").last!), ipAddress: "198.51.100.77",
                                                   userAgent: "NavigateurSecret/9.9")
            let campaign = try crm.campaigns.save(Campaign(name: "Hiver", subject: "s", body: "b"), by: admin)
            _ = try crm.campaigns.launch(campaign.id, attachment: nil, excluded: [.init(contactID: person.id, reason: "pending")], by: admin)
            if secondOffice {
                _ = try crm.contacts.add(Contact(firstName: "Zébulon", email: Self.email), by: adminB)
            }
        }

        /// The database file and its WAL, after a checkpoint and VACUUM, as bytes.
        func fileBytes() throws -> Data {
            let queue = try DatabaseQueue(path: t.store.path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            var bytes = try Data(contentsOf: URL(fileURLWithPath: t.store.path))
            for suffix in ["-wal", "-shm"] { bytes += (try? Data(contentsOf: URL(fileURLWithPath: t.store.path + suffix))) ?? Data() }
            return bytes
        }
    }

    @Test func theExportHoldsEverythingTheOfficeKnowsAndNothingElse() throws {
        let r = try Region()
        // MUT
        let export = try PersonRights(desk: r.desk).export(contactID: r.person.id, by: r.admin)
        // validation: the zip opens; each file holds what its README line says.
        let archive = try Archive(data: export.zip, accessMode: .read)
        func file(_ name: String) throws -> String {
            let entry = try #require(archive[name], "\(name) missing")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(Set(archive.map(\.path)) == ["LISEZMOI.txt", "contact.json", "demandes.json", "demandes.csv", "paniers.json", "consentement.json",
                                             "consentement.csv", "messages.json", "messages.csv"])
        #expect(try file("contact.json").contains("\"email\" : \"\(Region.email)\"") && file("contact.json").contains("Glycines"))
        let requests = try file("demandes.csv").split(separator: "\n")
        #expect(requests.first?.hasPrefix("id;date;mode_contact") == true && requests.count == 2 && requests[1].contains("patrimoine/naturel"))
        let consent = try file("consentement.csv")
        #expect(consent.contains("asked;own;email;guichet") && consent.contains("confirmed;own;email") && consent.contains("198.51.100.77"))
        let messages = try file("messages.json")
        #expect(messages.contains("Quintessence.pdf") && !messages.contains("%PDF"), "names of the attachments, not their bytes")
        #expect(messages.contains("Confirmez votre accord"), "the confirmation email is among the messages written to the person")
        #expect(try file("LISEZMOI.txt").contains("consentement.*"))
        // The export is in the audit log, without the person's data.
        let log = try r.crm.audit.entries(AuditFilter(contactID: r.person.id), by: r.admin)
        #expect(log.map(\.action).contains(.contactExported) && log.map(\.action).contains(.contactsMerged))
        #expect(!log.contains { ($0.detail ?? "").contains("Quintessence") || ($0.detail ?? "").contains("@") })
    }

    @Test func afterTheErasureThePersonAppearsNowhereInTheFile() throws {
        let r = try Region()
        let before = try r.crm.statistics.statistics(from: nil, to: nil, by: r.admin).requests
        #expect(try r.fileBytes().range(of: Data("Quintessence".utf8)) != nil, "the search finds the person before the erasure")
        // MUT
        let erasure = try PersonRights(desk: r.desk).erase(contactID: r.person.id, by: r.admin)
        // validation: the counts, the statistics, the suppression list, then every byte of the file.
        #expect(erasure.requests == 1 && erasure.messages == 2 && erasure.mergeSnapshots == 1 && erasure.personGone)
        #expect(try r.crm.statistics.statistics(from: nil, to: nil, by: r.admin).requests == before)
        #expect(try r.store.isSuppressed(r.desk.keys.subject(email: Region.email), officeID: r.admin.officeID!))
        #expect(try r.crm.contacts.contact(email: Region.email, by: r.admin) == nil)
        let bytes = try r.fileBytes()
        for secret in Region.secrets {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\"\(secret)\" is still in the database file")
        }
        // An import of the same address does not bring the person back.
        let report = try ImportContacts(desk: r.desk).run(Data("Courriel;Nom\n\(Region.email);Quintessence\n".utf8),
                                                          options: .init(mode: .fair, context: "Salon"), by: r.admin)
        #expect(report.suppressed == 1 && report.imported == 0)
        #expect(try r.crm.audit.entries(AuditFilter(action: .contactErased), by: r.admin).map(\.contactID) == [r.person.id])
    }

    @Test func anErasureWhoseAuditEntryCannotBeWrittenChangesNothing() throws {
        // setup: the audit log refuses every entry (a disk full, a broken trigger: the last write fails).
        let r = try Region()
        let subject = r.desk.keys.subject(email: Region.email)
        let eventsBefore = try r.store.events(officeID: r.admin.officeID!, subject: subject).count
        try r.crm.owner.write { db in
            try db.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON crm_audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END")
        }
        // MUT
        #expect(throws: (any Error).self) { try PersonRights(desk: r.desk).erase(contactID: r.person.id, by: r.admin) }
        // validation: the person, their consent events and the absence of a suppression are as they were.
        #expect(try r.crm.contacts.contact(id: r.person.id, by: r.admin).lastName == "Quintessence")
        let eventsAfter = try r.store.events(officeID: r.admin.officeID!, subject: subject).count
        #expect(eventsBefore > 0 && eventsAfter == eventsBefore)
        #expect(try r.crm.owner.read { db in try db.value("SELECT count(*) FROM consent_suppression", as: Int.self) } == 0)
        // Once the log takes entries again, the erasure goes through whole, with its entry.
        try r.crm.owner.write { db in try db.execute("DROP TRIGGER refuse_audit") }
        _ = try PersonRights(desk: r.desk).erase(contactID: r.person.id, by: r.admin)
        #expect(throws: CRMError.self) { try r.crm.contacts.contact(id: r.person.id, by: r.admin) }
        #expect(try r.crm.audit.entries(AuditFilter(action: .contactErased), by: r.admin).count == 1)
    }

    @Test func anotherOfficeKeepsItsOwnProfileOfThePerson() throws {
        let r = try Region(secondOffice: true)
        // MUT
        let erasure = try PersonRights(desk: r.desk).erase(contactID: r.person.id, by: r.admin)
        // validation
        #expect(!erasure.personGone)
        #expect(try r.crm.contacts.contact(email: Region.email, by: r.adminB)?.firstName == "Zébulon")
        #expect(throws: CRMError.self) { _ = try r.crm.contacts.contact(id: r.person.id, by: r.admin) }
        let bytes = try r.fileBytes()
        for secret in ["Rue des Glycines Fanées", "allergique aux noix de pécan", "Quintessence", "198.51.100.77"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\"\(secret)\" of office A is still in the file")
        }
    }

    @Test func theAuditLogIsAppendOnlyAndForTheOfficesAdmin() throws {
        let r = try Region()
        #expect(throws: CRMError.self) { _ = try r.crm.audit.entries(AuditFilter(), by: Caller(role: .agent, officeID: r.admin.officeID, userName: "x")) }
        #expect(try r.crm.audit.entries(AuditFilter(), by: r.adminB).isEmpty, "office B sees none of A's entries")
        let queue = try DatabaseQueue(path: r.t.store.path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE crm_audit SET user_name = 'x'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM crm_audit") } }
    }
}
