import Foundation
import GRDB
import Storage
import GuichetTestSupport
import Testing
@testable import CRM

@Suite("A person known once in the region, each office seeing what it collected")
struct ContactProfileTests {
    @Test(arguments: Engine.available) func theSameEmailAtAnotherOfficeRevealsNothingTheFirstOfficeCollected(engine: Engine) throws {
        // setup: office B knows Marie well.
        let f = try TwoOffices(engine)
        var known = f.contactB
        known.phone = "04 79 00 00 00"
        known.birthDate = "1980-02-03"
        known.notes = "Cliente fidèle, allergique aux chats"
        try f.store.contacts.update(known, by: f.agentB)
        // MUT: office A records a visitor with the same email (another case).
        let claimed = try f.store.contacts.add(Contact(firstName: "Marie", email: "Marie.Dupont@Example.org"), by: f.agentA)
        // validation: one person, two profiles, each under its office's own reference.
        #expect(claimed.id != f.contactB.id)
        let people = try f.store.owner.read { db in try db.value("SELECT count(DISTINCT contact_id) FROM crm_contact_profile", as: Int.self) }
        #expect(people == 1)
        let seenByA = try f.store.contacts.contact(id: claimed.id, by: f.agentA)
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
        #expect(try f.store.requests.list(contactID: claimed.id, by: f.agentA).isEmpty)
    }

    /// Chambéry recording Marie got id 11, Annecy's id for her: it told Chambéry that Annecy knew
    /// her. Each office's reference now comes from one count for the region.
    @Test(arguments: Engine.available) func anOfficesReferenceForAPersonSaysNothingOfWhoKnewThemBefore(engine: Engine) throws {
        // setup: B knows Marie (the fixture); A meets Marie and a stranger, one after the other.
        let f = try TwoOffices(engine)
        // MUT
        let known = try f.store.contacts.add(Contact(email: "marie.dupont@example.org"), by: f.agentA)
        let stranger = try f.store.contacts.add(Contact(lastName: "Inconnu", email: "paul.inconnu@example.org"), by: f.agentA)
        let another = try f.store.contacts.add(Contact(lastName: "Autre", email: "autre@example.org"), by: f.agentA)
        // validation: the same kind of reference either way, never B's.
        #expect(known.id != f.contactB.id)
        #expect(stranger.id == known.id + 1 && another.id == stranger.id + 1)
        // A's requests, baskets and duplicates speak of its own reference.
        let request = try f.store.requests.add(InformationRequest(contactID: known.id, contactMode: .counter), by: f.agentA)
        #expect(try f.store.requests.request(id: request.id, by: f.agentA).contactID == known.id)
        #expect(try f.store.requests.list(contactID: known.id, by: f.agentA).map(\.id) == [request.id])
        #expect(try f.store.requests.request(id: f.requestB.id, by: f.agentB).contactID == f.contactB.id)
        #expect(throws: CRMError.self) { _ = try f.store.requests.add(InformationRequest(contactID: f.contactB.id, contactMode: .counter), by: f.agentA) }
    }

    @Test(arguments: Engine.available) func aMergeMovesOnlyTheCallersOfficesRequests(engine: Engine) throws {
        // setup: office A claims B's contact by email, then makes a look-alike of its own.
        let f = try TwoOffices(engine)
        let claimed = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", email: "marie.dupont@example.org", postalCode: "69003"),
                                               by: f.agentA)
        let attacker = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", email: "attacker@evil.example", postalCode: "69003"),
                                                by: f.agentA)
        let ownRequest = try f.store.requests.add(InformationRequest(contactID: claimed.id, contactMode: .counter), by: f.agentA)
        // MUT: A merges the claimed person into its attacker contact.
        _ = try f.store.contacts.merge(claimed.id, into: attacker.id, by: f.agentA)
        // validation: B's request, profile and email are untouched; A's own request moved.
        #expect(try f.store.requests.request(id: f.requestB.id, by: f.agentB).contactID == f.contactB.id)
        #expect(try f.store.contacts.contact(id: f.contactB.id, by: f.agentB).email == "marie.dupont@example.org")
        #expect(try f.store.contacts.search(nil, by: f.agentB).map(\.id) == [f.contactB.id])
        #expect(try f.store.requests.request(id: ownRequest.id, by: f.agentA).contactID == attacker.id)
        #expect(try f.store.contacts.contact(id: attacker.id, by: f.agentA).email == "attacker@evil.example")
        #expect(throws: CRMError.self) { try f.store.contacts.contact(id: claimed.id, by: f.agentA) }  // A's profile of it is gone
        #expect(throws: CRMError.self) { try f.store.contacts.contact(id: attacker.id, by: f.agentB) }
    }

    @Test func contactsRecordedBeforeProfilesKeepTheirDataWithTheOfficeThatCollectedIt() throws {
        // setup: a file at the migration before profiles, one person co-owned by two offices.
        let t = try TemporaryStore()
        let path = t.folder.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseOwner.open(.sqlite(path: path), migrations: SQLCRM.migrations, upTo: "crm-6-outbox-backoff")
        try queue.write { db in
            try db.executeScript("""
                INSERT INTO crm_office (id, name, tier) VALUES (1, 'Annecy', 'PREMIUM'), (2, 'Chambéry', 'START');
                INSERT INTO crm_contact (id, kind, first_name, last_name, email, phone, notes, created_at)
                    VALUES (7, 'B2C', 'Marie', 'Dupont', 'marie@example.org', '06 00 00 00 00', 'notes de Chambéry', 1000);
                INSERT INTO crm_contact_owner (contact_id, office_id, since) VALUES (7, 2, 1000), (7, 1, 2000);
                """)
        }
        // MUT
        let crm = try SQLCRM(path: path)
        // validation
        let first = try crm.contacts.contact(id: 7, by: .agent(of: 2))
        #expect(first.lastName == "Dupont" && first.phone == "06 00 00 00 00" && first.notes == "notes de Chambéry")
        // The office that recorded her first keeps id 7; the other gets a reference of its own.
        #expect(throws: CRMError.self) { try crm.contacts.contact(id: 7, by: .agent(of: 1)) }
        let claimer = try #require(try crm.contacts.contact(email: "marie@example.org", by: .agent(of: 1)))
        #expect(claimer.id > 7)
        #expect(claimer.email == "marie@example.org" && claimer.lastName == nil && claimer.phone == nil && claimer.notes == nil)
        let leftInSharedRow = try queue.read { try $0.row("SELECT phone, notes, last_name FROM crm_contact WHERE id = 7") }
        #expect(leftInSharedRow?["phone"] as String? == nil && leftInSharedRow?["notes"] as String? == nil)
    }
}
