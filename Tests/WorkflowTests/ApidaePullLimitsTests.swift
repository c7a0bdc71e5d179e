import Foundation
import GuichetTestSupport
import Records
import Testing
import Workflows

/// The pull against a stand-in as strict as Apidae: 200 results a call at most on both endpoints,
/// and an identifiers list that must be whole before anything is deleted.
@Suite("Apidae pull within the API's limits: pages of 200, whole lists or nothing", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ApidaePullLimitsTests {
    typealias F = ApidaeSyncFixture

    @Test func bothEndpointsAreAskedAtMost200AtATimeAndASmallerCountIsKept() throws {
        // setup: 450 records (three pages).
        let f = try F()
        try f.standIn.load(objects: (1...450).map { F.object($0) }, selections: [1: Array(1...450)])
        // MUT
        let run = try f.sync().pullNow()
        // validation: a real sync passes against the strict stand-in; no call asks more than 200.
        #expect(run.status == .succeeded && run.report.added == 450, "\(run.message ?? "")")
        let calls = try f.standIn.calls().filter { $0.path.hasPrefix("/api/v002/recherche/") }
        #expect(calls.allSatisfy { ($0.count ?? 0) <= 200 })
        let identifiers = calls.filter { $0.path.hasSuffix("list-identifiants") }
        #expect(identifiers.compactMap(\.first) == [0, 200, 400] && identifiers.allSatisfy { $0.count == 200 })
        // A count configured lower is used on both endpoints; one above 200 is refused by name.
        var small = f.standIn.configuration(selections: [1])
        small.pageSize = 100
        let smaller = ApidaeSync(records: f.t.store, configuration: small, photos: nil, staging: f.t.folder.appendingPathComponent("s"))
        let before = try f.standIn.calls().count
        #expect(try smaller.pullNow().status == .succeeded)
        let later = try f.standIn.calls().dropFirst(before).filter { $0.path.hasPrefix("/api/v002/recherche/") }
        #expect(later.count == 10 && later.allSatisfy { $0.count == 100 })
        #expect(throws: RecordsError.configuration("GUICHET_APIDAE_COUNT must be a number from 1 to 200 (Apidae answers 200 at most)")) {
            _ = try ApidaeConfiguration.load(environment: ["GUICHET_APIDAE_PROJECT": "1", "GUICHET_APIDAE_KEY": "k", "GUICHET_APIDAE_COUNT": "10000"])
        }
    }

    /// A short page, an answer without `numFound`, a `numFound` that changes between pages: the
    /// list is not whole, so nothing may be deleted from it — and nothing is changed at all.
    @Test(arguments: [
        ("list-identifiants", "short", "short of"), ("list-identifiants", "nonumfound", "without numFound"),
        ("list-identifiants", "changenumfound", "then"), ("list-objets-touristiques", "short", "missing objects"),
        ("list-objets-touristiques", "nonumfound", "without numFound"), ("list-objets-touristiques", "changenumfound", "then"),
    ])
    func anIncompleteListFailsThePullAndChangesNothing(endpoint: String, mode: String, reason: String) throws {
        // setup: 450 records synced; then five of them changed and three left the selection.
        let f = try F()
        try f.standIn.load(objects: (1...450).map { F.object($0) }, selections: [1: Array(1...450)])
        #expect(try f.sync().pullNow().status == .succeeded)
        var objects = (1...450).map { F.object($0) }
        objects[4] = F.object(5, day: 9, name: "Changé")
        try f.standIn.load(objects: objects, selections: [1: Array(4...450)])
        let revision = try f.t.store.revision()
        // MUT: the fault on the second page of the endpoint (the first page of a search is asked alone).
        try f.standIn.fault("/api/v002/recherche/" + endpoint, mode, times: 1)
        let run = try f.sync(attempts: 1).pullNow()
        // validation
        #expect(run.status == .failed && run.message?.contains(reason) == true, "\(mode) on \(endpoint): \(run.message ?? "")")
        #expect(try f.t.store.revision() == revision && f.ids() == Set(1...450) && f.t.store.object(id: 5).name("fr") == "Hôtel 5")
    }

    @Test func theStandInAnswersAsApidaeDoesAbove200AndWithoutResults() throws {
        let f = try F()
        try f.standIn.load(objects: [], selections: [1: []])
        let fetcher = HTTPFetcher(timeout: 10, policy: FetchPolicy(allowedHosts: ["127.0.0.1"]))
        func ask(_ path: String, count: Int) throws -> (Int, String) {
            let query = #"{"projetId": \#(ApidaeStandIn.projectID), "apiKey": "\#(ApidaeStandIn.apiKey)", "first": 0, "count": \#(count)}"#
            let answer = try fetcher.fetch(f.standIn.baseURL + path, form: [("query", query)])
            return (answer.status, String(decoding: answer.data, as: UTF8.self))
        }
        let refused = try ask(ApidaeClient.identifiersPath, count: 10_000)
        #expect(refused.0 == 400 && refused.1.contains("errorType"))
        #expect(try ask(ApidaeClient.searchPath, count: 201).0 == 400)
        // An empty search: numFound 0 and no list.
        let empty = try ask(ApidaeClient.identifiersPath, count: 200)
        #expect(empty.0 == 200 && empty.1 == #"{"numFound": 0}"#)
        // An empty project: a pull adds nothing and deletes nothing.
        let run = try f.sync().pullNow()
        #expect(run.status == .succeeded && run.report == SyncReport(seconds: run.report.seconds), "\(run.message ?? "")")
    }
}
