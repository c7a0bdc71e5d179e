import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp
import Workflows

@Suite("Accounts: invitations, disabling, passwords, sessions",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct AccountTests {
    static func form(_ browser: Desk.Browser) -> HTTPFields {
        var headers = browser.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }

    @Test func theRegionalAdminInvitesAndOnlyTheInvitedPersonChoosesThePassword() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // MUT: the office's admin invites an agent (no password field at all).
            let inviter = try await Desk.signIn(client, "admin@annecy.demo")
            let invited = try await client.execute(uri: "/admin/users", method: .post, headers: Self.form(inviter),
                                                   body: ByteBuffer(string: "_csrf=\(inviter.csrf)&email=nouvelle%40annecy.demo&name=Nina&role=agent&office=1&password=chosen-by-admin"))
            #expect(invited.status == .seeOther)
            // The admin's password field is ignored: nobody can sign in with it.
            let guess = try await Desk.loginForm(client).post(client, "email=nouvelle@annecy.demo&password=chosen-by-admin")
            #expect(guess.status == .unauthorized)
            // The invitation is in office 1's outbox, addressed to her, with the link.
            let office = Caller(role: .officeAdmin, officeID: 1, userName: "test")
            let message = try #require(try crm.outbox.list(requestID: nil, by: office).first { $0.recipient == "nouvelle@annecy.demo" })
            let link = try #require(message.text.split(separator: "\n").first { $0.contains("/invitation/gi_") })
            let path = String(link[link.range(of: "/invitation/")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
            #expect(try await client.execute(uri: path, method: .get).status == .ok)
            let mismatch = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "password=her-own-secret&confirmation=something-else"))
            #expect(mismatch.status == .unprocessableContent)
            // The reason is in the desk's language, as the field's name is.
            #expect(String(buffer: mismatch.body).contains("les deux mots de passe diffèrent"))
            let set = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "password=her-own-secret&confirmation=her-own-secret"))
            #expect(set.status == .seeOther && set.headers[.location] == "/login")
            // validation: she signs in; the link is used up; office 1's admin sees who invited her.
            _ = try await Desk.signIn(client, "nouvelle@annecy.demo", password: "her-own-secret")
            #expect(try await client.execute(uri: path, method: .get).status == .notFound)
            #expect(try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "password=taken-over-now&confirmation=taken-over-now")).status == .notFound)
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let page = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: admin.headers).body)
            #expect(page.contains("Invitation envoyée : Agent") && page.contains("Claire Admin") && page.contains("Mot de passe choisi (invitation)"))
        }
    }

    @Test func anExpiredInvitationOpensNothing() async throws {
        let desk = try await Desk.make()
        let (_, token) = try desk.services.crm.users.invite(email: "tard@annecy.demo", name: "Tard", role: .agent, officeID: 1, lifetime: -1,
                                                             by: .regionalAdmin)
        try await desk.server.application().test(.router) { client async throws -> Void in
            #expect(try await client.execute(uri: "/invitation/\(token)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/invitation/gi_0000", method: .get).status == .notFound)
        }
    }

    @Test func disablingAUserEndsTheirSessionsAndTokensAtOnce() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // setup: Annecy's admin is signed in and has made an API token.
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let made = try await client.execute(uri: "/api/tokens", method: .post, headers: admin.headers, body: ByteBuffer(string: "{\"name\": \"site\"}"))
            let token = try #require(try JSONSerialization.jsonObject(with: Data(made.body.readableBytesView)) as? [String: String])["token"] ?? ""
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/requests", method: .get, headers: bearer).status == .ok)
            let adminID = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "admin@annecy.demo" }).id
            // MUT: the regional admin disables the account.
            let region = try await Desk.signIn(client, "region@guichet.demo")
            let disabled = try await client.execute(uri: "/admin/users/\(adminID)/disable", method: .post, headers: Self.form(region),
                                                    body: ByteBuffer(string: "_csrf=\(region.csrf)"))
            #expect(disabled.status == .seeOther)
            // validation: the session and the token stop now, not in 15 s or 8 h; signing in is refused.
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: admin.headers).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/requests", method: .get, headers: bearer).status == .unauthorized)
            #expect(try await Desk.loginForm(client).post(client, "email=admin@annecy.demo&password=\(DemoSeed.password)").status == .unauthorized)
            // An agent cannot disable anyone; an office admin cannot reach another office's user.
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            #expect(try await client.execute(uri: "/admin/users/\(adminID)/enable", method: .post, headers: Self.form(agent),
                                             body: ByteBuffer(string: "_csrf=\(agent.csrf)")).status == .forbidden)
            let other = try await Desk.signIn(client, "admin@chambery.demo")
            #expect(try await client.execute(uri: "/admin/users/\(adminID)/enable", method: .post, headers: Self.form(other),
                                             body: ByteBuffer(string: "_csrf=\(other.csrf)")).status == .notFound)
        }
    }

    @Test func aPasswordChangeEndsTheUsersOtherSessions() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let here = try await Desk.signIn(client, "agent@annecy.demo")
            let elsewhere = try await Desk.signIn(client, "agent@annecy.demo")
            let wrong = try await client.execute(uri: "/account/password", method: .post, headers: Self.form(here),
                                                 body: ByteBuffer(string: "_csrf=\(here.csrf)&current=not-it&password=brand-new-secret&confirmation=brand-new-secret"))
            #expect(wrong.status == .unprocessableContent)
            let changed = try await client.execute(uri: "/account/password", method: .post, headers: Self.form(here),
                                                   body: ByteBuffer(string: "_csrf=\(here.csrf)&current=\(DemoSeed.password)&password=brand-new-secret&confirmation=brand-new-secret"))
            #expect(changed.status == .seeOther)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: here.headers).status == .ok)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: elsewhere.headers).status == .unauthorized)
            _ = try await Desk.signIn(client, "agent@annecy.demo", password: "brand-new-secret")
        }
    }

    @Test func sessionsSurviveARestartAndEndTwelveHoursAfterSignIn() async throws {
        let desk = try await Desk.make()
        let browser = try await desk.server.application().test(.router) { client in try await Desk.signIn(client, "agent@annecy.demo") }
        // MUT: the same database, a new server process.
        let restarted = try await GuichetServices(databasePath: desk.services.records.path, home: GuichetHome(folder: TestData.repository),
                                                  photoCache: nil, smtp: nil, secureCookies: false)
        let sessions = restarted.sessions
        try await GuichetServer(services: restarted).application().test(.router) { client in
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: browser.headers).status == .ok)
            // Used a minute ago but signed in 12 h ago: over.
            try await sessions.age(cookie: browser.cookie, sinceSignIn: 12 * 3600 + 60, sinceLastSeen: 60)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: browser.headers).status == .unauthorized)
        }
    }
}
