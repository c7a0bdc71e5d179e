import CRM
import Consent
import Foundation
import GuichetTestSupport
import Testing
import Workflows

@Suite("Retention: warned, then anonymised or deleted; old messages emptied (a fake clock)")
struct RetentionTests {
    struct Office {
        let t: TemporaryStore
        let crm: SQLCRM
        let desk: ConsentDesk
        let admin: Caller
        let now = Date()
        var ids: [String: Int64] = [:]

        init(action: RetentionPolicy.Action = .anonymise) throws {
            t = try TemporaryStore()
            crm = try SQLCRM(path: t.store.path)
            let office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
            admin = Caller(role: .officeAdmin, officeID: office.id, userName: "Claire Admin")
            let store = try SQLConsentStore(path: t.store.path)
            desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil, publicURL: "https://g.example.org")
            try crm.retention.setPolicy(RetentionPolicy(inactiveYears: 3, warningDays: 30, action: action, messageDays: 365), by: admin)
            let day = 86400.0, year = 365.25 * day
            // Last contact: four years ago, three years less ten days ago, a year ago; one without an address; one who objected.
            for (name, age, email) in [("ancien", 4 * year, true), ("bientot", 3 * year - 10 * day, true), ("recent", year, true),
                                       ("sansadresse", 4 * year, false), ("oppose", 4 * year, true)] {
                let when = now.addingTimeInterval(-age)
                let contact = try crm.contacts.add(Contact(firstName: name.capitalized, lastName: "Test", email: email ? "\(name)@example.org" : nil,
                                                           createdAt: when), by: admin)
                _ = try crm.requests.add(InformationRequest(contactID: contact.id, date: when, contactMode: .counter, subject: "Séjour de \(name)",
                                                            originDepartment: "69", themes: ["patrimoine"]), by: admin)
                ids[name] = contact.id
            }
            try ConsentRecord(desk: desk).object(contactID: ids["oppose"]!, heard: "au téléphone", by: admin)
        }

        func exists(_ name: String) -> Bool { (try? crm.contacts.contact(id: ids[name]!, by: admin)) != nil }
    }

    @Test func nearingTheLimitIsWarnedPastItAfterTheWarningIsAnonymised() throws {
        let f = try Office()
        let run = RetentionRun(desk: f.desk)
        let requests = try f.crm.statistics.statistics(from: nil, to: nil, by: f.admin).requests
        // MUT 1: today. A dry run first: the same counts, nothing done.
        let dry = try run.run(officeID: f.admin.officeID, now: f.now, dryRun: true).first
        let today = try run.run(officeID: f.admin.officeID, now: f.now).first
        // validation: who cannot be warned goes at once; the others are warned, once.
        #expect(dry?.summary == today?.summary)
        #expect(today?.warned == 2 && today?.anonymised == 2 && today?.deleted == 0, "\(String(describing: today))")
        #expect(f.exists("ancien") && f.exists("bientot") && f.exists("recent") && !f.exists("sansadresse") && !f.exists("oppose"))
        let warnings = try f.crm.outbox.pacedDue(campaignID: nil, limit: 10, by: f.admin)
        #expect(Set(warnings.map(\.recipient)) == ["ancien@example.org", "bientot@example.org"])
        #expect(warnings.allSatisfy { $0.subject.contains("va bientôt effacer vos coordonnées") && $0.text.contains("https://g.example.org/consent/keep/") })
        #expect(try run.run(officeID: f.admin.officeID, now: f.now.addingTimeInterval(86400)).first?.warned == 0, "warned once")
        // MUT 2: "bientot" answers the email; a month later the run again.
        let link = try #require(warnings.first { $0.recipient == "bientot@example.org" }?.text.split(whereSeparator: \.isNewline)
            .first { $0.contains("/consent/keep/") })
        try KeepContact(desk: f.desk).run(token: String(link.split(separator: "/").last!))
        let later = try run.run(officeID: f.admin.officeID, now: f.now.addingTimeInterval(31 * 86400)).first
        // validation
        #expect(later?.anonymised == 1 && !f.exists("ancien") && f.exists("bientot") && f.exists("recent"), "\(String(describing: later))")
        #expect(try f.crm.statistics.statistics(from: nil, to: nil, by: f.admin).requests == requests, "anonymised requests still count")
        let log = try f.crm.audit.entries(AuditFilter(), by: f.admin)
        #expect(log.filter { $0.action == .retentionRun }.count == 3 && log.filter { $0.action == .contactAnonymised }.count == 3)
    }

    @Test func deletionTakesTheRequestsAndOldMessagesAreEmptied() throws {
        let f = try Office(action: .delete)
        let reply = try f.crm.outbox.enqueue(OutboxEntry(requestID: try f.crm.requests.list(contactID: f.ids["recent"]!, by: f.admin).first?.id,
                                                         idempotencyKey: "r-1", recipient: "recent@example.org", subject: "Votre séjour", text: "Bonjour…",
                                                         attachments: [.init(fileName: "Selection.pdf", data: Data("%PDF".utf8))]), by: f.admin)
        _ = try f.crm.outbox.claim(outboxID: reply.id, by: f.admin)
        try f.crm.outbox.settle(outboxID: reply.id, state: .sent, error: nil, by: f.admin)
        // MUT: four hundred days on.
        let report = try RetentionRun(desk: f.desk).run(officeID: f.admin.officeID, now: f.now.addingTimeInterval(400 * 86400)).first
        // validation
        #expect(report?.deleted == 2 && report?.messagesPurged == 1, "\(String(describing: report))")
        #expect(try f.crm.statistics.statistics(from: nil, to: nil, by: f.admin).requests == 3)
        let emptied = try f.crm.outbox.entry(id: reply.id, by: f.admin)
        #expect(emptied.state == .sent && emptied.text.isEmpty && emptied.attachments.isEmpty && emptied.subject == "Votre séjour")
    }

    @Test func aPolicyOutsideTheLimitsIsRefused() throws {
        let f = try Office()
        #expect(throws: CRMError.self) {
            try f.crm.retention.setPolicy(RetentionPolicy(inactiveYears: 0, warningDays: 30, action: .delete, messageDays: 365), by: f.admin)
        }
        #expect(throws: CRMError.self) { try f.crm.retention.setPolicy(.standard, by: Caller.agent(of: f.admin.officeID!, name: "x")) }
        #expect(try f.crm.retention.policy(by: f.admin).inactiveYears == 3)
    }
}
