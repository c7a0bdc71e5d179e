import CRM
import Foundation
import GuichetTestSupport
import Storage
import Testing

@Suite("A contact is found by address with one probe, however many contacts the office has")
struct ContactLookupTests {
    /// Reproduced: SQLite read the office's contacts in reference order until one matched (the
    /// reference index served `ORDER BY ref LIMIT 1`): every counter form with an address, and an
    /// import's every row, slower than the last (32,000 contacts imported in 224 s; 39 s after).
    @Test func theAddressLookupUsesTheAddressIndex() throws {
        let f = try TwoOffices(.sqlite)
        let plan = try f.store.owner.read { db in
            try db.rows("""
                EXPLAIN QUERY PLAN SELECT p.*, p.ref AS id FROM crm_contact_profile p
                WHERE p.office_id = ? AND (lower(p.email) = ?) ORDER BY p.ref LIMIT 1 OFFSET 0
                """, [f.a.id, "marie@example.org"]).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH p USING INDEX crm_contact_profile_email (office_id=? AND <expr>=?)"], "\(plan)")
    }

    @Test(arguments: Engine.available) func theSameAddressInAnyCaseIsTheSameContact(engine: Engine) throws {
        let f = try TwoOffices(engine)
        for i in 0..<50 { _ = try f.store.contacts.add(Contact(lastName: "Visiteur \(i)", email: "visiteur\(i)@example.org"), by: f.agentA) }
        let marie = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Durand", email: "Marie.Durand@Example.org"), by: f.agentA)
        #expect(try f.store.contacts.contact(email: " marie.durand@example.ORG", by: f.agentA)?.id == marie.id)
        #expect(try f.store.contacts.contact(email: "marie.durand@example.org", by: f.agentB) == nil, "another office's")
    }
}
