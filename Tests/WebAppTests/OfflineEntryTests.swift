import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Entries made offline on a device, sent when the network returns")
struct OfflineEntryTests {
    static func body(_ entryID: String, _ fields: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["entryId": entryID, "fields": fields]))
    }

    @Test func eachEntryIsRecordedOnceAndARefusedOneSaysWhy() async throws {
        // setup
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let other = try await Desk.signIn(client, "agent@chambery.demo")
            let annecy = try #require(try crm.offices.all(by: .regionalAdmin).first { $0.name.contains("Annecy") })
            let caller = Caller.agent(of: annecy.id)
            let before = try crm.requests.list(contactID: nil, by: caller).count
            let fields: [String: Any] = ["contactMode": "salon", "partyKind": "famille", "partySize": "4", "country": "BE",
                                         "theme": ["patrimoine", "patrimoine/naturel"], "lastName": "Janssens", "email": "an.janssens@example.be"]
            // MUT: sent, then sent again (the answer was lost), then by another office's tablet with the same id.
            let first = try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers, body: Self.body("fair-2026-0001", fields))
            let again = try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers, body: Self.body("fair-2026-0001", fields))
            let elsewhere = try await client.execute(uri: "/api/entries", method: .post, headers: other.headers, body: Self.body("fair-2026-0001", fields))
            // validation: one request for the office, the second answer says it was already there.
            #expect(first.status == .created && again.status == .ok && elsewhere.status == .created,
                    "\(first.status) \(String(buffer: first.body)) \(again.status) \(elsewhere.status)")
            let one = try JSONDecoder().decode(Answer.self, from: Data(first.body.readableBytesView))
            let two = try JSONDecoder().decode(Answer.self, from: Data(again.body.readableBytesView))
            #expect(one.requestId == two.requestId && !one.replayed && two.replayed)
            let requests = try crm.requests.list(contactID: nil, by: caller)
            #expect(requests.count == before + 1)
            let saved = try crm.requests.request(id: one.requestId, by: caller)
            #expect(saved.entryID == "fair-2026-0001" && saved.contactMode == .fair && saved.party?.size == 4 && saved.originCountry == "BE")
            #expect(try crm.contacts.search("Janssens", by: caller).count == 1, "the contact recorded once too")
            // A refused entry: the reason and the field, nothing recorded; a malformed id or body: 400.
            let refused = try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers,
                                                   body: Self.body("fair-2026-0002", ["contactMode": "salon", "partySize": "0"]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("party"))
            #expect(try crm.requests.request(entryID: "fair-2026-0002", by: caller) == nil)
            let huge = try Self.body("fair-2026-0004", ["contactMode": "salon", "notes": String(repeating: "x", count: 70_000)])
            #expect(try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers, body: huge).status == .contentTooLarge)
            for bad in [try Self.body("x", fields), try Self.body("fair 2026 #3", fields), ByteBuffer(string: "{\"fields\": {}}")] {
                #expect(try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers, body: bad).status == .badRequest)
            }
        }
    }

    @Test func theGazetteerAndTheAppManifestAreServedForTheDeviceToKeep() async throws {
        // setup
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            // MUT
            let all = try await client.execute(uri: "/api/communes/all", method: .get, headers: agent.headers)
            // validation: [name, postal code, département] rows, tagged; the same tag again: 304, no body.
            #expect(all.status == .ok && all.headers[.cacheControl] == "private, max-age=86400")
            let rows = try JSONDecoder().decode([[String]].self, from: Data(all.body.readableBytesView))
            #expect(rows.count > 10 && rows.allSatisfy { $0.count == 3 })
            #expect(rows.contains { $0[0] == "Annecy" && $0[1] == "74000" && $0[2] == "74" }, "\(rows.prefix(3))")
            let tag = try #require(all.headers[.eTag])
            var again = agent.headers
            again[.ifNoneMatch] = tag
            let unchanged = try await client.execute(uri: "/api/communes/all", method: .get, headers: again)
            #expect(unchanged.status == .notModified && unchanged.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/api/communes/all", method: .get).status == .unauthorized)
            // The desk installs as an app: its manifest and icon, linked from every page.
            let manifest = try await client.execute(uri: "/static/manifest.json", method: .get)
            let parsed = try JSONSerialization.jsonObject(with: Data(manifest.body.readableBytesView)) as? [String: Any]
            #expect(parsed?["display"] as? String == "standalone" && parsed?["start_url"] as? String == "/entry")
            #expect(try await client.execute(uri: "/static/icon.svg", method: .get).status == .ok)
            let page = try await client.execute(uri: "/", method: .get, headers: agent.headers)
            #expect(String(buffer: page.body).contains("<link rel=\"manifest\" href=\"/static/manifest.json\">"))
        }
    }

    struct Answer: Decodable { var entryId: String; var requestId: Int64; var replayed: Bool }
}
