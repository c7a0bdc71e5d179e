import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp
import Workflows

@Suite("Web app: office isolation over the whole route table", .serialized,
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct IsolationTests {
    /// Path parameters that are not an office's objects, and why.
    static let notOfficeObjects = ["recordID": "a record of the regional cache, in the caller's own basket", "code": "the interface language",
                                   "officeID": "an office itself: its routes are the regional admin's (rolesOnlyReachTheirRoutes)",
                                   "token": "an invitation's secret token: the token is the authority, tested in AccountTests",
                                   "formKey": "an office's public form key: it names the office a visitor writes to, nothing more (WebFormTests)"]

    @Test func everyPathParameterIsDeclared() async throws {
        let desk = try await Desk.make()
        for route in desk.server.routes {
            for parameter in Self.parameters(route.path) {
                #expect(route.objects[parameter] != nil || Self.notOfficeObjects[parameter] != nil,
                        "\(route.method) \(route.path): parameter \(parameter) is neither an office object nor explained")
            }
        }
    }

    /// Office B's objects (Grand Chambéry, office 2), one of each kind a route names, with words
    /// ("Privée", "Confidentiel") that must never show in another office's answers.
    struct OfficeB {
        let agent = Caller(role: .agent, officeID: 2, userName: "Hugo Bernard")
        let admin = Caller(role: .officeAdmin, officeID: 2, userName: "Paul Admin")
        let contact: Contact, request: InformationRequest, message: OutboxEntry, saved: SavedSearch, user: User, campaign: Campaign
        let ids: [RouteInfo.Object: Int64]

        init(_ desk: Desk) throws {
            let crm = desk.services.crm
            contact = try crm.contacts.add(Contact(firstName: "Anne", lastName: "Privée", email: "anne.privee@example.org", postalCode: "73000"), by: agent)
            request = try crm.requests.add(InformationRequest(contactID: contact.id, contactMode: .phone, subject: "Confidentiel"), by: agent)
            message = try crm.outbox.enqueue(OutboxEntry(requestID: request.id, idempotencyKey: "b-1", recipient: "anne.privee@example.org",
                                                         subject: "Réponse", text: "…"), by: agent)
            saved = try crm.savedSearches.save(SavedSearch(name: "Secret", query: "q=x", shared: true), by: agent)
            user = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "agent@chambery.demo" })
            campaign = try crm.campaigns.save(Campaign(name: "Secret", subject: "Confidentiel", body: "Privée"), by: agent)
            _ = try crm.offices.createAPIToken(name: "site B", by: admin)
            let token = try #require(try crm.offices.apiTokens(by: admin).first).id
            let document = try IsolationTests.document(of: admin, desk)
            ids = [.request: request.id, .contact: contact.id, .savedSearch: saved.id, .message: message.id, .user: user.id,
                   .campaign: campaign.id, .token: token, .document: document.id]
        }
    }

    /// A PDF document of the admin's office, uploaded through the use case.
    static func document(of admin: Caller, _ desk: Desk) throws -> OfficeDocument {
        try OfficeDocuments(crm: desk.services.crm).upload(title: "Plan Confidentiel", fileName: "plan.pdf", data: TestPDF.make(["Privée"]), by: admin)
    }

    @Test(arguments: Engine.available) func officeAUsersReachNothingOfOfficeB(engine: Engine) async throws {
        let desk = try await Desk.make(engine)
        let crm = desk.services.crm
        let b = try OfficeB(desk)
        let (agentB, contact, request, message, saved, userB, campaign, ids) = (b.agent, b.contact, b.request, b.message, b.saved, b.user, b.campaign, b.ids)
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
        #expect(try crm.campaigns.campaign(id: campaign.id, by: agentB).state == .draft)
    }

    @Test(arguments: Engine.available) func rolesOnlyReachTheirRoutes(engine: Engine) async throws {
        let desk = try await Desk.make(engine)
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

    @Test(arguments: Engine.available) func anOfficeTokenReachesNothingOfAnotherOffice(engine: Engine) async throws {
        // setup: B's objects, and an API token of office A (what a website integration holds).
        let desk = try await Desk.make(engine)
        let crm = desk.services.crm
        let b = try OfficeB(desk)
        let token = try crm.offices.createAPIToken(name: "site", by: Caller(role: .officeAdmin, officeID: 1, userName: "Claire"))
        let routes = desk.server.routes
        try await desk.server.application().test(.router) { client in
            for route in routes where !route.objects.isEmpty {
                var path = route.path
                for (parameter, kind) in route.objects { path = path.replacingOccurrences(of: "{\(parameter)}", with: String(b.ids[kind] ?? 0)) }
                let response = try await client.execute(uri: path, method: route.method,
                                                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                        body: ByteBuffer(string: "{\"attachBasket\": true, \"duplicate\": \(b.contact.id)}"))
                #expect([.notFound, .forbidden].contains(response.status), "token \(route.method) \(path) → \(response.status)")
                #expect(!String(buffer: response.body).contains("Privée") && !String(buffer: response.body).contains("Confidentiel"))
            }
        }
        #expect(try crm.outbox.entry(id: b.message.id, by: b.agent).state == .written)
    }

    @Test(arguments: Engine.available) func idsInBodiesAndQueriesReachNothingOfAnotherOffice(engine: Engine) async throws {
        // setup: Chambéry (START, member 1002) holds a contact; Annecy (PREMIUM, 1001) has records Chambéry may not use.
        let desk = try await Desk.make(engine)
        let crm = desk.services.crm
        let agentB = Caller(role: .agent, officeID: 2, userName: "Hugo Bernard")
        let foreignContact = try crm.contacts.add(Contact(firstName: "Marie", lastName: "Privée", email: "prive@example.org", postalCode: "73000"),
                                                  by: agentB)
        var annecyRecords: [Int] = []
        try desk.services.records.forEachIndexRow { if $0.memberId == 1001 { annecyRecords.append($0.id) } }
        let annecyRecord = try #require(annecyRecords.first)
        let annecyDocument = try Self.document(of: Caller(role: .officeAdmin, officeID: 1, userName: "Claire"), desk)
        let chamberyDocument = try Self.document(of: Caller(role: .officeAdmin, officeID: 2, userName: "Paul"), desk)
        let basket = desk.services.draftBasket
        let routes = desk.server.routes.filter { !$0.inputs.isEmpty }
        #expect(routes.count >= 3, "routes that take office objects in their bodies must declare them")
        try await desk.server.application().test(.router) { client in
            for (email, office) in [("agent@annecy.demo", Int64(1)), ("agent@chambery.demo", Int64(2))] {
                let browser = try await Desk.signIn(client, email)
                let caller = Caller(role: .agent, officeID: office, userName: "test")
                // The caller's own objects for the path, the other office's in the body.
                let own = try crm.contacts.add(Contact(firstName: "Marie", lastName: "Privée", email: "own\(office)@example.org", postalCode: "73000"),
                                               by: caller)
                for route in routes {
                    for (field, kind) in route.inputs {
                        let foreign: Int? = switch kind {
                        case .contact: office == 2 ? nil : Int(foreignContact.id)
                        case .record: office == 1 ? nil : annecyRecord  // PREMIUM Annecy may use every record
                        case .document: Int(office == 1 ? chamberyDocument.id : annecyDocument.id)
                        default: nil
                        }
                        guard let foreign else { continue }
                        var path = route.path
                        for (parameter, _) in route.objects { path = path.replacingOccurrences(of: "{\(parameter)}", with: String(own.id)) }
                        let value = field == "ids" ? "[\(foreign)]" : String(foreign)
                        var headers = browser.headers
                        let body: String
                        if route.isAPI {
                            body = "{\"\(field)\": \(value)}"
                        } else {
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            body = "_csrf=\(browser.csrf)&\(field)=\(value)"
                        }
                        let response = try await client.execute(uri: path, method: route.method, headers: headers, body: ByteBuffer(string: body))
                        #expect((400..<500).contains(response.status.code), "\(email) \(route.method) \(path) \(field)=\(value) → \(response.status)")
                    }
                }
                if office == 2 {
                    let user = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == email })
                    #expect(try !basket.current(by: user.caller).recordIDs.contains(annecyRecord), "a START office's basket took another member's record")
                }
            }
        }
        #expect(try crm.contacts.contact(id: foreignContact.id, by: agentB).lastName == "Privée")
        #expect(try crm.contacts.search(nil, by: agentB).map(\.id).contains(foreignContact.id))
    }

    @Test(arguments: Engine.available) func everyRoleOnEveryRouteGetsItsAnswerAndNoServerError(engine: Engine) async throws {
        let desk = try await Desk.make(engine)
        let routes = desk.server.routes
        try await desk.server.application().test(.router) { client in
            let browsers = [("agent", try await Desk.signIn(client, "agent@annecy.demo")), ("office-admin", try await Desk.signIn(client, "admin@annecy.demo")),
                            ("regional-admin", try await Desk.signIn(client, "region@guichet.demo"))]
            // Routes open to anyone signed in still keep their own rules.
            #expect(try await client.execute(uri: "/admin", method: .get, headers: browsers[0].1.headers).status == .forbidden)
            // Signing out would end the browsers' sessions midway: it is walked last, by itself.
            for route in routes.sorted(by: { ($0.path == "/logout" ? 1 : 0) < ($1.path == "/logout" ? 1 : 0) }) {
                let path = route.path.split(separator: "/").map { $0.hasPrefix("{") ? "999999" : String($0) }.joined(separator: "/")
                for (role, browser) in browsers {
                    var headers = browser.headers
                    if !route.isAPI { headers[.contentType] = "application/x-www-form-urlencoded" }
                    let body = route.isAPI ? "{}" : "_csrf=\(browser.csrf)"
                    let status = try await client.execute(uri: "/" + path, method: route.method, headers: headers, body: ByteBuffer(string: body)).status
                    #expect(status.code < 500, "\(role) \(route.method) \(route.path) → \(status)")
                    let allowed = switch route.access {
                    case .open, .anySignedIn: true
                    case .signedIn: role != "regional-admin"
                    case .officeAdmin: role == "office-admin"
                    case .regionalAdmin: role == "regional-admin"
                    }
                    if !allowed { #expect(status == .forbidden, "\(role) reached \(route.method) \(route.path): \(status)") }
                }
            }
        }
    }

    @Test(arguments: Engine.available) func adminsCannotRaiseRolesOrReachAnotherOfficeThroughTheUserForm(engine: Engine) async throws {
        let desk = try await Desk.make(engine)
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            let region = try await Desk.signIn(client, "region@guichet.demo")
            func invite(_ browser: Desk.Browser, _ fields: String) async throws -> HTTPResponse.Status {
                var headers = browser.headers
                headers[.contentType] = "application/x-www-form-urlencoded"
                return try await client.execute(uri: "/admin/users", method: .post, headers: headers,
                                                body: ByteBuffer(string: "_csrf=\(browser.csrf)&" + fields)).status
            }
            #expect(try await invite(admin, "email=boss%40x.demo&name=Boss&role=regional-admin") == .forbidden)
            #expect(try await invite(region, "email=boss2%40x.demo&name=Boss&role=regional-admin&office=1") == .forbidden)
            #expect(try await invite(agent, "email=mole%40x.demo&name=Mole&role=agent") == .forbidden)
            // An office admin naming another office still invites into their own.
            #expect(try await invite(admin, "email=new%40x.demo&name=New&role=office-admin&office=2") == .seeOther)
        }
        let users = try crm.users.all(by: .regionalAdmin)
        #expect(users.first { $0.email == "new@x.demo" }?.officeID == 1)
        #expect(!users.contains { ["boss@x.demo", "boss2@x.demo", "mole@x.demo"].contains($0.email) })
    }

    static func parameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }
}
