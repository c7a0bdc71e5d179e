import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("Office isolation in the CRM storage")
struct TenantIsolationTests {
    /// Every storage call (the store protocols of `CRMStores`) made by office A's agent and admin on office B's objects. A new
    /// storage call must be added here: `everyStorageCallIsInTheMatrix` reads the protocols' sources.
    static let matrix: [(call: String, run: @Sendable (TwoOffices, Caller) throws -> Any)] = [
        ("OfficeStore.office", { f, c in try f.store.offices.office(id: f.b.id, by: c) }),
        ("ContactStore.contact", { f, c in try f.store.contacts.contact(id: f.contactB.id, by: c) }),
        ("ContactStore.update", { f, c in var x = f.contactB; x.notes = "changed by A"; try f.store.contacts.update(x, by: c); return () }),
        ("ContactStore.duplicates", { f, c in try f.store.contacts.duplicates(of: f.contactB.id, by: c) }),
        ("ContactStore.mergePreview", { f, c in
            let own = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", postalCode: "69003"), by: c)
            return try f.store.contacts.mergePreview(f.contactB.id, into: own.id, by: c)
        }),
        ("ContactStore.merge", { f, c in
            let own = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", postalCode: "69003"), by: c)
            return try f.store.contacts.merge(own.id, into: f.contactB.id, by: c)
        }),
        ("RequestStore.request", { f, c in try f.store.requests.request(id: f.requestB.id, by: c) }),
        ("RequestStore.setStatus", { f, c in try f.store.requests.setStatus(.closed, requestID: f.requestB.id, by: c) }),
        ("RequestStore.add", { f, c in try f.store.requests.add(InformationRequest(contactID: f.contactB.id, contactMode: .counter), by: c) }),
        ("BasketStore.basket", { f, c in try f.store.baskets.basket(id: f.basketB.id, by: c) }),
        ("BasketStore.save", { f, c in var x = f.basketB; x.recordIDs = [1]; return try f.store.baskets.save(x, by: c) }),
        ("BasketStore.save (B's document)", { f, c in try f.store.baskets.save(Basket(documentIDs: [try documentB(f).id]), by: c) }),
        ("ApidaeContactStore.save", { f, c in
            try f.store.apidaeContacts.save(ApidaeContactLink(officeID: f.a.id, structureID: 1, contactID: f.contactB.id, category: "X",
                                                              synced: [:], syncedAt: Date()), by: c)
            return ()
        }),
        ("DocumentStore.document", { f, c in try f.store.documents.document(id: try documentB(f).id, by: c) }),
        ("DocumentStore.data", { f, c in try f.store.documents.data(id: try documentB(f).id, by: c) }),
        ("DocumentStore.remove", { f, c in
            try f.store.documents.remove(id: try documentB(f).id, by: Caller(role: .officeAdmin, officeID: c.officeID, userName: "admin")); return ()
        }),
        ("BasketStore.save (on B's request)", { f, c in try f.store.baskets.save(Basket(requestID: f.requestB.id), by: c) }),
        ("OutboxStore.enqueue (on B's request)", { f, c in
            try f.store.outbox.enqueue(OutboxEntry(requestID: f.requestB.id, idempotencyKey: "a-\(UUID())", recipient: "x@example.org", subject: "s", text: "t"), by: c)
        }),
        ("SavedSearchStore.delete", { f, c in try f.store.savedSearches.delete(id: f.searchB.id, by: c) }),
        ("OutboxStore.entry", { f, c in try f.store.outbox.entry(id: f.messageB.id, by: c) }),
        ("OutboxStore.claim", { f, c in try f.store.outbox.claim(outboxID: f.messageB.id, by: c) as Any }),
        ("UserStore.setDisabled", { f, c in try f.store.users.setDisabled(true, userID: f.userB.id, by: c) }),
        ("OutboxStore.requeue", { f, c in try f.store.outbox.requeue(outboxID: f.messageB.id, by: c) }),
        ("OutboxStore.settle", { f, c in try f.store.outbox.settle(outboxID: f.messageB.id, state: .sent, error: nil, by: c) }),
        ("RetentionStore.markWarned", { f, c in try f.store.retention.markWarned(f.contactB.id, at: Date(), by: c) }),
        ("ContactStore.touch", { f, c in try f.store.contacts.touch(f.contactB.id, at: Date(), by: c) }),
        ("UserStore.resetPassword", { f, c in try f.store.users.resetPassword(userID: f.userB.id, lifetime: 3600, by: c) }),
        ("OfficeStore.revokeAPIToken", { f, c in try f.store.offices.revokeAPIToken(id: try tokenB(f), by: c) }),
        ("ContactStore.sharedProfiles", { f, c in try f.store.contacts.sharedProfiles(of: f.contactB.id, offices: [f.b.id], by: c) }),
        ("ContactStore.erase", { f, c in try f.store.contacts.erase(f.contactB.id, keepingRequests: true, by: c) }),
        ("CampaignStore.campaign", { f, c in try f.store.campaigns.campaign(id: try campaignB(f).id, by: c) }),
        ("CampaignStore.save", { f, c in var x = try campaignB(f); x.subject = "changed by A"; return try f.store.campaigns.save(x, by: c) }),
        ("CampaignStore.save (with B's basket)", { f, c in try f.store.campaigns.save(Campaign(name: "A", basketID: f.basketB.id), by: c) }),
        ("CampaignStore.launch", { f, c in try f.store.campaigns.launch(try campaignB(f).id, attachment: nil, excluded: [], by: c) }),
        ("CampaignStore.exclusions", { f, c in try f.store.campaigns.exclusions(campaignID: try campaignB(f).id, by: c) }),
        ("CampaignStore.counts", { f, c in try f.store.campaigns.counts(campaignID: try campaignB(f).id, by: c) }),
        ("CampaignStore.recipients", { f, c in try f.store.campaigns.recipients(campaignID: try campaignB(f).id, by: c) }),
    ]

    /// Office B's API token (made once).
    static func tokenB(_ f: TwoOffices) throws -> Int64 {
        let adminB = Caller(role: .officeAdmin, officeID: f.b.id, userName: "Admin B")
        if let token = try f.store.offices.apiTokens(by: adminB).first { return token.id }
        _ = try f.store.offices.createAPIToken(name: "site B", by: adminB)
        return try #require(try f.store.offices.apiTokens(by: adminB).first).id
    }

    /// Office B's document (the same one each time it is asked for).
    static func documentB(_ f: TwoOffices) throws -> OfficeDocument {
        let adminB = Caller(role: .officeAdmin, officeID: f.b.id, userName: "admin B")
        if let found = try f.store.documents.documents(matching: nil, by: adminB).first { return found }
        let data = TestPDF.make(["Plan de B"])
        return try f.store.documents.add(OfficeDocument(title: "Plan de B", fileName: "plan-b.pdf", sha256: Digest.sha256Hex(data), size: data.count, pages: 1),
                                         data: data, by: adminB)
    }

    /// Office B's draft campaign (the same one each time it is asked for).
    static func campaignB(_ f: TwoOffices) throws -> Campaign {
        try f.store.campaigns.list(by: f.agentB).first ?? f.store.campaigns.save(Campaign(name: "B", subject: "s", body: "b"), by: f.agentB)
    }

    /// Listing calls: A's answer never holds B's object of that kind (`foreign`).
    static let listings: [(call: String, run: @Sendable (TwoOffices, Caller) throws -> (ids: [Int64], foreign: Int64))] = [
        ("OfficeStore.all", { f, c in (try f.store.offices.all(by: c).map(\.id), f.b.id) }),
        ("ContactStore.search", { f, c in (try f.store.contacts.search("dupont", by: c).map(\.id) + f.store.contacts.search(nil, by: c).map(\.id), f.contactB.id) }),
        ("RequestStore.list", { f, c in (try f.store.requests.list(contactID: nil, by: c).map(\.id) + f.store.requests.list(contactID: f.contactB.id, by: c).map(\.id), f.requestB.id) }),
        ("BasketStore.list", { f, c in (try f.store.baskets.list(requestID: nil, by: c).map(\.id) + f.store.baskets.list(requestID: f.requestB.id, by: c).map(\.id), f.basketB.id) }),
        ("OutboxStore.list", { f, c in (try f.store.outbox.list(requestID: nil, by: c).map(\.id) + f.store.outbox.list(requestID: f.requestB.id, by: c).map(\.id), f.messageB.id) }),
        ("OutboxStore.pending", { f, c in (try f.store.outbox.pending(by: c).map(\.id), f.messageB.id) }),
        ("OutboxStore.pacedDue", { f, c in
            let paced = try f.store.outbox.enqueue(OutboxEntry(idempotencyKey: "paced-b", recipient: "x@example.org", subject: "s", text: "t", paced: true),
                                                   by: f.agentB)
            return (try f.store.outbox.pacedDue(campaignID: nil, limit: 100, by: c).map(\.id), paced.id)
        }),
        ("OutboxStore.list (recipient)", { f, c in (try f.store.outbox.list(recipient: "Marie.Dupont@example.org", by: c).map(\.id), f.messageB.id) }),
        // The log is read by office admins: asked as the admin of the caller's office.
        ("AuditStore.entries", { f, c in
            try f.store.audit.record(.contactViewed, contactID: f.contactB.id, by: f.agentB)
            let own = Caller(role: .officeAdmin, officeID: c.officeID, userName: "admin")
            let b = try f.store.audit.entries(AuditFilter(), by: Caller(role: .officeAdmin, officeID: f.b.id, userName: "admin"))
            return (try f.store.audit.entries(AuditFilter(), by: own).map(\.id), try #require(b.first).id)
        }),
        ("RetentionStore.inactive", { f, c in (try f.store.retention.inactive(before: Date().addingTimeInterval(86400), by: c).map(\.contact.id), f.contactB.id) }),
        ("ContactStore.list", { f, c in (try f.store.contacts.list(ContactFilter(text: "dupont"), by: c).contacts.map(\.id), f.contactB.id) }),
        ("ContactStore.emails", { f, c in
            var byID = ContactFilter(); byID.ids = [f.contactB.id]
            return (try (f.store.contacts.emails(ContactFilter(), by: c) + f.store.contacts.emails(byID, by: c)).map(\.id), f.contactB.id)
        }),
        ("OfficeStore.apiTokens", { f, c in
            (try f.store.offices.apiTokens(by: Caller(role: .officeAdmin, officeID: c.officeID, userName: "admin")).map(\.id), try tokenB(f))
        }),
        ("DocumentStore.documents", { f, c in
            let b = try documentB(f)
            return (try f.store.documents.documents(matching: nil, by: c).map(\.id) + f.store.documents.documents(matching: "plan", by: c).map(\.id), b.id)
        }),
        ("CampaignStore.list", { f, c in (try f.store.campaigns.list(by: c).map(\.id), try campaignB(f).id) }),
        ("CampaignStore.contacts", { f, c in (try f.store.campaigns.contacts(in: Campaign.Segment(), by: c).map(\.id), f.contactB.id) }),
        ("UserStore.all", { f, c in (try f.store.users.all(by: c).map(\.id), f.userB.id) }),
        // Agents do not see account changes: asked as the admin of the caller's office.
        ("UserStore.events", { f, c in
            (try f.store.users.events(by: Caller(role: .officeAdmin, officeID: c.officeID, userName: "admin")).map(\.userID), f.userB.id)
        }),
        // Office A has no request of its own: any count is B's leaking.
        ("StatisticsStore.statistics", { f, c in (try f.store.statistics.statistics(from: nil, to: nil, by: c).requests > 0 ? [f.requestB.id] : [], f.requestB.id) }),
    ]

    /// Calls that are not about another office's objects, and why.
    static let unscoped: [String: String] = [
        "OfficeStore.add": "regional admin only (tested below)", "ContactStore.add": "creates for the caller's office (co-ownership tested)",
        "UserStore.add": "roles tested in UserTests", "UserStore.authenticate": "by email and password, before any office is known",
        "OutboxStore.markInterrupted": "start-up recovery of the whole outbox",
        "OutboxStore.officesWithPendingMail": "office ids only, for the delivery worker",
        "RetentionStore.policy": "the caller's own office's", "RetentionStore.setPolicy": "the caller's own office's (RetentionTests)",
        "RetentionStore.purgeMessages": "the caller's own office's messages (RetentionTests)",
        "RegisterStore.register": "the caller's own office's (RegisterTests)", "RegisterStore.save": "the caller's own office's (RegisterTests)",
        "RegisterStore.updates": "regional admin only: office ids and dates (RegisterTests)",
        "OfficeStore.sender": "the caller's own office's", "OfficeStore.setSender": "the caller's own office's (ReplyWorkflowTests)",
        "OfficeStore.update": "regional admin only (OfficeSettingsTests)",
        "OfficeStore.receptionPoints": "the caller's own office's", "OfficeStore.setReceptionPoints": "the caller's own office's (CounterFieldsTests)",
        "AuditStore.record": "appends to the caller's own office's log (the regional admin's: the office acted on, UserAccounts)",
        "OutboxStore.pacedBatches": "office and campaign ids only, for the paced worker",
        "ThemeStore.themes": "the regional list, the same for all", "ThemeStore.addSubTheme": "regional admin only (ListTests)",
        "OfficeStore.replyTemplate": "the caller's own office only (ListTests)", "OfficeStore.setReplyTemplate": "the caller's own office only (ListTests)",
        "ThemeStore.criteria": "the caller's own office only (ListTests)",
        "BasketStore.draft": "the caller's own (DeskTests)", "SavedSearchStore.list": "the caller's own and the office's shared (DeskTests)",
        "SavedSearchStore.save": "for the caller's office", "OfficeStore.branding": "the caller's own office", "OfficeStore.setBranding": "the caller's own office",
        "OfficeStore.createAPIToken": "for the caller's office",
        "DocumentStore.add": "for the caller's office, by its admin (OfficeDocumentTests)",
        "WebFormStore.form": "the caller's own office's; by its public key before anyone is known (WebFormTests)",
        "WebFormStore.setOrigins": "the caller's own office's, by its admin (WebFormTests)",
        "ApidaeContactStore.links": "the caller's own office's links (ProfessionalContactSyncTests: another office sees none)",
        "ApidaeContactStore.markLeft": "the caller's own office's links, by entity id",
        "UserStore.invite": "roles and offices as UserStore.add (AccountTests)", "UserStore.invitation": "by its secret token, before anyone signs in",
        "UserStore.acceptInvitation": "by its secret token, before anyone signs in", "UserStore.changePassword": "the caller's own account",
        "SessionStore.open": "a session of the user who just signed in", "SessionStore.session": "by the hash of the session's secret cookie",
        "SessionStore.touch": "by the hash of the session's secret cookie", "SessionStore.close": "by the hash of the session's secret cookie",
        "AttemptStore.take": "sign-in and form attempts by hashed key (account, address, form): no office's data",
        "AttemptStore.forget": "sign-in attempts by hashed key",
        "SessionStore.closeAll": "the caller's own sessions, or a disabled user's", "SessionStore.purge": "expired sessions of everyone", "OfficeStore.caller": "by token, before any office is known", "ThemeStore.setCriterion": "the caller's own office only (ListTests)",
    ]

    @Test(arguments: Engine.available, ["agent", "office-admin"])
    func officeACannotReadOrChangeAnythingOfOfficeB(engine: Engine, _ role: String) throws {
        let f = try TwoOffices(engine)
        let caller = role == "agent" ? f.agentA : f.adminA
        for (call, run) in Self.matrix {
            do {
                _ = try run(f, caller)
                Issue.record("\(call) let office A through")
            } catch let error as CRMError {
                guard case .notFound = error else { Issue.record("\(call): \(error) is not notFound"); continue }
            }
        }
        for (call, run) in Self.listings {
            let (ids, foreign) = try run(f, caller)
            #expect(!ids.contains(foreign), "\(call) showed B's objects")
            // The same listing as B shows B's object: the check above can fail.
            #expect(try run(f, f.agentB).ids.contains(foreign), "\(call): B's own listing lacks B's object")
        }
        // The same idempotency key in another office is another message.
        let own = try f.store.outbox.enqueue(OutboxEntry(idempotencyKey: "reply-b-1", recipient: "x@example.org", subject: "s", text: "t"), by: caller)
        #expect(own.id != f.messageB.id && own.officeID == f.a.id)
        // Nothing of B changed.
        #expect(try f.store.contacts.contact(id: f.contactB.id, by: f.agentB).notes == nil)
        #expect(try f.store.requests.request(id: f.requestB.id, by: f.agentB).status == .open)
        #expect(try f.store.baskets.basket(id: f.basketB.id, by: f.agentB).recordIDs == [100022, 100232])
        #expect(try f.store.outbox.entry(id: f.messageB.id, by: f.agentB).state == .written)
        #expect(try f.store.contacts.contact(id: f.contactB.id, by: f.agentB).email == "marie.dupont@example.org")
    }

    @Test(arguments: Engine.available) func regionalAdminSeesOfficesButNoContactsRequestsOrBaskets(engine: Engine) throws {
        let f = try TwoOffices(engine)
        #expect(try f.store.offices.all(by: .regionalAdmin).count == 2)
        // The regional admin sees offices and manages their users (disabling one, resetting a password), nothing else.
        for (call, run) in Self.matrix where !["OfficeStore.office", "UserStore.setDisabled", "UserStore.resetPassword"].contains(call) {
            #expect(throws: CRMError.self, "\(call)") { _ = try run(f, .regionalAdmin) }
        }
        #expect(throws: CRMError.self) { try f.store.offices.add(name: "X", tier: .start, brochureAddOn: false, apidaeMember: nil, by: f.adminA) }
    }

    @Test func everyStorageCallIsInTheMatrix() throws {
        // setup: every `func` of every store protocol, as "ContactStore.merge".
        let folder = TestData.repository.appendingPathComponent("Sources/CRM/Store")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("Store.swift") }
        var declared: Set<String> = []
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let store = String(file.dropLast(".swift".count))
            for line in source.split(separator: "\n") {
                guard let range = line.range(of: "func ") else { continue }
                declared.insert(store + "." + String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber }))
            }
        }
        // validation
        #expect(files.count == 18 && declared.count > 50, "the store protocols were not read: \(files)")
        let covered = Set((Self.matrix.map(\.call) + Self.listings.map(\.call)).map { String($0.prefix { $0 != " " }) })
            .union(Self.unscoped.keys)
        #expect(declared.subtracting(covered).isEmpty, "storage calls missing from the isolation matrix: \(declared.subtracting(covered).sorted())")
    }

    @Test(arguments: Engine.available) func contactIsCoOwnedByEveryOfficeItContacted(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let third = try f.store.offices.add(name: "Grenoble Alpes Tourisme", tier: .premium, brochureAddOn: false, apidaeMember: 1004, by: .regionalAdmin)
        // MUT: office A records the same visitor (same email, other case).
        let seenByA = try f.store.contacts.add(Contact(firstName: "Marie", lastName: "Dupont", email: "Marie.Dupont@example.org"), by: f.agentA)
        // validation
        // One person, under each office's own reference (B's would tell A that B knew her first).
        #expect(seenByA.id != f.contactB.id)
        #expect(try f.store.contacts.contact(id: seenByA.id, by: f.agentA).lastName == "Dupont")
        #expect(try f.store.contacts.search(nil, by: f.agentA).map(\.id) == [seenByA.id])
        #expect(throws: CRMError.notFound("contact \(f.contactB.id)")) { try f.store.contacts.contact(id: f.contactB.id, by: f.agentA) }
        #expect(throws: CRMError.notFound("contact \(f.contactB.id)")) { try f.store.contacts.contact(id: f.contactB.id, by: .agent(of: third.id)) }
        // Each office still sees only its own requests about the shared contact.
        #expect(try f.store.requests.list(contactID: seenByA.id, by: f.agentA).isEmpty)
        #expect(try f.store.requests.list(contactID: f.contactB.id, by: f.agentB).map(\.id) == [f.requestB.id])
    }
}
