import CRM
import Foundation
import GuichetTestSupport
import Mail
import Records
import Testing
import Workflows

@Suite("Use cases run at the same time")
struct ConcurrencyTests {
    @Test func parallelAdditionsToOneBasketAllLand() async throws {
        // setup: one agent, 24 records added from 24 tasks at once (two tabs, a double click…).
        let t = try TemporaryStore()
        _ = try t.importing([try t.demoExport(records: 30)])
        let crm = try SQLCRM(path: t.store.path)
        let office = try crm.offices.add(name: "Office", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        let user = try crm.users.add(email: "lea@annecy.example", name: "Léa", role: .agent, officeID: office.id, password: "long enough pw",
                                     by: .regionalAdmin)
        var found: [Int] = []
        try t.store.forEachIndexRow { found.append($0.id) }
        let ids = Array(found.prefix(24))
        let basket = DraftBasket(crm: crm, records: t.store, layouts: { ["livret-a5"] })
        let caller = user.caller
        // MUT
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { _ = try basket.add(recordID: id, by: caller) } }
            try await group.waitForAll()
        }
        // validation
        #expect(Set(try basket.current(by: caller).recordIDs) == Set(ids))
        #expect(try basket.current(by: caller).recordIDs.count == ids.count)
        #expect(try t.store.summaries(ids: ids).allSatisfy { $0.popularity == 1 })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                   "fonts missing: run scripts/fonts.sh"))
    func twoRepliesAtOnceSendOneMessage() async throws {
        // setup
        let t = try TemporaryStore()
        let crm = try SQLCRM(path: t.store.path)
        let office = try crm.offices.add(name: "Office", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        let agent = Caller.agent(of: office.id, name: "Léa")
        let saved = try RecordRequest(crm: crm, records: t.store).run(.init(
            contact: Contact(lastName: "Dupont", email: "marie.dupont@example.org"), request: InformationRequest(contactMode: .email)), by: agent)
        let transport = CountingTransport()
        let maker = try BrochureMaker(records: t.store, layoutsFolder: TestData.repository.appendingPathComponent("Layouts").path,
                                      brandingFolder: TestData.repository.appendingPathComponent("Branding").path,
                                      fontsFolder: TestData.repository.appendingPathComponent("Fonts/files").path, photos: nil)
        let reply = ReplyToRequest(crm: crm, brochures: maker, mail: .init(transport: transport, from: try MailAddress("accueil@ot.example")))
        // MUT
        let states = try await withThrowingTaskGroup(of: OutboxEntry.self) { group in
            for _ in 0..<2 { group.addTask { try reply.run(requestID: saved.request.id, attachBasket: false, by: agent) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // validation
        #expect(transport.count == 1)
        #expect(Set(states.map(\.id)).count == 1)
        #expect(try crm.outbox.list(requestID: saved.request.id, by: agent).count == 1)
        #expect(try crm.requests.request(id: saved.request.id, by: agent).status == .answered)
    }
}

/// Counts the messages handed to it, slowly enough for two senders to overlap.
final class CountingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent = 0

    func send(_ message: MailMessage) throws(MailError) {
        Thread.sleep(forTimeInterval: 0.05)
        lock.withLock { sent += 1 }
    }

    var count: Int { lock.withLock { sent } }
}
