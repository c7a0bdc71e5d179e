import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Records
import Testing
@testable import WebApp

@Suite("Apidae export notification endpoint and the regional admin's sync page", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ApidaeNotificationTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    /// An unauthenticated `reinitialisation` deletes the project's records absent from its zip: a
    /// server reachable from the internet takes notifications with the token only.
    @Test func aServerReachableFromElsewhereRefusesUnsignedNotifications() async throws {
        // setup: no token configured; the public address is not this machine's.
        let standIn = try ApidaeStandIn()
        let exposed = try await Desk.make(apidae: standIn.configuration(), publicURL: "https://guichet.region.example")
        let local = try await Desk.make(apidae: standIn.configuration())
        let fields = [("projetId", "\(ApidaeStandIn.projectID)"), ("statut", "SUCCESS"), ("reinitialisation", "true"),
                      ("urlRecuperation", standIn.baseURL + "/exports/x.zip")]
        let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        #expect(exposed.services.refusesUnsignedNotifications && !local.services.refusesUnsignedNotifications)
        // MUT + validation: refused, saying what to set; nothing recorded. On loopback (tests, a demo) taken.
        let records = exposed.services.records
        try await exposed.server.application(schedule: .init(apidae: .seconds(3600))).test(.router) { client in
            let refused = try await client.execute(uri: "/apidae/export", method: .post, headers: headers, body: Self.form(fields))
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("GUICHET_APIDAE_NOTIFY_TOKEN"))
            #expect(try records.recent(limit: 5).isEmpty)
        }
        try await local.server.application(schedule: .init(apidae: .seconds(3600))).test(.router) { client in
            let taken = try await client.execute(uri: "/apidae/export", method: .post, headers: headers, body: Self.form(fields))
            #expect(taken.status == .ok)
        }
    }

    @Test func aNotificationIsAnsweredAtOnceRecordedAndSeenByTheRegionalAdminOnly() async throws {
        // setup: the stand-in serves an export; the server knows the project, with a notification token.
        let standIn = try ApidaeStandIn()
        var configuration = standIn.configuration()
        configuration.notificationToken = "s3cret-token"
        let desk = try await Desk.make(apidae: configuration)
        let zip = try standIn.export("e.zip", (try? Data(contentsOf: URL(fileURLWithPath: TestData.path("apidae/hotentic-apidae-engine-rails__json_export.zip")))) ?? Data("PK".utf8))
        let fields = [("projetId", "\(ApidaeStandIn.projectID)"), ("statut", "SUCCESS"), ("ponctuel", "false"), ("reinitialisation", "false"),
                      ("urlRecuperation", zip), ("urlConfirmation", standIn.confirmationURL("web"))]
        let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        let services = desk.services
        // The worker first looks after an hour: the test runs the queue itself.
        try await desk.server.application(schedule: .init(apidae: .seconds(3600))).test(.router) { client in
            // MUT + validation: without the token, refused and not recorded; with it, queued at once.
            let refused = try await client.execute(uri: "/apidae/export", method: .post, headers: headers, body: Self.form(fields))
            #expect(refused.status == .forbidden)
            let accepted = try await client.execute(uri: "/apidae/export?token=s3cret-token", method: .post, headers: headers, body: Self.form(fields))
            #expect(accepted.status == .ok && String(buffer: accepted.body).hasPrefix("OK: export queued"))
            let broken = try await client.execute(uri: "/apidae/export?token=s3cret-token", method: .post, headers: headers, body: Self.form([("x", "1")]))
            #expect(broken.status == .badRequest)
            // Apidae's own failure (statut=ERROR, no zip): journaled with its word, answered 200.
            let apidaeFailed = try await client.execute(uri: "/apidae/export?token=s3cret-token", method: .post, headers: headers,
                                                        body: Self.form([("projetId", "\(ApidaeStandIn.projectID)"), ("statut", "ERROR")]))
            #expect(apidaeFailed.status == .ok && String(buffer: apidaeFailed.body).contains("export failed"))
            // Over the limit, or its zip on this machine's other services: nothing queued.
            let huge = try await client.execute(uri: "/apidae/export?token=s3cret-token", method: .post, headers: headers,
                                                body: Self.form(fields + [("padding", String(repeating: "x", count: 40_000))]))
            #expect(huge.status == .contentTooLarge)
            var local = fields
            local[4] = ("urlRecuperation", "http://localhost:22/exports/e.zip")
            let elsewhere = try await client.execute(uri: "/apidae/export?token=s3cret-token", method: .post, headers: headers, body: Self.form(local))
            #expect(elsewhere.status == .ok && String(buffer: elsewhere.body).contains("not imported"))
            let statuses = try services.records.recent(limit: 10).map(\.status)
            #expect(statuses == [.ignored, .ignored, .queued], "\(statuses)")
            // The queued run, as the worker runs it; then the regional admin's page shows it.
            if TestData.available { _ = services.apidae?.runNext() }
            let region = try await Desk.signIn(client, "region@guichet.demo")
            let page = try await client.execute(uri: "/admin/apidae", method: .get, headers: region.headers)
            let text = String(buffer: page.body)
            #expect(page.status == .ok && text.contains("Export différentiel") && text.contains("/apidae/export?token=…") && !text.contains("s3cret"))
            #expect(!TestData.available || (text.contains("Réussie") && text.contains("Fiches : 5 ajoutées")), "\(text)")
            // Office admins and agents do not see it; the regional admin queues a pull.
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            #expect(try await client.execute(uri: "/admin/apidae", method: .get, headers: admin.headers).status == .forbidden)
            var formHeaders = region.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let queued = try await client.execute(uri: "/admin/apidae/sync", method: .post, headers: formHeaders, body: ByteBuffer(string: "_csrf=\(region.csrf)"))
            #expect(queued.status == .seeOther || queued.status == .found)
            #expect(try services.records.recent(limit: 1).first?.kind == .pull)
        }
    }
}

@Suite("The nightly Apidae pull's time")
struct ApidaeNightlyTests {
    @Test func theNextRunIsTheNextOccurrenceOfTheConfiguredLocalTime() throws {
        // setup: a calendar in Paris time, 2026-07-14 at 02:30 and at 03:30.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        let before = try #require(calendar.date(from: DateComponents(year: 2026, month: 7, day: 14, hour: 2, minute: 30)))
        let after = try #require(calendar.date(from: DateComponents(year: 2026, month: 7, day: 14, hour: 3, minute: 30)))
        // MUT
        let tonight = ApidaeNightly.next((3, 0), after: before, calendar: calendar)
        let tomorrow = ApidaeNightly.next((3, 0), after: after, calendar: calendar)
        // validation
        #expect(calendar.dateComponents([.day, .hour, .minute], from: tonight) == DateComponents(day: 14, hour: 3, minute: 0))
        #expect(calendar.dateComponents([.day, .hour, .minute], from: tomorrow) == DateComponents(day: 15, hour: 3, minute: 0))
    }
}
