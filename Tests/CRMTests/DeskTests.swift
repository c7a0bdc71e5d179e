import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("The web desk's storage: drafts, saved searches, branding, API tokens")
struct DeskTests {
    func agents(_ f: TwoOffices) throws -> (Caller, Caller) {
        let lea = try f.store.users.add(email: "lea@a.example", name: "Léa", role: .agent, officeID: f.a.id, password: "long enough pw", by: .regionalAdmin)
        let tom = try f.store.users.add(email: "tom@a.example", name: "Tom", role: .agent, officeID: f.a.id, password: "long enough pw", by: .regionalAdmin)
        return (lea.caller, tom.caller)
    }

    @Test(arguments: Engine.available) func eachAgentHasOneDraftBasket(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let (lea, tom) = try agents(f)
        let draft = try f.store.baskets.draft(by: lea)
        #expect(try f.store.baskets.draft(by: lea).id == draft.id)
        #expect(try f.store.baskets.draft(by: tom).id != draft.id)
        #expect(throws: CRMError.self) { try f.store.baskets.draft(by: f.agentA) }  // no signed-in user
    }

    @Test(arguments: Engine.available) func savedSearchesAreOwnOrSharedInTheOffice(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let (lea, tom) = try agents(f)
        _ = try f.store.savedSearches.save(SavedSearch(name: "Mes gîtes", query: "q=gite"), by: lea)
        let shared = try f.store.savedSearches.save(SavedSearch(name: "Marchés", query: "category=manifestations", shared: true), by: lea)
        #expect(try f.store.savedSearches.list(by: lea).map(\.name) == ["Marchés", "Mes gîtes"])
        #expect(try f.store.savedSearches.list(by: tom).map(\.name) == ["Marchés"])
        #expect(throws: CRMError.self) { try f.store.savedSearches.delete(id: shared.id, by: tom) }
        try f.store.savedSearches.delete(id: shared.id, by: f.adminA)
        #expect(try f.store.savedSearches.list(by: tom).isEmpty)
    }

    @Test(arguments: Engine.available) func brandingAndTokensBelongToTheOffice(engine: Engine) throws {
        let f = try TwoOffices(engine)
        try f.store.offices.setBranding(OfficeBranding(logo: Data("<svg/>".utf8), primary: "#1F5C8C", address: "1 rue du Lac"), by: f.adminA)
        #expect(try f.store.offices.branding(by: f.agentA).primary == "#1F5C8C")
        #expect(try f.store.offices.branding(by: f.agentB).primary == nil)
        #expect(throws: CRMError.invalid(field: "primary", reason: "une couleur #RRVVBB est attendue")) {
            try f.store.offices.setBranding(OfficeBranding(primary: "blue"), by: f.adminA)
        }
        let token = try f.store.offices.createAPIToken(name: "site web", by: f.adminA)
        #expect(try f.store.offices.caller(forAPIToken: token)?.officeID == f.a.id)
        #expect(try f.store.offices.caller(forAPIToken: token + "x") == nil)
        #expect(throws: CRMError.self) { try f.store.offices.createAPIToken(name: "x", by: f.agentA) }
    }
}
