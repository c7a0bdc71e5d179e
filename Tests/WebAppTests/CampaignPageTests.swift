import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Campaign pages: a draft, its audience, the launch, the report",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct CampaignPageTests {
    @Test func anOfficeAdminPreparesLaunchesAndFollowsACampaign() async throws {
        let desk = try await Desk.make()
        let annecy = Caller(role: .officeAdmin, officeID: 1, userName: "test")
        let crm = desk.services.crm
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            var form = admin.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let list = String(buffer: try await client.execute(uri: "/campaigns", method: .get, headers: admin.headers).body)
            #expect(list.contains("Nouvelle campagne") && list.contains("href=\"/campaigns\""))
            // MUT 1: a draft, then its message and segment (heritage lovers, from anywhere but nowhere else than Europe).
            let created = try await client.execute(uri: "/campaigns", method: .post, headers: form,
                                                   body: ByteBuffer(string: "_csrf=\(admin.csrf)&name=Automne+au+lac&purpose=own"))
            let location = try #require(created.headers[.location])
            #expect(created.status == .seeOther && location.hasPrefix("/campaigns/"))
            let saved = try await client.execute(uri: location, method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(admin.csrf)&name=Automne+au+lac&purpose=own&subject=L%27automne+%C3%A0+%7Boffice%7D&body=Bonjour+%7Bprenom%7D&theme=patrimoine"
                + "&origins=FR+BE+CH+DE+NL+GB&kind=&since=&before=&rate=30"))
            #expect(saved.status == .seeOther)
            let typo = try await client.execute(uri: location, method: .post, headers: form, body: ByteBuffer(string:
                "_csrf=\(admin.csrf)&name=X&subject=s&body=Bonjour+%7Bprenon%7D&since=2026-13-45"))
            #expect(typo.status == .unprocessableContent)
            let page = String(buffer: try await client.execute(uri: location, method: .get, headers: admin.headers).body)
            // The audience: the demo's private persons have no confirmed consent.
            #expect(page.contains("destinataires autorisés") && page.contains("Sans accord confirmé (particuliers)"), "\(page)")
            #expect(page.contains("value=\"FR, BE, CH, DE, NL, GB\"") && page.contains("value=\"30\""))
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))
            let draft = try crm.campaigns.campaign(id: id, by: annecy)
            #expect(draft.segment.themes == ["patrimoine"] && draft.segment.origins == ["FR", "BE", "CH", "DE", "NL", "GB"] && draft.ratePerMinute == 30 && draft.body == "Bonjour {prenom}")
            // MUT 2: the launch.
            let launched = try await client.execute(uri: "\(location)/launch", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
            #expect(launched.status == .seeOther)
            let report = String(buffer: try await client.execute(uri: location, method: .get, headers: admin.headers).body)
            #expect(report.contains("id=\"report\"") && report.contains("Écartés au lancement") && !report.contains("/launch\""))
            #expect(try await client.execute(uri: "\(location)/launch", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(admin.csrf)")).status
                    == .unprocessableContent)
        }
    }

    @Test func aStartOfficeHasNoCampaigns() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@chambery.demo")
            let response = try await client.execute(uri: "/campaigns", method: .get, headers: admin.headers)
            #expect(response.status == .forbidden && String(buffer: response.body).contains("réservées aux offices PREMIUM"))
            let home = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: admin.headers).body)
            #expect(!home.contains("href=\"/campaigns\""))
        }
    }
}
