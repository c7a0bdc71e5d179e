import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Offices: the regional admin sets a member id; an office without one is told why it finds nothing",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct OfficeSettingsTests {
    @Test func anOfficeWithoutMemberIdIsToldThenTheRegionSetsIt() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        var chambery = try crm.offices.office(id: 2, by: .regionalAdmin)
        chambery.apidaeMember = nil
        _ = try crm.offices.update(chambery, by: .regionalAdmin)
        try await desk.server.application().test(.router) { client in
            let agent = try await Desk.signIn(client, "agent@chambery.demo")
            let search = String(buffer: try await client.execute(uri: "/", method: .get, headers: agent.headers).body)
            #expect(search.contains("pas encore d&#39;identifiant de membre Apidae") || search.contains("pas encore d'identifiant de membre Apidae"))
            // MUT: the regional admin sets it; an office admin may not.
            let region = try await Desk.signIn(client, "region@guichet.demo")
            var form = region.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let set = try await client.execute(uri: "/admin/offices/2", method: .post, headers: form,
                                               body: ByteBuffer(string: "_csrf=\(region.csrf)&tier=START&member=1002"))
            #expect(set.status == .seeOther)
            let admin = try await Desk.signIn(client, "admin@chambery.demo")
            var adminForm = admin.headers
            adminForm[.contentType] = "application/x-www-form-urlencoded"
            #expect(try await client.execute(uri: "/admin/offices/2", method: .post, headers: adminForm,
                                              body: ByteBuffer(string: "_csrf=\(admin.csrf)&tier=PREMIUM&member=1002")).status == .forbidden)
            // The region's statistics: a table of offices, counts only.
            let stats = String(buffer: try await client.execute(uri: "/stats", method: .get, headers: region.headers).body)
            #expect(stats.contains("id=\"offices\"") && stats.contains("Office de Tourisme du Lac d&#39;Annecy") || stats.contains("Office de Tourisme du Lac d'Annecy"))
            #expect(stats.contains("Contacts qualifiés (objectif 15 %)") && !stats.contains("@example.org"))
            let after = String(buffer: try await client.execute(uri: "/", method: .get, headers: agent.headers).body)
            #expect(!after.contains("identifiant de membre Apidae"))
        }
        let office = try crm.offices.office(id: 2, by: .regionalAdmin)
        #expect(office.apidaeMember == 1002 && office.tier == .start)
    }
}

@Suite("Accounts: an admin resets a password, lists and revokes the office's API tokens",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct AdminAccountTests {
    @Test func aResetPasswordStopsTheOldOneAndARevokedTokenStopsActing() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let lea = try #require(try crm.users.all(by: .regionalAdmin).first { $0.email == "agent@annecy.demo" })
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            var form = admin.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            // MUT 1: a token made on the page, shown once, working; then revoked.
            let made = String(buffer: try await client.execute(uri: "/admin/tokens", method: .post, headers: form,
                                                               body: ByteBuffer(string: "_csrf=\(admin.csrf)&name=Site+web")).body)
            let start = try #require(made.range(of: "<code>gt_"))
            let token = String(made[made.index(start.lowerBound, offsetBy: 6)...].prefix { $0 != "<" })
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/requests", method: .get, headers: bearer).status == .ok)
            let id = try #require(try crm.offices.apiTokens(by: Caller(role: .officeAdmin, officeID: 1, userName: "x")).first).id
            #expect(try await client.execute(uri: "/admin/tokens/\(id)/revoke", method: .post, headers: form,
                                              body: ByteBuffer(string: "_csrf=\(admin.csrf)")).status == .seeOther)
            #expect(try await client.execute(uri: "/api/requests", method: .get, headers: bearer).status == .unauthorized)
            let page = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: admin.headers).body)
            #expect(page.contains("Site web") && page.contains("Révoqué") && !page.contains(token))
            // MUT 2: Léa's password reset: her session ends, her password no longer signs in.
            #expect(try await client.execute(uri: "/admin/users/\(lea.id)/reset-password", method: .post, headers: form,
                                              body: ByteBuffer(string: "_csrf=\(admin.csrf)")).status == .seeOther)
            #expect(try await client.execute(uri: "/requests", method: .get, headers: agent.headers).status != .ok)
            let again = try await Desk.loginForm(client).post(client, "email=agent%40annecy.demo&password=\(DemoSeed.password)")
            #expect(again.headers[.setCookie]?.contains("guichet_session=") != true)
        }
        #expect(try crm.outbox.list(requestID: nil, by: Caller(role: .officeAdmin, officeID: 1, userName: "x"))
            .contains { $0.recipient == "agent@annecy.demo" && $0.text.contains("/invitation/gi_") })
    }
}
