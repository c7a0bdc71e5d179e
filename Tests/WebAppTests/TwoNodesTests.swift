import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Records
import Search
import Storage
import Testing
import WebApp
import Workflows

@Suite("Two app nodes on one PostgreSQL database",
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)))
struct TwoNodesTests {
    /// A node: its own connections to the database, its own folder, its own search index.
    static func node(_ database: TestDatabase, seeded: Bool) async throws -> Desk {
        let t = try TemporaryStore()
        let owner = try database.open(GuichetDatabase.migrations, connections: 12, separate: true)
        if seeded { _ = try DemoSeed.seed(database: owner, records: 300) { _ in } }
        let services = try await GuichetServices(database: owner, home: GuichetHome(folder: TestData.repository), photoCache: nil, smtp: nil,
                                                 secureCookies: false, nodeFolder: t.folder)
        return Desk(t: t, database: database, services: services, server: GuichetServer(services: services))
    }

    @Test func aSessionOpenedOnOneIsHonouredByTheOtherAndAnImportOnOneReachesTheOthersIndex() async throws {
        let database = try TestDatabase(.postgres)
        let a = try await Self.node(database, seeded: true)
        let b = try await Self.node(database, seeded: false)
        // A session opened on node A…
        let browser = try await a.server.application().test(.router) { client in try await Desk.signIn(client, "agent@annecy.demo") }
        // …is the same on node B: no second sign-in.
        try await b.server.application().test(.router) { client in
            let page = try await client.execute(uri: "/requests", method: .get, headers: browser.headers)
            #expect(page.status == .ok)
        }
        // A record imported through node A is found by node B once its index refreshes (every
        // `--refresh` seconds in a server: here called once).
        #expect(try b.services.search.refresh() == .unchanged)
        let file = try a.t.file("new.json", "[" + sampleRecord(id: 999_002, name: "Zéphyr Refuge", member: 1001) + "]")
        _ = try Importer(store: a.services.records).importPaths([file])
        #expect(try b.services.search.refresh() == .applied(records: 1))
        #expect(try b.services.engine.search(SearchQuery(text: "zephyr")).results.map(\.id) == [999_002])
    }

    @Test func signInFailuresOnOneNodeSlowTheNextTryOnTheOther() async throws {
        let database = try TestDatabase(.postgres)
        let a = try await Self.node(database, seeded: true)
        let b = try await Self.node(database, seeded: false)
        // Four failures on node A (the sign-in page's throttle, at given instants: no race with the clock)…
        let keys = [LoginThrottle.Key.account("agent@annecy.demo"), LoginThrottle.Key.address("192.0.2.7")]
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for i in 0..<4 {
            #expect(try await a.services.throttle.reserve(keys, now: start.addingTimeInterval(Double(i))) == .go(at: start.addingTimeInterval(Double(i))))
        }
        // …and node B, asked a moment later, asks to wait: the attempts are the database's.
        #expect(try await b.services.throttle.reserve(keys, now: start.addingTimeInterval(3.5)) == .wait(seconds: 2))
        // A success on B gives the account back on A.
        try await b.services.throttle.succeeded(keys, reservedAt: start.addingTimeInterval(3))
        #expect(try await a.services.throttle.reserve([keys[0]], now: start.addingTimeInterval(3.5)) == .go(at: start.addingTimeInterval(3.5)))
        // The public forms' limits too: five from one address on A, the sixth refused on B.
        for _ in 0..<5 { #expect(try await a.services.formLimiter.take(address: "203.0.113.50", form: "wf_x", now: start) == nil) }
        #expect(try await b.services.formLimiter.take(address: "203.0.113.50", form: "wf_x", now: start) != nil)
        // Nothing of the account or the address is kept in clear.
        let stored = try a.services.database.read { db in try db.values("SELECT key FROM crm_attempt", as: String.self) }
        #expect(!stored.isEmpty && stored.allSatisfy { $0.count == 64 && !$0.contains("@") && !$0.contains("203.0.113") })
    }
}
