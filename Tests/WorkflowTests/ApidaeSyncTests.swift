import Brochure
import Foundation
import GuichetTestSupport
import Records
import Storage
import Testing
import Workflows

@Suite("Apidae API pull: pages, deletions, faults, one generation", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ApidaeSyncTests {
    typealias F = ApidaeSyncFixture

    @Test func aPullOfSeveralPagesAddsThenUpdatesAndDeletesOnlyWhatChanged() throws {
        // setup: 450 records in selection 1 (three pages of at most 200), and a record imported by hand.
        let f = try F()
        _ = try f.t.importing([try f.t.file("hand.json", "[" + sampleRecord(id: 900_001, name: "Importé à la main") + "]")])
        try f.standIn.load(objects: (1...450).map { F.object($0) }, selections: [1: Array(1...450)])
        // MUT
        let first = try f.sync().pullNow()
        // validation: everything added in three pages of 200 at most, the identifiers asked.
        #expect(first.status == .succeeded, "\(first.message ?? "")")
        #expect(first.report.added == 450 && first.report.updated == 0 && first.report.deleted == 0)
        #expect(first.message?.hasPrefix("added 450, updated 0, deleted 0, rejected 0, photos fetched 0 in ") == true)
        let searches = try f.standIn.calls().filter { $0.path.hasSuffix("list-objets-touristiques") }
        // The first page alone (it gives the total), the next two at once: in either order.
        #expect(searches.first?.first == 0 && searches.compactMap(\.first).sorted() == [0, 200, 400] && searches.count == 3 && searches.allSatisfy { $0.count == 200 })
        #expect(try f.standIn.calls().contains { $0.path.hasSuffix("list-identifiants") })
        #expect(try f.t.store.recordCount(project: ApidaeStandIn.projectID) == 450)
        // MUT: five changed in Apidae, three left the selection.
        var objects = (1...450).map { F.object($0) }
        for id in [5, 50, 205, 305, 449] { objects[id - 1] = F.object(id, day: 9, name: "Hôtel \(id) rénové") }
        try f.standIn.load(objects: objects, selections: [1: Array(1...450).filter { ![10, 20, 30].contains($0) }])
        let revision = try f.t.store.revision()
        let second = try f.sync().pullNow()
        // validation: only the changes written; the hand-imported record is not the project's and stays.
        #expect(second.report.added == 0 && second.report.updated == 5 && second.report.deleted == 3, "\(second.message ?? "")")
        let ids = try f.ids()
        #expect(!ids.contains(10) && !ids.contains(20) && ids.contains(449) && ids.contains(900_001) && ids.count == 448)
        #expect(try f.t.store.object(id: 205).name("fr") == "Hôtel 205 rénové")
        #expect(try f.t.store.revision() > revision)
        // MUT + validation: nothing changed, nothing written.
        let third = try f.sync().pullNow()
        #expect(third.report == SyncReport(seconds: third.report.seconds))
    }

    @Test func twoSelectionsAreReadAsOneListOfIdentifiers() throws {
        // setup: two selections that overlap.
        let f = try F()
        try f.standIn.load(objects: (1...30).map { F.object($0) }, selections: [1: Array(1...20), 2: Array(15...30)])
        _ = try f.sync(selections: [1, 2]).pullNow()
        // MUT: 25 and 26 leave selection 2.
        try f.standIn.load(objects: (1...30).map { F.object($0) }, selections: [1: Array(1...20), 2: Array(15...24) + [27, 28, 29, 30]])
        let run = try f.sync(selections: [1, 2]).pullNow()
        // validation
        #expect(try run.report.deleted == 2 && f.ids() == Set(1...30).subtracting([25, 26]), "\(run.message ?? "")")
    }

    @Test func transientFaultsAreRetriedAndLastingOnesLeaveTheCacheAsItWas() throws {
        // setup: a first sync of 250 records.
        let f = try F()
        try f.standIn.load(objects: (1...250).map { F.object($0) }, selections: [1: Array(1...250)])
        _ = try f.sync().pullNow()
        let search = ApidaeClient.searchPath
        // MUT + validation: a 500, a connection reset and an answer cut short are each tried again.
        for mode in ["500", "reset", "truncate"] {
            try f.standIn.fault(search, mode, times: 1)
            let run = try f.sync().pullNow()
            #expect(run.status == .succeeded, "\(mode): \(run.message ?? "")")
        }
        // Lasting faults while Apidae has changes: 500 on every try, a page that never advances, answers too slow.
        var objects = (1...250).map { F.object($0) }
        objects[1] = F.object(2, day: 20, name: "Changé")
        try f.standIn.load(objects: objects + (251...260).map { F.object($0) }, selections: [1: Array(2...260)])
        let revision = try f.t.store.revision()
        for (mode, times, expected) in [("500", 3, "HTTP status 500"), ("loop", 2, "pagination does not advance"),
                                        ("slow", 2, "no complete answer within the time allowed")] {
            try f.standIn.fault(search, mode, times: times, seconds: 2.5)
            let failed = try (mode == "slow" ? f.sync(attempts: 2, timeout: 1) : f.sync()).pullNow()
            #expect(failed.status == .failed && failed.message?.contains(expected) == true, "\(mode): \(failed.message ?? "")")
            #expect(try f.t.store.revision() == revision && f.ids() == Set(1...250), "\(mode): the cache is as it was")
        }
        // MUT + validation: once Apidae answers again, everything is applied.
        let run = try f.sync().pullNow()
        #expect(run.status == .succeeded && run.report.added == 10 && run.report.updated == 1 && run.report.deleted == 1, "\(run.message ?? "")")
        #expect(try f.t.store.object(id: 2).name("fr") == "Changé")
    }

    @Test func aPullThatWouldEmptyTheProjectStopsUnlessAllowed() throws {
        // setup
        let f = try F()
        try f.standIn.load(objects: (1...100).map { F.object($0) }, selections: [1: Array(1...100)])
        _ = try f.sync().pullNow()
        try f.standIn.load(objects: (1...100).map { F.object($0) }, selections: [1: Array(1...10)])
        // MUT + validation: refused, nothing deleted; then allowed.
        let refused = try f.sync().pullNow()
        #expect(refused.status == .failed && refused.message?.contains("would delete 90 of the project's 100 records") == true)
        #expect(try f.ids().count == 100)
        let allowed = try f.sync().pullNow(allowMassDeletion: true)
        #expect(try allowed.status == .succeeded && allowed.report.deleted == 90 && f.ids() == Set(1...10))
    }

    @Test func readersSeeThePreviousCacheUntilTheGenerationCommits() throws {
        // setup
        let t = try TemporaryStore()
        _ = try t.importing([try t.file("a.json", "[" + sampleRecord(id: 1) + "]")])
        // Another process's connection (an owner of its own: in this process the path would give the same one).
        let other = try RecordStore(owner: DatabaseOwner.open(.sqlite(path: t.store.path), migrations: RecordStore.migrations, separate: true))
        // MUT: inside a generation, records added and one deleted; another connection reads meanwhile.
        let seenInside = try t.store.generation { () throws -> (own: Int, other: Int) in
            _ = try t.importing([try t.file("b.json", "[" + sampleRecord(id: 2) + "," + sampleRecord(id: 3) + "]")])
            _ = try t.store.delete(ids: [1])
            let otherCount = try DispatchQueue.global().sync { try other.recordCount }
            return (try t.store.recordCount, otherCount)
        }
        // validation
        #expect(seenInside.own == 2 && seenInside.other == 1)
        #expect(try other.recordCount == 2)
        // A generation that throws leaves nothing behind.
        #expect(throws: RecordsError.self) {
            try t.store.generation { () throws -> Void in
                _ = try t.store.delete(ids: [2, 3])
                throw RecordsError.sync("stopped")
            }
        }
        #expect(try other.recordCount == 2)
    }

    @Test func oneSyncRunsAtATime() throws {
        // setup: another process syncs this database (it holds the lock), and a pull is queued.
        let f = try F()
        try f.standIn.load(objects: [F.object(1)], selections: [1: [1]])
        let sync = f.sync()
        _ = try sync.queuePull()
        var other: DatabaseLock? = try #require(try SyncLock.take(f.t.store))
        // MUT + validation: neither the command nor the worker starts another.
        #expect(throws: RecordsError.self) { try sync.pullNow() }
        #expect(sync.runNext() == nil)
        #expect(try SyncLock.take(f.t.store) == nil)
        // Once it ended (its process gone, the lock with it), the queued pull runs.
        _ = other
        other = nil
        #expect(sync.runNext()?.status == .succeeded)
    }
}
