import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp
import Workflows

/// What attacking the accounts found after the first pass: the region inviting itself into an
/// office, older password links, the timing of a pending account, an address another office uses.
@Suite("Accounts: who invites whom, links that stop, no hint from timing or refusals",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct AccountRulesTests {
    static func post(_ client: some TestClientProtocol, _ path: String, _ browser: Desk.Browser, _ fields: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: AccountTests.form(browser), body: ByteBuffer(string: "_csrf=\(browser.csrf)&" + fields))
    }

    static func link(in text: String) throws -> String {
        let line = try #require(text.split(separator: "\n").first { $0.contains("/invitation/gi_") })
        return String(line[line.range(of: "/invitation/")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
    }

    @Test func theRegionalAdminInvitesOnlyTheFirstAdminOfAnOfficeThatHasNone() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // setup
            let region = try await Desk.signIn(client, "region@guichet.demo")
            let annecy = Caller(role: .officeAdmin, officeID: 1, userName: "test")
            // MUT: the attack — the region invites an address it controls as Annecy's admin, or agent.
            #expect(try await Self.post(client, "/admin/users", region, "email=region-spy%40example.net&name=Spy&role=office-admin&office=1").status == .forbidden)
            #expect(try await Self.post(client, "/admin/users", region, "email=region-spy%40example.net&name=Spy&role=agent&office=1").status == .forbidden)
            // validation: no account, no invitation.
            #expect(try crm.users.all(by: .regionalAdmin).allSatisfy { $0.email != "region-spy@example.net" })
            #expect(try crm.outbox.list(recipient: "region-spy@example.net", by: annecy).isEmpty)
            // A new office with no admin: the region invites its first admin, then no second one.
            let office = try crm.offices.add(name: "Office de Tourisme des Aravis", tier: .start, brochureAddOn: false, apidaeMember: nil, by: .regionalAdmin)
            #expect(try await Self.post(client, "/admin/users", region, "email=chef%40aravis.example&name=Chef&role=office-admin&office=\(office.id)").status == .seeOther)
            #expect(try await Self.post(client, "/admin/users", region, "email=second%40aravis.example&name=Second&role=office-admin&office=\(office.id)").status == .forbidden)
            #expect(try crm.users.all(by: .regionalAdmin).filter { $0.officeID == office.id }.map(\.email) == ["chef@aravis.example"])
        }
    }

    @Test func everyAccountChangeIsToldToTheOfficesAdminsAndAudited() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // setup: Annecy gets a second admin, who is the one acting.
            let claire = try await Desk.signIn(client, "admin@annecy.demo")
            #expect(try await Self.post(client, "/admin/users", claire, "email=second%40annecy.demo&name=Bruno&role=office-admin").status == .seeOther)
            let annecy = Caller(role: .officeAdmin, officeID: 1, userName: "test")
            // Claire invited Bruno: she acted, so nobody else to tell yet.
            #expect(try crm.outbox.list(recipient: "admin@annecy.demo", by: annecy).isEmpty)
            // MUT: the regional admin disables Annecy's agent, then enables her again.
            let region = try await Desk.signIn(client, "region@guichet.demo")
            let lea = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "agent@annecy.demo" })
            #expect(try await Self.post(client, "/admin/users/\(lea.id)/disable", region, "").status == .seeOther)
            #expect(try await Self.post(client, "/admin/users/\(lea.id)/enable", region, "").status == .seeOther)
            // validation: Claire is told twice, Léa herself too; Bruno (pending) is told nothing yet.
            let toClaire = try crm.outbox.list(recipient: "admin@annecy.demo", by: annecy)
            #expect(toClaire.count == 2 && toClaire.contains { $0.text.contains("a désactivé le compte de Léa Martin") && $0.text.contains("administration régionale") })
            #expect(toClaire.contains { $0.text.contains("a réactivé le compte de Léa Martin") })
            #expect(try crm.outbox.list(recipient: "agent@annecy.demo", by: annecy).count == 2)
            // The office's audit log has both, and the invitation.
            let actions = try crm.audit.entries(AuditFilter(), by: annecy).map(\.action)
            #expect(actions.contains(.userDisabled) && actions.contains(.userEnabled) && actions.contains(.userInvited))
        }
    }

    @Test func anOlderPasswordLinkStopsWhenANewerOneIsSentAndEveryLinkAndSessionEndsWhenOneIsUsed() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let accounts = desk.services.userAccounts
        try await desk.server.application().test(.router) { client in
            // setup: two resets of Léa's password, then a third.
            let lea = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "agent@annecy.demo" })
            let admin = Caller(role: .officeAdmin, officeID: 1, userName: "Claire Admin", userID: 0)
            let first = try Self.link(in: try accounts.resetPassword(userID: lea.id, by: admin).text)
            let second = try Self.link(in: try accounts.resetPassword(userID: lea.id, by: admin).text)
            // MUT + validation: the first link (a forwarded email) no longer opens.
            #expect(try await client.execute(uri: first, method: .get).status == .notFound)
            let third = try Self.link(in: try accounts.resetPassword(userID: lea.id, by: admin).text)
            #expect(try await client.execute(uri: second, method: .get).status == .notFound)
            // Léa sets her password with the newest link and signs in on two browsers…
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.execute(uri: third, method: .post, headers: form,
                                             body: ByteBuffer(string: "password=lea-new-secret&confirmation=lea-new-secret")).status == .seeOther)
            let browser = try await Desk.signIn(client, "agent@annecy.demo", password: "lea-new-secret")
            // …no older link sets anything, and using a link ends every session she had.
            for link in [first, second, third] {
                #expect(try await client.execute(uri: link, method: .post, headers: form,
                                                 body: ByteBuffer(string: "password=taken-over-now&confirmation=taken-over-now")).status == .notFound)
            }
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: browser.headers).status == .ok)
            let fourth = try Self.link(in: try accounts.resetPassword(userID: lea.id, by: admin).text)
            _ = try await Desk.signIn(client, "admin@annecy.demo")  // another user's session stays
            #expect(try await client.execute(uri: fourth, method: .post, headers: form,
                                             body: ByteBuffer(string: "password=lea-third-secret&confirmation=lea-third-secret")).status == .seeOther)
            #expect(try await client.execute(uri: "/api/basket", method: .get, headers: browser.headers).status == .unauthorized)
        }
    }

    /// A wrong password for an account waiting for its invitation costs a bcrypt, as for real and
    /// unknown accounts (it answered in 4 ms against ~280 ms).
    @Test func aPendingAccountAnswersAWrongPasswordAfterOneBcrypt() async throws {
        let desk = try await Desk.make()
        let users = desk.services.crm.users
        _ = try users.invite(email: "pending@annecy.demo", name: "Pending", role: .agent, officeID: 1, lifetime: 3600, by: .regionalAdmin)
        func time(_ email: String) throws -> Duration {
            let clock = ContinuousClock()
            var user: User?
            let spent = try clock.measure { user = try users.authenticate(email: email, password: "wrong-password") }
            #expect(user == nil)
            return spent
        }
        _ = try time("unknown@annecy.demo")  // the decoy hash made once
        let unknown = try time("unknown@annecy.demo"), pending = try time("pending@annecy.demo"), real = try time("agent@annecy.demo")
        // Same order of time: a bcrypt each (cost 12), not a string comparison.
        #expect(pending > unknown / 3 && pending > real / 3, "pending \(pending), unknown \(unknown), real \(real)")
    }

    @Test func invitingAnAddressAnotherOfficeUsesAnswersAsForANewOneAndTellsThatPerson() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            // setup
            let paul = try await Desk.signIn(client, "admin@chambery.demo")
            let fresh = try await Self.post(client, "/admin/users", paul, "email=nouveau%40chambery.demo&name=Nouveau&role=agent")
            // MUT: Annecy's agent's address, invited by Chambéry's admin.
            let taken = try await Self.post(client, "/admin/users", paul, "email=agent%40annecy.demo&name=L%C3%A9a&role=agent")
            // validation: the same answer as for a new address…
            #expect(taken.status == fresh.status && taken.headers[.location] == fresh.headers[.location])
            // …no account is created or changed, and Léa, not Paul, is told (without a link).
            let chambery = Caller(role: .officeAdmin, officeID: 2, userName: "test")
            let notice = try #require(try crm.outbox.list(recipient: "agent@annecy.demo", by: chambery).first)
            #expect(notice.text.contains("déjà un compte") && !notice.text.contains("/invitation/"))
            #expect(try crm.users.all(by: chambery).allSatisfy { $0.email != "agent@annecy.demo" })
            _ = try await Desk.signIn(client, "agent@annecy.demo")
        }
    }
}
