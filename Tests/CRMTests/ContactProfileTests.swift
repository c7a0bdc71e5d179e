import Foundation
import GRDB
import GuichetTestSupport
import Testing
@testable import CRM

@Suite("A person known once in the region, each office seeing what it collected")
struct ContactProfileTests {
    @Test func theSameEmailAtAnotherOfficeRevealsNothingTheFirstOfficeCollected() throws {
        // setup: office B knows Marie well.
        let f = try TwoOffices()
        var known = f.contactB
        known.phone = "04 79 00 00 00"
        known.birthDate = "1980-02-03"
        known.notes = "Cliente fidèle, allergique aux chats"
        try f.store.contacts.update(known, by: f.agentB)
        // MUT: office A records a visitor with the same email (another case).
        let claimed = try f.store.contacts.add(Contact(firstName: "Marie", email: "Marie.Dupont@Example.org"), by: f.agentA)
        // validation: one person, two profiles.
        #expect(claimed.id == f.contactB.id)
        let seenByA = try f.store.contacts.contact(id: f.contactB.id, by: f.agentA)
        #expect(seenByA.firstName == "Marie" && seenByA.email == "marie.dupont@example.org")
        #expect(seenByA.lastName == nil && seenByA.phone == nil && seenByA.birthDate == nil && seenByA.notes == nil && seenByA.postalCode == nil)
        #expect(try f.store.contacts.search("dupont", by: f.agentA).map(\.lastName) == [nil])  // found by the email A typed, not by B's fields
        let seenByB = try f.store.contacts.contact(id: f.contactB.id, by: f.agentB)
        #expect(seenByB.notes == known.notes && seenByB.phone == known.phone && seenByB.lastName == "Dupont")
        // What A changes stays in A's profile.
        var edited = seenByA
        edited.notes = "Vue au guichet d'Annecy"
        try f.store.contacts.update(edited, by: f.agentA)
        #expect(try f.store.contacts.contact(id: f.contactB.id, by: f.agentB).notes == known.notes)
        #expect(try f.store.requests.list(contactID: f.contactB.id, by: f.agentA).isEmpty)
    }

    @Test func aMergeMovesOnlyTheCallersOfficesRequests() throws {
        // setup: office A claims B's contact by email, then makes a look-alike of its own.
        let f = try TwoOffices()
        _ = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", email: "marie.dupont@example.org", postalCode: "69003"), by: f.agentA)
        let attacker = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", email: "attacker@evil.example", postalCode: "69003"),
                                                by: f.agentA)
        let ownRequest = try f.store.requests.add(InformationRequest(contactID: f.contactB.id, contactMode: .counter), by: f.agentA)
        // MUT: A merges the claimed person into its attacker contact.
        _ = try f.store.contacts.merge(f.contactB.id, into: attacker.id, by: f.agentA)
        // validation: B's request, profile and email are untouched; A's own request moved.
        #expect(try f.store.requests.request(id: f.requestB.id, by: f.agentB).contactID == f.contactB.id)
        #expect(try f.store.contacts.contact(id: f.contactB.id, by: f.agentB).email == "marie.dupont@example.org")
        #expect(try f.store.contacts.search(nil, by: f.agentB).map(\.id) == [f.contactB.id])
        #expect(try f.store.requests.request(id: ownRequest.id, by: f.agentA).contactID == attacker.id)
        #expect(try f.store.contacts.contact(id: attacker.id, by: f.agentA).email == "attacker@evil.example")
        #expect(throws: CRMError.self) { try f.store.contacts.contact(id: f.contactB.id, by: f.agentA) }  // A's profile of it is gone
        #expect(throws: CRMError.self) { try f.store.contacts.contact(id: attacker.id, by: f.agentB) }
    }

    @Test func contactsRecordedBeforeProfilesKeepTheirDataWithTheOfficeThatCollectedIt() throws {
        // setup: a file at the migration before profiles, one person co-owned by two offices.
        let t = try TemporaryStore()
        let path = t.folder.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteCRM.migrator.migrate(queue, upTo: "crm-6-outbox-backoff")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO crm_office (id, name, tier) VALUES (1, 'Annecy', 'PREMIUM'), (2, 'Chambéry', 'START');
                INSERT INTO crm_contact (id, kind, first_name, last_name, email, phone, notes, created_at)
                    VALUES (7, 'B2C', 'Marie', 'Dupont', 'marie@example.org', '06 00 00 00 00', 'notes de Chambéry', 1000);
                INSERT INTO crm_contact_owner (contact_id, office_id, since) VALUES (7, 2, 1000), (7, 1, 2000);
                """)
        }
        // MUT
        let crm = try SQLiteCRM(path: path)
        // validation
        let first = try crm.contacts.contact(id: 7, by: .agent(of: 2))
        #expect(first.lastName == "Dupont" && first.phone == "06 00 00 00 00" && first.notes == "notes de Chambéry")
        let claimer = try crm.contacts.contact(id: 7, by: .agent(of: 1))
        #expect(claimer.email == "marie@example.org" && claimer.lastName == nil && claimer.phone == nil && claimer.notes == nil)
        let leftInSharedRow = try queue.read { try Row.fetchOne($0, sql: "SELECT phone, notes, last_name FROM crm_contact WHERE id = 7") }
        #expect(leftInSharedRow?["phone"] as String? == nil && leftInSharedRow?["notes"] as String? == nil)
    }
}
