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

    struct Answer: Decodable { var entryId: String; var requestId: Int64; var replayed: Bool }
}
