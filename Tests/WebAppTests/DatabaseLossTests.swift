import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp
import Workflows

@Suite("A node that loses PostgreSQL answers 503 and comes back by itself",
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipReason)),
       .enabled(if: SMTPTestServer.available, Comment(rawValue: SMTPTestServer.skipReason)))
struct DatabaseLossTests {
    @Test func pagesAndTheAPIAnswer503WhileTheDatabaseIsGoneAndWorkWhenItReturns() async throws {
        // setup: a node whose connections to PostgreSQL go through a relay the test can cut.
        let server = try #require(TestPostgres.url)
        let database = try TestDatabase(.postgres)
        let relay = try TCPRelay(to: server.port)
        let owner = try database.open(GuichetDatabase.migrations, throughPort: relay.port, connections: 12)
        let t = try TemporaryStore()
        _ = try DemoSeed.seed(database: owner, records: 200) { _ in }
        let services = try await GuichetServices(database: owner, home: GuichetHome(folder: TestData.repository), photoCache: nil, smtp: nil,
                                                 secureCookies: false, nodeFolder: t.folder)
        let desk = Desk(t: t, database: database, services: services, server: GuichetServer(services: services))
        try await desk.server.application().test(.router) { client in
            let browser = try await Desk.signIn(client, "agent@annecy.demo")
            #expect(try await client.execute(uri: "/requests", method: .get, headers: browser.headers).status == .ok)
            // MUT: the database goes away.
            relay.cut()
            let page = try await client.execute(uri: "/requests", method: .get, headers: browser.headers)
            #expect(page.status == .serviceUnavailable)
            #expect(String(buffer: page.body).contains("Service momentanément indisponible"))
            let api = try await client.execute(uri: "/api/search?q=lac", method: .get, headers: browser.headers)
            #expect(api.status == .serviceUnavailable)
            #expect(String(buffer: api.body).contains("rien n'a été enregistré"))
            let entry = ByteBuffer(string: #"{"entryId":"lost-0001","fields":{"contactMode":"guichet","department":"74"}}"#)
            let write = try await client.execute(uri: "/api/entries", method: .post, headers: browser.headers, body: entry)
            #expect(write.status == .serviceUnavailable)
            // ...and comes back: the same node, the same session, no restart.
            try relay.restore()
            #expect(try await client.execute(uri: "/requests", method: .get, headers: browser.headers).status == .ok)
            #expect(try await client.execute(uri: "/api/search?q=lac", method: .get, headers: browser.headers).status == .ok)
            // The entry refused while the database was away was not half written: sent again, it is recorded once.
            #expect(try services.crm.requests.request(entryID: "lost-0001", by: .agent(of: 1)) == nil)
            #expect(try await client.execute(uri: "/api/entries", method: .post, headers: browser.headers, body: entry).status == .created)
        }
    }
}
