import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Records
import Testing
import WebApp

@Suite("The desk on a tablet: quick entry, the office's records offline, the service worker, sign-out")
struct TabletTests {
    @Test func theQuickEntryHoldsTheMainCriteriaWithAKeypad() async throws {
        // setup
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let region = try await Desk.signIn(client, "region@guichet.demo")
            // MUT
            let page = try await client.execute(uri: "/entry", method: .get, headers: agent.headers)
            // validation: the criteria of the first screen, the keypad, the details behind "Suivant", the queue.
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            for part in ["id=\"origin\"", "name=\"country\" value=\"BE\"", "data-key=\"7\"", "name=\"partyKind\"", "name=\"requestType\"",
                         "name=\"zone\"", "name=\"theme\"", "value=\"salon\"", "id=\"quick-next\"", "id=\"quick-details\" hidden",
                         "name=\"consent\"", "id=\"queue-list\"", "id=\"own-q\"", "<meta name=\"session-expires\""] {
                #expect(html.contains(part), "missing \(part)")
            }
            #expect(try await client.execute(uri: "/entry", method: .get, headers: region.headers).status == .forbidden)
        }
    }

    @Test func theOfficeRecordsForOfflineAreItsOwnOnlyAndTagged() async throws {
        // setup
        let desk = try await Desk.make()
        let crm = desk.services.crm, records = desk.services.records
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let annecy = try #require(try crm.offices.all(by: .regionalAdmin).first { $0.name.contains("Annecy") })
            let member = try #require(annecy.apidaeMember)
            // MUT
            let answer = try await client.execute(uri: "/api/records/offline", method: .get, headers: agent.headers)
            // validation: every record is the office's member's, by name; what an agent reads, with contacts from the JSON.
            #expect(answer.status == .ok && answer.headers[.cacheControl] == "private, no-cache")
            let own = try JSONDecoder().decode(Own.self, from: Data(answer.body.readableBytesView))
            #expect(!own.records.isEmpty && !own.truncated)
            let summaries = try records.summaries(ids: own.records.map(\.id))
            #expect(summaries.count == own.records.count && summaries.allSatisfy { $0.memberId == member })
            let names = own.records.map { $0.name.lowercased() }
            #expect(names == names.sorted())
            let first = own.records[0]
            let object = try records.object(id: first.id)
            #expect(first.phone == object.communications.first { $0.kind == .phone || $0.kind == .mobile }?.value)
            #expect(first.email == object.communications.first { $0.kind == .email }?.value)
            #expect(own.records.contains { $0.phone != nil || $0.email != nil }, "contacts are read from the records' JSON")
            // Another office's agent, even naming Annecy's member in the query: Chambéry's records only.
            let other = try await Desk.signIn(client, "agent@chambery.demo")
            let chambery = try #require(try crm.offices.all(by: .regionalAdmin).first { $0.name.contains("Chambéry") }?.apidaeMember)
            let theirs = try await client.execute(uri: "/api/records/offline?member=\(member)&office=\(annecy.id)", method: .get, headers: other.headers)
            let theirRecords = try JSONDecoder().decode(Own.self, from: Data(theirs.body.readableBytesView)).records
            #expect(!theirRecords.isEmpty && Set(theirRecords.map(\.id)).isDisjoint(with: own.records.map(\.id)))
            #expect(try records.summaries(ids: theirRecords.map(\.id)).allSatisfy { $0.memberId == chambery })
            #expect(theirs.headers[.eTag] != answer.headers[.eTag])
            // The same tag: 304. Signed out: 401.
            var again = agent.headers
            again[.ifNoneMatch] = try #require(answer.headers[.eTag])
            #expect(try await client.execute(uri: "/api/records/offline", method: .get, headers: again).status == .notModified)
            #expect(try await client.execute(uri: "/api/records/offline", method: .get).status == .unauthorized)
        }
    }

    @Test func theServiceWorkerIsServedFromTheRootAndSignOutClearsTheDevice() async throws {
        // setup
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            // MUT
            let worker = try await client.execute(uri: "/sw.js", method: .get)
            var form = agent.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let out = try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(agent.csrf)"))
            // validation: JavaScript asked again on every visit; it keeps the quick entry and nothing personal.
            #expect(worker.status == .ok && worker.headers[.contentType] == "text/javascript; charset=utf-8" && worker.headers[.cacheControl] == "no-cache")
            let script = String(buffer: worker.body)
            #expect(script.contains("\"/entry\"") && script.contains("\"/api/records/offline\"") && !script.contains("/api/requests"))
            #expect(out.status == .seeOther && out.headers[HTTPField.Name("Clear-Site-Data")!] == "\"cache\", \"storage\"")
        }
    }

    @Test func anAnonymousVisitorsCommuneIsWhereTheRequestComesFrom() async throws {
        // setup
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let annecy = try #require(try crm.offices.all(by: .regionalAdmin).first { $0.name.contains("Annecy") })
            let contacts = try crm.contacts.search(nil, by: .agent(of: annecy.id)).count
            let body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: [
                "entryId": "kiosk-plage-0001", "fields": ["contactMode": "salon", "commune": "Chambéry", "department": "73", "partySize": "2"]]))
            // MUT
            let answer = try await client.execute(uri: "/api/entries", method: .post, headers: agent.headers, body: body)
            // validation: recorded without a contact, the commune kept with the request.
            #expect(answer.status == .created, "\(String(buffer: answer.body))")
            let saved = try #require(try crm.requests.request(entryID: "kiosk-plage-0001", by: .agent(of: annecy.id)))
            #expect(saved.contactID == nil && saved.originCommune == "Chambéry" && saved.originDepartment == "73")
            #expect(try crm.contacts.search(nil, by: .agent(of: annecy.id)).count == contacts)
        }
    }

    struct Own: Decodable { var records: [CompactRecord]; var truncated: Bool }
}
