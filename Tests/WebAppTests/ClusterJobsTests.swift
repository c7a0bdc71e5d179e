import Foundation
import GuichetTestSupport
import Records
import Storage
import Testing
import WebApp
import Workflows

@Suite("The cluster's jobs run once, whatever the nodes",
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)))
struct ClusterJobsTests {
    @Test func theNightlyPullEveryNodePlansIsQueuedOnce() throws {
        // setup: three nodes of one database, each with its own connections and its own sync.
        let database = try TestDatabase(.postgres)
        let configuration = ApidaeConfiguration(apiURL: "http://127.0.0.1:9/api", projectID: 4242, apiKey: "k", exportHosts: ["127.0.0.1"])
        let syncs = try (0..<3).map { _ in
            ApidaeSync(records: try RecordStore(owner: try database.open(GuichetDatabase.migrations, separate: true)),
                       configuration: configuration, photos: nil, staging: FileManager.default.temporaryDirectory)
        }
        let planned = Date().addingTimeInterval(-2)
        // MUT: the three nodes wake for the same night at once.
        let runs = try syncs.parallelMap { try $0.queuePull(scheduledAt: planned) }
        // validation: one pull queued, the same for all three.
        #expect(Set(runs.map(\.id)).count == 1)
        #expect(try syncs[0].records.recent(limit: 10).filter { $0.kind == .pull }.count == 1)
        // Once it ran, a node waking late for the same night still adds nothing…
        _ = try syncs[1].records.takeNextQueued(at: Date())
        #expect(try syncs[2].queuePull(scheduledAt: planned).id == runs[0].id)
        // …and the next night is queued.
        #expect(try syncs[2].queuePull(scheduledAt: Date().addingTimeInterval(1)).id != runs[0].id)
    }
}

extension ClusterJobsTests {
    @Test(.timeLimit(.minutes(1)))
    func aChangeOnOneNodeIsToldToAnotherAtOnceAndAgainAfterALostConnection() async throws {
        // setup: node B listens through a relay the test can cut; node A writes.
        let server = try #require(TestPostgres.url)
        let database = try TestDatabase(.postgres)
        let relay = try TCPRelay(to: server.port)
        let nodeA = try RecordStore(owner: try database.open(GuichetDatabase.migrations, separate: true))
        let nodeB = try RecordStore(owner: try database.open(GuichetDatabase.migrations, throughPort: relay.port, connections: 4))
        let t = try TemporaryStore()
        var told = try #require(nodeB.changeNotifications()).makeAsyncIterator()
        #expect(await told.next() != nil, "told once listening: look at the change log now")
        // MUT: an import on node A.
        _ = try Importer(store: nodeA).importPaths([try t.file("a.json", "[" + sampleRecord(id: 991_001, name: "Zéphyr") + "]")])
        // validation: node B is told as it commits (this stream has no polling: only a notification ends the wait).
        #expect(await told.next() != nil)
        // The listening connection lost and back: told on its return (what was missed meanwhile is in the log)…
        let before = try nodeB.revision()
        relay.cut()
        _ = try Importer(store: nodeA).importPaths([try t.file("b.json", "[" + sampleRecord(id: 991_002, name: "Zéphyr 2") + "]")])
        try relay.restore()
        #expect(await told.next() != nil)
        #expect(try nodeB.changes(since: before)?.ids == [991_002])
        // …and told of the next change again.
        _ = try Importer(store: nodeA).importPaths([try t.file("c.json", "[" + sampleRecord(id: 991_003, name: "Zéphyr 3") + "]")])
        #expect(await told.next() != nil)
    }

    @Test func sqliteHasNoNotificationsItsNodesLook() throws {
        let t = try TemporaryStore()
        #expect(t.store.changeNotifications() == nil)
    }
}

extension Array where Element: Sendable {
    /// `transform` on every element at once, each on its own thread; results in order.
    func parallelMap<T: Sendable>(_ transform: @escaping @Sendable (Element) throws -> T) throws -> [T] {
        let results = UncheckedBox([Result<T, any Error>?](repeating: nil, count: count))
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { try transform(self[index]) }
            lock.withLock { results.value[index] = result }
        }
        return try results.value.map { try $0!.get() }
    }
}

final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
