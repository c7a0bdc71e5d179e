import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("Office isolation in the CRM storage")
struct TenantIsolationTests {
    /// Every call of `CRMStore` made by office A's agent and admin on office B's objects. A new
    /// storage call must be added here: `everyStorageCallIsInTheMatrix` reads the protocol's source.
    static let matrix: [(call: String, run: @Sendable (TwoOffices, Caller) throws -> Any)] = [
        ("office", { f, c in try f.store.office(id: f.b.id, by: c) }),
        ("contact", { f, c in try f.store.contact(id: f.contactB.id, by: c) }),
        ("updateContact", { f, c in var x = f.contactB; x.notes = "changed by A"; try f.store.updateContact(x, by: c); return () }),
        ("duplicates", { f, c in try f.store.duplicates(of: f.contactB.id, by: c) }),
        ("mergePreview", { f, c in
            let own = try f.store.addContact(Contact(firstName: "Marie", lastName: "Dupont", postalCode: "69003"), by: c)
            return try f.store.mergePreview(f.contactB.id, into: own.id, by: c)
        }),
        ("merge", { f, c in
            let own = try f.store.addContact(Contact(firstName: "Marie", lastName: "Dupont", postalCode: "69003"), by: c)
            return try f.store.merge(own.id, into: f.contactB.id, by: c)
        }),
        ("request", { f, c in try f.store.request(id: f.requestB.id, by: c) }),
        ("setStatus", { f, c in try f.store.setStatus(.closed, requestID: f.requestB.id, by: c) }),
        ("addRequest", { f, c in try f.store.addRequest(InformationRequest(contactID: f.contactB.id, contactMode: .counter), by: c) }),
        ("basket", { f, c in try f.store.basket(id: f.basketB.id, by: c) }),
        ("saveBasket", { f, c in var x = f.basketB; x.recordIDs = [1]; return try f.store.saveBasket(x, by: c) }),
        ("saveBasket (on B's request)", { f, c in try f.store.saveBasket(Basket(requestID: f.requestB.id), by: c) }),
        ("enqueue (on B's request)", { f, c in
            try f.store.enqueue(OutboxEntry(requestID: f.requestB.id, idempotencyKey: "a-\(UUID())", recipient: "x@example.org", subject: "s", text: "t"), by: c)
        }),
        ("deleteSavedSearch", { f, c in try f.store.deleteSavedSearch(id: f.searchB.id, by: c) }),
        ("outboxEntry", { f, c in try f.store.outboxEntry(id: f.messageB.id, by: c) }),
        ("claim", { f, c in try f.store.claim(outboxID: f.messageB.id, by: c) as Any }),
        ("settle", { f, c in try f.store.settle(outboxID: f.messageB.id, state: .sent, error: nil, by: c) }),
    ]

    /// Listing calls: A's answer never holds B's object of that kind (`foreign`).
    static let listings: [(call: String, run: @Sendable (TwoOffices, Caller) throws -> (ids: [Int64], foreign: Int64))] = [
        ("offices", { f, c in (try f.store.offices(by: c).map(\.id), f.b.id) }),
        ("contacts", { f, c in (try f.store.contacts(search: "dupont", by: c).map(\.id) + f.store.contacts(search: nil, by: c).map(\.id), f.contactB.id) }),
        ("requests", { f, c in (try f.store.requests(contactID: nil, by: c).map(\.id) + f.store.requests(contactID: f.contactB.id, by: c).map(\.id), f.requestB.id) }),
        ("baskets", { f, c in (try f.store.baskets(requestID: nil, by: c).map(\.id) + f.store.baskets(requestID: f.requestB.id, by: c).map(\.id), f.basketB.id) }),
        ("outbox", { f, c in (try f.store.outbox(requestID: nil, by: c).map(\.id) + f.store.outbox(requestID: f.requestB.id, by: c).map(\.id), f.messageB.id) }),
        ("pending", { f, c in (try f.store.pending(by: c).map(\.id), f.messageB.id) }),
        ("users", { f, c in (try f.store.users(by: c).compactMap(\.officeID), f.b.id) }),
        // Office A has no request of its own: any count is B's leaking.
        ("statistics", { f, c in (try f.store.statistics(from: nil, to: nil, by: c).requests > 0 ? [f.requestB.id] : [], f.requestB.id) }),
    ]

    /// Calls that are not about another office's objects, and why.
    static let unscoped: [String: String] = [
        "addOffice": "regional admin only (tested below)", "addContact": "creates for the caller's office (co-ownership tested)",
        "addUser": "roles tested in UserTests", "authenticate": "by email and password, before any office is known",
        "markInterrupted": "start-up recovery of the whole outbox",
        "officesWithPendingMail": "office ids only, for the delivery worker",
        "themes": "the regional list, the same for all", "addSubTheme": "regional admin only (ListTests)",
        "replyTemplate": "the caller's own office only (ListTests)", "setReplyTemplate": "the caller's own office only (ListTests)",
        "criteria": "the caller's own office only (ListTests)",
        "draftBasket": "the caller's own (DeskTests)", "savedSearches": "the caller's own and the office's shared (DeskTests)",
        "saveSearch": "for the caller's office", "branding": "the caller's own office", "setBranding": "the caller's own office",
        "createAPIToken": "for the caller's office", "caller": "by token, before any office is known", "setCriterion": "the caller's own office only (ListTests)",
    ]

    @Test(arguments: ["agent", "office-admin"])
    func officeACannotReadOrChangeAnythingOfOfficeB(_ role: String) throws {
        let f = try TwoOffices()
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
        }
        // The same idempotency key in another office is another message.
        let own = try f.store.enqueue(OutboxEntry(idempotencyKey: "reply-b-1", recipient: "x@example.org", subject: "s", text: "t"), by: caller)
        #expect(own.id != f.messageB.id && own.officeID == f.a.id)
        // Nothing of B changed.
        #expect(try f.store.contact(id: f.contactB.id, by: f.agentB).notes == nil)
        #expect(try f.store.request(id: f.requestB.id, by: f.agentB).status == .open)
        #expect(try f.store.basket(id: f.basketB.id, by: f.agentB).recordIDs == [100022, 100232])
        #expect(try f.store.outboxEntry(id: f.messageB.id, by: f.agentB).state == .written)
    }

    @Test func regionalAdminSeesOfficesButNoContactsRequestsOrBaskets() throws {
        let f = try TwoOffices()
        #expect(try f.store.offices(by: .regionalAdmin).count == 2)
        for (call, run) in Self.matrix where call != "office" {
            #expect(throws: CRMError.self, "\(call)") { _ = try run(f, .regionalAdmin) }
        }
        #expect(throws: CRMError.self) { try f.store.addOffice(name: "X", tier: .start, brochureAddOn: false, apidaeMember: nil, by: f.adminA) }
    }

    @Test func everyStorageCallIsInTheMatrix() throws {
        let source = try String(contentsOf: TestData.repository.appendingPathComponent("Sources/CRM/Store/CRMStore.swift"), encoding: .utf8)
        let declared = Set(source.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "func ") else { return nil }
            return String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber })
        })
        let covered = Set((Self.matrix.map(\.call) + Self.listings.map(\.call)).map { String($0.prefix { $0 != " " }) })
            .union(Self.unscoped.keys)
        #expect(declared.subtracting(covered).isEmpty, "storage calls missing from the isolation matrix: \(declared.subtracting(covered).sorted())")
    }

    @Test func contactIsCoOwnedByEveryOfficeItContacted() throws {
        let f = try TwoOffices()
        let third = try f.store.addOffice(name: "Grenoble Alpes Tourisme", tier: .premium, brochureAddOn: false, apidaeMember: 1004, by: .regionalAdmin)
        // MUT: office A records the same visitor (same email, other case).
        let seenByA = try f.store.addContact(Contact(firstName: "Marie", lastName: "Dupont", email: "Marie.Dupont@example.org"), by: f.agentA)
        // validation
        #expect(seenByA.id == f.contactB.id)
        #expect(try f.store.contact(id: f.contactB.id, by: f.agentA).lastName == "Dupont")
        #expect(try f.store.contacts(search: nil, by: f.agentA).map(\.id) == [f.contactB.id])
        #expect(throws: CRMError.notFound("contact \(f.contactB.id)")) { try f.store.contact(id: f.contactB.id, by: .agent(of: third.id)) }
        // Each office still sees only its own requests about the shared contact.
        #expect(try f.store.requests(contactID: f.contactB.id, by: f.agentA).isEmpty)
        #expect(try f.store.requests(contactID: f.contactB.id, by: f.agentB).map(\.id) == [f.requestB.id])
    }
}
