import CRM
import Foundation
import GRDB
import GuichetTestSupport
import Records
import Testing
import Workflows

@Suite("Recording a request: contact, request and basket in one transaction")
struct RecordRequestTests {
    struct Office {
        let t: TemporaryStore
        let crm: SQLCRM
        let agent: Caller
        let ids: [Int]

        init() throws {
            t = try TemporaryStore()
            _ = try t.importing([try t.demoExport(records: 20)])
            crm = try SQLCRM(path: t.store.path)
            let office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001,
                                             by: .regionalAdmin)
            agent = .agent(of: office.id, name: "Léa Martin")
            var found: [Int] = []
            try t.store.forEachIndexRow { found.append($0.id) }
            ids = Array(found.sorted().prefix(2))
        }

        var use: RecordRequest { RecordRequest(crm: crm, records: t.store) }
        var marie: Contact { Contact(firstName: "Marie", lastName: "Dupont", email: "marie.dupont@example.org") }

        /// Rows of a CRM table, read straight from the file (not through the office's scope).
        func count(_ table: String) throws -> Int {
            try DatabaseQueue(path: t.store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        }
    }

    @Test func aRefusedRequestLeavesNoContactBehind() throws {
        // setup
        let office = try Office()
        let input = RecordRequest.Input(contact: office.marie, request: InformationRequest(contactMode: .counter, themes: ["patrimoine/inconnu"]),
                                        basket: .records(ids: office.ids, layout: "livret-a5", language: "fr"))
        // MUT: the request is refused after the contact was written, inside the transaction.
        #expect(throws: CRMError.invalid(field: "themes", reason: "thème inconnu « patrimoine/inconnu » (voir la liste régionale)")) {
            try office.use.run(input, by: office.agent)
        }
        // validation
        #expect(try office.count("crm_contact") == 0)
        #expect(try office.count("crm_contact_profile") == 0)
        #expect(try office.count("crm_request") == 0)
        #expect(try office.count("crm_basket") == 0)
        #expect(try office.t.store.summaries(ids: office.ids).map(\.popularity) == [0, 0])
    }

    @Test func anUnknownRecordInTheBasketRefusesTheWholeEntry() throws {
        let office = try Office()
        let input = RecordRequest.Input(contact: office.marie, request: InformationRequest(contactMode: .counter),
                                        basket: .records(ids: office.ids + [987_654_321], layout: "livret-a5", language: "fr"))
        #expect(throws: WorkflowError.unknownRecord(987_654_321)) { try office.use.run(input, by: office.agent) }
        #expect(try office.count("crm_contact") == 0 && office.count("crm_request") == 0)
    }

    @Test func aPersonWithoutNameCompanyOrEmailIsRefusedNotDropped() throws {
        let office = try Office()
        let input = RecordRequest.Input(contact: Contact(firstName: "Marie", phone: "06 12 34 56 78"), request: InformationRequest(contactMode: .phone))
        #expect(throws: CRMError.self) { try office.use.run(input, by: office.agent) }
        #expect(try office.count("crm_request") == 0)
    }

    @Test func theDraftBasketGoesWithTheRequestAndANewDraftStarts() throws {
        // setup: a signed-in agent with two records in the draft.
        let office = try Office()
        let user = try office.crm.users.add(email: "lea@annecy.example", name: "Léa Martin", role: .agent, officeID: office.agent.officeID,
                                            password: "long enough pw", by: .regionalAdmin)
        let draft = DraftBasket(crm: office.crm, records: office.t.store, layouts: { ["livret-a5"] })
        for id in office.ids { _ = try draft.add(recordID: id, by: user.caller) }
        // MUT
        let saved = try office.use.run(.init(contact: office.marie, request: InformationRequest(contactMode: .counter), basket: .draft), by: user.caller)
        // validation
        #expect(saved.basket?.recordIDs == office.ids && saved.basket?.requestID == saved.request.id)
        #expect(saved.request.contactID == saved.contact?.id && saved.contact != nil)
        #expect(try draft.current(by: user.caller).recordIDs.isEmpty)
        #expect(try office.t.store.summaries(ids: office.ids).map(\.popularity) == [1, 1])  // counted once, when added
    }
}
