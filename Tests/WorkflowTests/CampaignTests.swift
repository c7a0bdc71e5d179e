import Brochure
import CRM
import Consent
import Foundation
import GuichetTestSupport
import Mail
import Records
import Testing
import Workflows

@Suite("Campaigns: a segment, the gate at writing and at sending, the rate, the report",
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct CampaignTests {
    /// A PREMIUM office with six contacts in every consent situation, a mail server, the use cases.
    struct Office {
        let t: TemporaryStore
        let crm: SQLCRM
        let office: CRM.Office
        let admin: Caller
        let desk: ConsentDesk
        let campaigns: Campaigns
        let server: SMTPTestServer
        let delivery: OutboxDelivery
        var contacts: [String: Contact] = [:]

        init(tier: CRM.Office.Tier = .premium) throws {
            t = try TemporaryStore()
            _ = try t.importing([try t.demoExport(records: 20)])
            crm = try SQLCRM(path: t.store.path)
            office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: tier, brochureAddOn: false, apidaeMember: 1001,
                                         by: .regionalAdmin)
            admin = Caller(role: .officeAdmin, officeID: office.id, userName: "Claire Admin", userID: nil)
            server = try SMTPTestServer()
            let store = try SQLConsentStore(path: t.store.path)
            let keys = try ConsentKeys(secret: try store.storedSecret())
            let from = try MailAddress("accueil@ot-annecy.example", name: office.name)
            let mailer = Mailer(transport: SMTPTransport(SMTPConfiguration(url: server.url, from: from, startTLS: .never)), from: from,
                                               policy: ConsentDesk.gate(crm: crm, store: store, keys: keys))
            desk = ConsentDesk(crm: crm, store: store, keys: keys, mail: mailer, publicURL: "https://guichet.example.org")
            let root = TestData.repository
            campaigns = Campaigns(desk: desk, brochures: try BrochureMaker(
                records: t.store, layoutsFolder: root.appendingPathComponent("Layouts").path,
                brandingFolder: root.appendingPathComponent("Branding").path, fontsFolder: root.appendingPathComponent("Fonts/files").path, photos: nil))
            delivery = mailer.delivery(crm.outbox)
            // Everyone asked about heritage but Fred (food); Carla is a professional.
            for (name, kind, theme) in [("alice", Contact.Kind.individual, "patrimoine/naturel"), ("bob", .individual, "patrimoine"), ("carla", .professional, "patrimoine"),
                                        ("dan", .individual, "patrimoine/culturel"), ("eve", .individual, "patrimoine"), ("fred", .individual, "gastronomie")] {
                let contact = try crm.contacts.add(Contact(kind: kind, company: kind == .professional ? "Camping des Lacs" : nil,
                                                           firstName: name.capitalized, lastName: "Test", email: "\(name)@example.org", language: "fr"),
                                                   by: admin)
                _ = try crm.requests.add(InformationRequest(contactID: contact.id, contactMode: .counter, themes: [theme]), by: admin)
                contacts[name] = contact
            }
        }

        func email(_ name: String) -> String { "\(name)@example.org" }
        func subject(_ name: String) -> String { desk.keys.subject(email: email(name)) }

        /// Records a consent event as if the person had acted.
        func record(_ name: String, _ kind: ConsentEvent.Kind, purpose: Purpose = .own) throws {
            try desk.store.record([ConsentEvent(officeID: office.id, subject: subject(name), purpose: purpose, channel: .email, kind: kind,
                                                mode: .counter)], spending: nil)
        }
    }

    @Test func onlyThoseTheGateAllowsReceiveItAndAWithdrawalBeforeSendingWins() throws {
        // setup: Alice, Dan and Fred confirmed; Bob was asked; Carla (B2B) never was; Eve objected.
        let f = try Office()
        for name in ["alice", "dan", "fred"] { try f.record(name, .confirmed) }
        try f.record("bob", .asked)
        try f.record("eve", .objected)
        try f.desk.store.suppress([f.subject("eve")], officeID: f.office.id)
        let basket = try f.crm.baskets.save(Basket(recordIDs: try Array(f.t.store.summaries(ids: Array(100000...100400)).map(\.id).prefix(2)),
                                                   layout: "liste-a4"), by: f.admin)
        var campaign = try f.campaigns.save(Campaign(name: "Printemps au lac", subject: "Le printemps à {office}",
                                                     body: "Bonjour {prenom},\n\nNos idées pour le printemps :\n{fiches}\n\nPlus sur https://lac-annecy.example/printemps",
                                                     basketID: basket.id, segment: Campaign.Segment(themes: ["patrimoine"]), ratePerMinute: 60), by: f.admin)
        // MUT: preview, launch, a withdrawal before the paced worker gets to Dan, then the worker's ticks.
        let audience = try f.campaigns.audience(campaign, by: f.admin)
        campaign = try f.campaigns.launch(campaignID: campaign.id, by: f.admin)
        try f.record("dan", .withdrawn)
        var sentPerTick: [Int] = []
        for _ in 0..<4 { sentPerTick.append(try f.delivery.deliverPaced(window: 1, defaultRate: 60)) }
        // validation: the preview.
        #expect(Set(audience.recipients.compactMap(\.email)) == ["alice@example.org", "carla@example.org", "dan@example.org"])
        #expect(audience.reasons == ["pending": 1, "suppressed": 1])
        // One message a tick at 60 a minute with a 1 s window; Dan's withheld, not sent.
        #expect(sentPerTick == [1, 1, 0, 0] || sentPerTick == [1, 0, 1, 0], "\(sentPerTick)")
        let mails = try f.server.messages()
        #expect(Set(mails.map(\.to)).count == 2 && mails.allSatisfy { !$0.to.contains("dan") && !$0.to.contains("bob") && !$0.to.contains("eve") })
        let alice = try #require(mails.first { $0.to.contains("alice") })
        #expect(alice.subject == "Le printemps à Office de Tourisme du Lac d'Annecy")
        #expect(alice.text.contains("Bonjour Alice") && alice.text.contains("Se désinscrire : https://guichet.example.org/consent/unsubscribe/"))
        #expect(alice.text.contains("Office de Tourisme du Lac d'Annecy") && alice.text.contains("parce que vous avez accepté"))
        let link = try #require(alice.listUnsubscribe)
        #expect(link.hasPrefix("<https://guichet.example.org/consent/unsubscribe/") && alice.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(alice.html?.contains("<a href=\"https://lac-annecy.example/printemps\">") == true)
        #expect(alice.html?.contains(String(link.dropFirst().dropLast())) == true, "the HTML carries the same unsubscribe link")
        let pdf = try #require(alice.attachments.first)
        #expect(pdf.type == "application/pdf" && pdf.data.starts(with: Data("%PDF".utf8)))
        // The report; then Alice unsubscribes with her link (as her mail client's one-click POST does).
        var report = try f.campaigns.report(campaignID: campaign.id, by: f.admin)
        #expect(report.counts.sent == 2 && report.counts.withheld == 1 && report.counts.excluded == 2)
        #expect(report.counts.unsubscribed == 1, "Dan withdrew after the launch")
        #expect(report.excludedReasons == ["pending": 1, "suppressed": 1])
        let token = String(link.dropFirst().dropLast().split(separator: "/").last!)
        try Unsubscribe(desk: f.desk).run(token: token, ipAddress: "192.0.2.7", userAgent: "Mail client")
        report = try f.campaigns.report(campaignID: campaign.id, by: f.admin)
        #expect(report.counts.unsubscribed == 2)
        // A launched campaign is neither changed nor launched again.
        #expect(throws: CRMError.self) { _ = try f.campaigns.save(campaign, by: f.admin) }
        #expect(throws: CRMError.self) { _ = try f.campaigns.launch(campaignID: campaign.id, by: f.admin) }
    }

    @Test func aProfessionalWhoUnsubscribedIsNoLongerReached() throws {
        // setup: Carla (B2B) may be written to without consent, until she unsubscribes.
        let f = try Office()
        let campaign = try f.campaigns.save(Campaign(name: "Pros", subject: "Salon", body: "Bonjour", segment: .init(kind: .professional)), by: f.admin)
        #expect(try f.campaigns.audience(campaign, by: f.admin).recipients.map(\.email) == ["carla@example.org"])
        // MUT
        let token = ConsentToken(action: .unsubscribe, officeID: f.office.id, subject: f.subject("carla"), expires: Date().addingTimeInterval(3600),
                                 singleUse: false).signed(with: f.desk.keys)
        try Unsubscribe(desk: f.desk).run(token: token, ipAddress: nil, userAgent: nil)
        // validation
        let audience = try f.campaigns.audience(campaign, by: f.admin)
        #expect(audience.recipients.isEmpty && audience.reasons == ["withdrawn": 1])
    }

    @Test func aReOptInCampaignAsksOnlyThoseWhoNeverConfirmed() throws {
        // setup: Alice confirmed, Bob is waiting, Eve objected; Carla, Dan and Fred were never asked.
        let f = try Office()
        try f.record("alice", .confirmed)
        try f.record("bob", .asked)
        try f.record("eve", .objected)
        let campaign = try f.campaigns.save(Campaign(name: "Relance 2026", reOptIn: true, ratePerMinute: 120), by: f.admin)
        // MUT
        _ = try f.campaigns.launch(campaignID: campaign.id, by: f.admin)
        let sent = try f.delivery.deliverPaced(window: 10, defaultRate: 60)
        // validation: three confirmation emails, each saying why it comes, with its link.
        let mails = try f.server.messages()
        #expect(sent == 3 && Set(mails.map { $0.to.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) })
                == ["carla@example.org", "dan@example.org", "fred@example.org"], "\(mails.map(\.to))")
        #expect(mails.allSatisfy { $0.text.contains("Vous faites partie des contacts de Office de Tourisme du Lac d'Annecy") })
        #expect(mails.allSatisfy { $0.text.contains("https://guichet.example.org/consent/confirm/") })
        for name in ["carla", "dan", "fred"] {
            let events = try f.desk.store.events(officeID: f.office.id, subject: f.subject(name))
            #expect(ConsentState.derive(events, purpose: .own, channel: .email) == .pending && events.last?.context == "Relance 2026")
        }
        let report = try f.campaigns.report(campaignID: campaign.id, by: f.admin)
        #expect(report.counts.sent == 3 && report.excludedReasons == ["already-confirmed": 1, "pending": 1, "objected": 1])
    }

    @Test func campaignsAreForPremiumOffices() throws {
        let f = try Office(tier: .start)
        #expect(throws: WorkflowError.campaignsArePremium(office: f.office.name)) {
            _ = try f.campaigns.save(Campaign(name: "X", subject: "s", body: "b"), by: f.admin)
        }
        #expect(throws: CRMError.self) {
            _ = try Campaigns(desk: f.desk, brochures: f.campaigns.brochures).save(Campaign(name: "X", subject: "{prenon}", body: "b"),
                                                                                   by: Caller(role: .officeAdmin, officeID: 99, userName: "x"))
        }
    }

    @Test func aSegmentCombinesThemesCriteriaOriginLanguageAndLastContact() throws {
        // setup: three contacts of the office with their requests.
        let f = try Office()
        try f.crm.lists.setCriterion(Criterion(name: "Séjour", choices: ["week-end", "semaine"]), by: f.admin)
        let lyon = try f.crm.contacts.add(Contact(firstName: "Lou", email: "lou@example.org", department: "69", language: "fr"), by: f.admin)
        _ = try f.crm.requests.add(InformationRequest(contactID: lyon.id, contactMode: .fair, themes: ["activites/sportives"], extra: ["Séjour": "week-end"]),
                                   by: f.admin)
        let brussels = try f.crm.contacts.add(Contact(firstName: "Bram", email: "bram@example.org", language: "nl-BE"), by: f.admin)
        _ = try f.crm.requests.add(InformationRequest(contactID: brussels.id, contactMode: .email, originCountry: "BE", themes: ["activites"],
                                                      extra: ["Séjour": "semaine"]), by: f.admin)
        func emails(_ segment: Campaign.Segment) throws -> Set<String> {
            Set(try f.crm.campaigns.contacts(in: segment, by: f.admin).compactMap(\.email))
        }
        // MUT + validation
        #expect(try emails(.init(themes: ["activites"])) == ["lou@example.org", "bram@example.org"])
        #expect(try emails(.init(themes: ["activites/sportives"])) == ["lou@example.org"])
        #expect(try emails(.init(themes: ["activite"])).isEmpty, "a theme key is not a prefix of another")
        #expect(try emails(.init(criteria: ["Séjour": "semaine"])) == ["bram@example.org"])
        #expect(try emails(.init(themes: ["activites"], origins: ["be"])) == ["bram@example.org"])
        #expect(try emails(.init(origins: ["69"])) == ["lou@example.org"])
        #expect(try emails(.init(themes: ["activites"], languages: ["nl"])) == ["bram@example.org"])
        #expect(try emails(.init(interactedSince: Date().addingTimeInterval(3600))).isEmpty)
        #expect(try emails(.init(interactedBefore: Date().addingTimeInterval(3600))).count == 8)
    }
}
