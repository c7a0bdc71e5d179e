import CRM
import Foundation
import GuichetTestSupport
import Storage
import Testing
import WebApp
import Workflows

@Suite("An office's SQLite file moves to PostgreSQL with every row",
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)))
struct DatabaseCopyTests {
    @Test func everyTableArrivesVerifiedIdsGoOnAfterTheCopiedOnesAndAFullTargetIsRefused() throws {
        // setup: the demo region on SQLite, a person erased (an audit entry), an empty PostgreSQL database.
        let t = try TemporaryStore()
        let source = try GuichetDatabase.open(.sqlite(path: t.folder.appendingPathComponent("office.sqlite").path))
        _ = try DemoSeed.seed(database: source, records: 300) { _ in }
        let crm = SQLCRM(owner: source)
        let admin = Caller(role: .officeAdmin, officeID: 1, userName: "Claire Admin")
        let someone = try #require(try crm.contacts.search(nil, by: admin).first)
        try crm.audit.record(.contactErased, contactID: someone.id, detail: "test", by: admin)
        let highestRef = try source.read { db in try Int64.one(db, "SELECT max(ref) FROM crm_contact_profile") ?? 0 }
        let database = try TestDatabase(.postgres)
        let target = try database.open(GuichetDatabase.migrations)
        // MUT
        let report = try DatabaseCopy(from: source, to: target).run()
        // validation: each table's rows and checksum, read again from both sides.
        for table in report.tables {
            let count = try source.read { db in try Int.one(db, "SELECT count(*) FROM \(table.name)") ?? -1 }
            #expect(table.rows == count, "\(table.name)")
        }
        let rows = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0.rows) })
        #expect(rows["tourist_object"] == 300 && rows["crm_user"] == 5 && rows["crm_audit"] == 1 && (rows["consent_event"] ?? 0) > 0)
        // The moved office keeps working: signs in, and new rows take ids after the copied ones.
        let moved = SQLCRM(owner: target)
        #expect(try moved.users.authenticate(email: "agent@annecy.demo", password: DemoSeed.password) != nil)
        let added = try moved.contacts.add(Contact(firstName: "Nouvelle", lastName: "Visiteuse", email: "nouvelle@example.org"), by: admin)
        #expect(added.id > highestRef)
        let office = try moved.offices.add(name: "Office de Tourisme de Thônes", tier: .start, brochureAddOn: false, apidaeMember: 1003, by: .regionalAdmin)
        #expect(office.id == 3)
        // A second copy into it is refused, and changes nothing.
        #expect(throws: DatabaseCopyError.targetNotEmpty("apidae_commune")) { try DatabaseCopy(from: source, to: target).run() }
        #expect(try target.read { db in try Int.one(db, "SELECT count(*) FROM crm_office") } == 3)
    }
}
