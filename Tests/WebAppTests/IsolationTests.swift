import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Web app: office isolation over the whole route table",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct IsolationTests {
    /// Path parameters that are not an office's objects, and why.
    static let notOfficeObjects = ["recordID": "a record of the regional cache, in the caller's own basket", "code": "the interface language",
                                   "token": "an invitation's secret token: the token is the authority, tested in AccountTests"]

    @Test func everyPathParameterIsDeclared() async throws {
        let desk = try await Desk.make()
        for route in desk.server.routes {
            for parameter in Self.parameters(route.path) {
                #expect(route.objects[parameter] != nil || Self.notOfficeObjects[parameter] != nil,
                        "\(route.method) \(route.path): parameter \(parameter) is neither an office object nor explained")
            }
        }
    }

    @Test func officeAUsersReachNothingOfOfficeB() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        // Office B's objects (Grand Chambéry, office 2).
        let agentB = Caller(role: .agent, officeID: 2, userName: "Hugo Bernard")
        let contact = try crm.contacts.add(Contact(firstName: "Anne", lastName: "Privée", email: "anne.privee@example.org", postalCode: "73000"), by: agentB)
        let request = try crm.requests.add(InformationRequest(contactID: contact.id, contactMode: .phone, subject: "Confidentiel"), by: agentB)
        let message = try crm.outbox.enqueue(OutboxEntry(requestID: request.id, idempotencyKey: "b-1", recipient: "anne.privee@example.org",
                                                  subject: "Réponse", text: "…"), by: agentB)
        let saved = try crm.savedSearches.save(SavedSearch(name: "Secret", query: "q=x", shared: true), by: agentB)
        let userB = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "agent@chambery.demo" })
        let ids: [RouteInfo.Object: Int64] = [.request: request.id, .contact: contact.id, .savedSearch: saved.id, .message: message.id, .user: userB.id]
        let app = desk.server.application()
        let routes = desk.server.routes
        try await app.test(.router) { client in
            for email in ["agent@annecy.demo", "admin@annecy.demo"] {
                let browser = try await Desk.signIn(client, email)
                for route in routes where !route.objects.isEmpty {
                    var path = route.path
                    for (parameter, kind) in route.objects { path = path.replacingOccurrences(of: "{\(parameter)}", with: String(ids[kind]!)) }
                    let form = route.isAPI ? "{}" : "_csrf=\(browser.csrf)&duplicate=\(contact.id)&attach=on"
                    var headers = browser.headers
                    if !route.isAPI { headers[.contentType] = "application/x-www-form-urlencoded" }
                    let response = try await client.execute(uri: path, method: route.method, headers: headers, body: ByteBuffer(string: form))
                    #expect([.notFound, .forbidden].contains(response.status), "\(email) \(route.method) \(path) → \(response.status)")
                    #expect(!String(buffer: response.body).contains("Privée") && !String(buffer: response.body).contains("Confidentiel"))
                }
            }
        }
        // Nothing of B changed.
        #expect(try crm.requests.request(id: request.id, by: agentB).status == .open)
        #expect(try crm.outbox.entry(id: message.id, by: agentB).state == .written)
        #expect(try crm.savedSearches.list(by: agentB).map(\.id) == [saved.id])
        #expect(try crm.contacts.contact(id: contact.id, by: agentB).lastName == "Privée")
        #expect(try crm.users.all(by: agentB).first { $0.id == userB.id }?.disabled == false)
    }

    @Test func rolesOnlyReachTheirRoutes() async throws {
        let desk = try await Desk.make()
        let app = desk.server.application()
        let routes = desk.server.routes
        try await app.test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let region = try await Desk.signIn(client, "region@guichet.demo")
            for route in routes where route.objects.isEmpty {
                let path = route.path.replacingOccurrences(of: "{recordID}", with: "1")
                func status(_ browser: Desk.Browser) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: path, method: route.method, headers: browser.headers, body: ByteBuffer(string: "{}")).status
                }
                switch route.access {
                case .officeAdmin, .regionalAdmin:
                    #expect(try await status(agent) == .forbidden, "agent reached \(route.method) \(route.path)")
                case .signedIn:
                    #expect(try await status(region) == .forbidden, "regional admin reached \(route.method) \(route.path)")
                case .open, .anySignedIn:
                    break
                }
                if route.access != .open {
                    let anonymous = try await client.execute(uri: path, method: route.method, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                    #expect([.unauthorized, .seeOther].contains(anonymous.status), "anonymous reached \(route.method) \(route.path): \(anonymous.status)")
                }
            }
        }
    }

    static func parameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }
}
