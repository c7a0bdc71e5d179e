import CRM
import Foundation
import Storage
import GuichetTestSupport

/// A CRM with two offices, each with an admin, an agent, a contact, a request, a basket and a
/// message in the outbox.
struct TwoOffices {
    let t: TemporaryStore
    let database: TestDatabase
    let store: SQLCRM
    let a: Office, b: Office
    let agentA: Caller, agentB: Caller, adminA: Caller
    let contactB: Contact, requestB: InformationRequest, basketB: Basket, messageB: OutboxEntry, searchB: SavedSearch, userB: User

    init(_ engine: Engine = .sqlite) throws {
        t = try TemporaryStore()
        database = try TestDatabase(engine)
        store = SQLCRM(owner: try database.open(SQLCRM.migrations))
        a = try store.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        b = try store.offices.add(name: "Office de Tourisme Grand Chambéry", tier: .start, brochureAddOn: true, apidaeMember: 1002, by: .regionalAdmin)
        agentA = .agent(of: a.id, name: "Léa")
        agentB = .agent(of: b.id, name: "Hugo")
        adminA = Caller(role: .officeAdmin, officeID: a.id, userName: "Admin A")
        contactB = try store.contacts.add(Contact(civility: "Mme", firstName: "Marie", lastName: "Dupont", email: "marie.dupont@example.org",
                                                postalCode: "69003", country: "FR"), by: agentB)
        requestB = try store.requests.add(InformationRequest(contactID: contactB.id, contactMode: .email, responseMode: .email,
                                                           subject: "Randonnées en août", party: .init(size: 4, kind: .family),
                                                           originDepartment: "69", originCountry: "FR", themes: ["patrimoine/naturel"]), by: agentB)
        basketB = try store.baskets.save(Basket(requestID: requestB.id, recordIDs: [100022, 100232]), by: agentB)
        messageB = try store.outbox.enqueue(OutboxEntry(requestID: requestB.id, idempotencyKey: "reply-b-1", recipient: "marie.dupont@example.org",
                                                 subject: "Votre demande", text: "Bonjour"), by: agentB)
        userB = try store.users.add(email: "hugo@chambery.example", name: "Hugo", role: .agent, officeID: b.id, password: "long enough pw",
                                    by: .regionalAdmin)
        searchB = try store.savedSearches.save(SavedSearch(name: "Campings du lac", query: "q=camping", shared: true), by: agentB)
    }

    /// The CRM as the next start of the process opens it (an owner of its own on the same database).
    func reopened() throws -> SQLCRM {
        SQLCRM(owner: try database.open(SQLCRM.migrations))
    }
}

/// Counts sends; fails on demand.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [MailMessage] = []
    var failure: MailError?

    init(failure: MailError? = nil) { self.failure = failure }

    func send(_ message: MailMessage) throws(MailError) {
        if let failure { throw failure }
        lock.lock()
        sent.append(message)
        lock.unlock()
    }

    var messages: [MailMessage] {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }
}

import Mail
