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
        // Failures on node A, up to the free ones and past them, until A asks to wait…
        try await a.server.application().test(.router) { client in
            let form = try await Desk.loginForm(client)
            for _ in 0..<4 { _ = try await form.post(client, "email=agent@annecy.demo&password=wrong-password") }
        }
        // …and node B, asked at once, asks to wait too: the attempts are the database's.
        try await b.server.application().test(.router) { client in
            let form = try await Desk.loginForm(client)
            let response = try await form.post(client, "email=agent@annecy.demo&password=wrong-password")
            #expect(response.status == .tooManyRequests && response.headers[.retryAfter] != nil)
        }
        // Nothing of the account or the address is kept in clear.
        let keys = try a.services.database.read { db in try db.values("SELECT key FROM crm_attempt", as: String.self) }
        #expect(!keys.isEmpty && keys.allSatisfy { $0.count == 64 && !$0.contains("@") })
    }
}
