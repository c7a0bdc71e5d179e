import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("Duplicate contacts")
struct DuplicateTests {
    @Test(arguments: Engine.available) func sameNamesAndPostalCodeAreFoundPreviewedAndMergedKeepingEveryRequest(engine: Engine) throws {
        // setup: B met Marie twice, once without email; A knew only the second record.
        let f = try TwoOffices(engine)
        let counter = try f.store.contacts.add(Contact(civility: "Mme", firstName: "marie", lastName: "DUPONT", phone: "06 12 34 56 78",
                                                     postalCode: "69003", notes: "vue au salon de Lyon"), by: f.agentB)
        let visit = try f.store.requests.add(InformationRequest(contactID: counter.id, contactMode: .fair), by: f.agentB)
        _ = try f.store.contacts.add(Contact(email: "marie.dupont@example.org"), by: f.agentA)  // A co-owns contactB
        // MUT
        let found = try f.store.contacts.duplicates(of: counter.id, by: f.agentB)
        let preview = try f.store.contacts.mergePreview(counter.id, into: f.contactB.id, by: f.agentB)
        let stillTwo = try f.store.contacts.search("dupont", by: f.agentB).count
        let kept = try f.store.contacts.merge(counter.id, into: f.contactB.id, by: f.agentB)
        // validation
        #expect(found.map(\.id) == [f.contactB.id])
        #expect(preview.phone == "06 12 34 56 78" && preview.email == "marie.dupont@example.org" && stillTwo == 2)
        #expect(kept == preview)
        #expect(kept.notes == "vue au salon de Lyon")
        #expect(try f.store.requests.list(contactID: f.contactB.id, by: f.agentB).map(\.id).sorted() == [f.requestB.id, visit.id].sorted())
        #expect(try f.store.contacts.search("dupont", by: f.agentB).map(\.id) == [f.contactB.id])
        #expect(try f.store.contacts.contact(email: "marie.dupont@example.org", by: f.agentA)?.phone == nil)  // A sees only what A collected
        #expect(try f.store.contacts.duplicates(of: f.contactB.id, by: f.agentB).isEmpty)
        #expect(throws: CRMError.self) { try f.store.contacts.merge(f.contactB.id, into: f.contactB.id, by: f.agentB) }
    }
}
