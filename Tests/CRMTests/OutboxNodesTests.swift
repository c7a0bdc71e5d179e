import CRM
import Foundation
import GuichetTestSupport
import Mail
import Storage
import Testing

@Suite("Two nodes' outbox workers on one PostgreSQL database",
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)),
       .enabled(if: SMTPTestServer.available, Comment(rawValue: SMTPTestServer.skipReason)))
struct OutboxNodesTests {
    let from = try! MailAddress("accueil@ot-chambery.example")

    @Test func everyMessageIsReceivedOnceWhenBothWorkersRunAtOnce() async throws {
        // setup: 40 replies waiting (and the fixture's one), two nodes each with a connection pool of their own.
        let f = try TwoOffices(.postgres)
        for i in 0..<40 {
            _ = try f.store.outbox.enqueue(OutboxEntry(requestID: f.requestB.id, idempotencyKey: "bulk-\(i)", recipient: "visiteur\(i)@example.org",
                                                       subject: "Votre demande", text: "Bonjour"), by: f.agentB)
        }
        let server = try SMTPTestServer()
        let nodes = try (0..<2).map { _ in SQLCRM(owner: try f.database.open(SQLCRM.migrations, separate: true)) }
        let configuration = SMTPConfiguration(url: server.url, from: from, startTLS: .never)
        // MUT: both workers at the same time.
        let sent = try await withThrowingTaskGroup(of: Int.self) { group in
            for node in nodes {
                group.addTask { [from] in
                    try await Task.detached {
                        try OutboxDelivery(store: node.outbox, transport: SMTPTransport(configuration), from: from).deliverAllPending()
                    }.value
                }
            }
            return try await group.reduce(0, +)
        }
        // validation: 41 sent between them, each received once, each settled as sent.
        #expect(sent == 41)
        let received = try server.messages()
        #expect(received.count == 41)
        #expect(Set(received.map(\.to)).count == 41)
        #expect(try f.store.outbox.list(requestID: f.requestB.id, by: f.agentB).allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test func aNodeStartingLeavesAnotherNodesSendInFlightAlone() throws {
        // setup: node A claimed a message and is sending it.
        let f = try TwoOffices(.postgres)
        let nodeA = SQLCRM(owner: try f.database.open(SQLCRM.migrations, separate: true))
        let nodeB = SQLCRM(owner: try f.database.open(SQLCRM.migrations, separate: true))
        _ = try #require(try nodeA.outbox.claim(outboxID: f.messageB.id, by: f.agentB))
        // MUT: node B starts (its start-up recovery).
        #expect(try nodeB.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(-OutboxDelivery.longestSend)) == 0)
        // validation: still node A's; once older than any send could be, it is a stopped worker's.
        #expect(try nodeB.outbox.entry(id: f.messageB.id, by: f.agentB).state == .sending)
        #expect(try nodeB.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(1)) == 1)
        #expect(try nodeB.outbox.entry(id: f.messageB.id, by: f.agentB).state == .interrupted)
    }

    @Test func aPacedRateHoldsOverTheClusterNotEachNode() throws {
        // setup: an import's 10 confirmation emails paced at 4 a minute; two nodes, each its own pool.
        let f = try TwoOffices(.postgres)
        for i in 0..<10 {
            _ = try f.store.outbox.enqueue(OutboxEntry(idempotencyKey: "paced-\(i)", recipient: "invite\(i)@example.org", subject: "Confirmez",
                                                       text: "Bonjour", paced: true), by: f.agentB)
        }
        let server = try SMTPTestServer()
        let configuration = SMTPConfiguration(url: server.url, from: from, startTLS: .never)
        let nodes = try (0..<2).map { _ in
            OutboxDelivery(store: SQLCRM(owner: try f.database.open(SQLCRM.migrations, separate: true)).outbox,
                           transport: SMTPTransport(configuration), from: from)
        }
        // MUT: node A's tick, then node B's, then A's again, all within the minute.
        let ticks = try [nodes[0], nodes[1], nodes[0]].map { try $0.deliverPaced(window: 60, defaultRate: 4) }
        // validation: four in the minute between them, not four per node.
        #expect(ticks == [4, 0, 0])
        #expect(try server.messages().count == 4)
    }
}
