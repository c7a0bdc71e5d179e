import CRM
import Foundation
import GuichetTestSupport
import Mail
import Testing

@Suite("Outbox: written before sent, sent once")
struct OutboxTests {
    let from = try! MailAddress("accueil@ot-chambery.example")

    @Test(arguments: Engine.available) func sameIdempotencyKeyKeepsOneMessage(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let again = try f.store.outbox.enqueue(OutboxEntry(requestID: f.requestB.id, idempotencyKey: "reply-b-1", recipient: "other@example.org",
                                                    subject: "x", text: "y"), by: f.agentB)
        #expect(again.id == f.messageB.id && again.recipient == "marie.dupont@example.org")
        #expect(try f.store.outbox.list(requestID: f.requestB.id, by: f.agentB).count == 1)
    }

    @Test(arguments: Engine.available) func deliveredOnceThenSettledAsSent(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let transport = RecordingTransport()
        let delivery = OutboxDelivery(store: f.store.outbox, transport: transport, from: from)
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .sent)
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .sent)  // a retry of the call: nothing sent again
        #expect(try delivery.deliverPending(by: f.agentB) == 0)
        #expect(transport.messages.count == 1)
        let entry = try f.store.outbox.entry(id: f.messageB.id, by: f.agentB)
        #expect(entry.state == .sent && entry.attempts == 1 && entry.sentAt != nil)
    }

    @Test(arguments: Engine.available) func marketingSendsWaitForConsent(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let campaign = try f.store.outbox.enqueue(OutboxEntry(idempotencyKey: "campaign-1", recipient: "marie.dupont@example.org", subject: "Nouveautés",
                                                       text: "…", purpose: .marketing), by: f.agentB)
        let transport = RecordingTransport()
        #expect(try OutboxDelivery(store: f.store.outbox, transport: transport, from: from).deliver(outboxID: campaign.id, by: f.agentB) == .withheld)
        #expect(transport.messages.isEmpty)
        #expect(try f.store.outbox.entry(id: campaign.id, by: f.agentB).lastError?.contains("consent") == true)
    }

    @Test(arguments: Engine.available) func processStoppedWhileSendingNeverSendsTwice(engine: Engine) throws {
        // setup: a worker claimed the message, then the process died before recording the outcome.
        let f = try TwoOffices(engine)
        _ = try #require(try f.store.outbox.claim(outboxID: f.messageB.id, by: f.agentB))
        // MUT: the next start.
        let restarted = try f.reopened()
        let interrupted = try restarted.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(1))
        let transport = RecordingTransport()
        let sent = try OutboxDelivery(store: restarted.outbox, transport: transport, from: from).deliverPending(by: f.agentB)
        // validation
        #expect(interrupted == 1 && sent == 0 && transport.messages.isEmpty)
        let entry = try restarted.outbox.entry(id: f.messageB.id, by: f.agentB)
        #expect(entry.state == .interrupted && entry.lastError?.contains("stopped") == true)
        #expect(try restarted.outbox.claim(outboxID: f.messageB.id, by: f.agentB) == nil)
    }

    @Test(arguments: Engine.available) func aMailServerThatStaysDownIsTriedLessAndLessOftenThenTheMessageFails(engine: Engine) throws {
        // setup: a server that never takes the message, three tries at most.
        let f = try TwoOffices(engine)
        let down = RecordingTransport(failure: .unreachable("connection refused"))
        let delivery = OutboxDelivery(store: f.store.outbox, transport: down, from: from, backoff: RetryBackoff(maxAttempts: 3, first: 60))
        // MUT + validation: the first failure waits a minute; a look before then sends nothing.
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .retry)
        let first = try f.store.outbox.entry(id: f.messageB.id, by: f.agentB)
        let wait = try #require(first.nextAttemptAt).timeIntervalSinceNow
        #expect(wait > 50 && wait <= 60, "\(wait)")
        #expect(try f.store.outbox.pending(by: f.agentB).isEmpty && f.store.outbox.officesWithPendingMail().isEmpty)
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .retry)  // an explicit try still goes
        let second = try #require(try f.store.outbox.entry(id: f.messageB.id, by: f.agentB).nextAttemptAt).timeIntervalSinceNow
        #expect(second > 110 && second <= 120, "\(second)")
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .failed)
        let failed = try f.store.outbox.entry(id: f.messageB.id, by: f.agentB)
        #expect(failed.state == .failed && failed.attempts == 3 && failed.lastError?.contains("refused") == true)
        #expect(try delivery.deliver(outboxID: f.messageB.id, by: f.agentB) == .failed)  // never again on its own
        #expect(down.messages.isEmpty)
    }

    @Test(arguments: Engine.available) func anAgentSendsAnInterruptedMessageAgainByHand(engine: Engine) throws {
        // setup: the process died while sending.
        let f = try TwoOffices(engine)
        _ = try #require(try f.store.outbox.claim(outboxID: f.messageB.id, by: f.agentB))
        _ = try f.store.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(1))
        let transport = RecordingTransport()
        // MUT: refused for another office, and for a message that is fine; done for the interrupted one.
        #expect(throws: CRMError.notFound("message \(f.messageB.id)")) { try f.store.outbox.requeue(outboxID: f.messageB.id, by: f.agentA) }
        let requeued = try f.store.outbox.requeue(outboxID: f.messageB.id, by: f.agentB)
        let state = try OutboxDelivery(store: f.store.outbox, transport: transport, from: from).deliver(outboxID: f.messageB.id, by: f.agentB)
        // validation
        #expect(requeued.state == .written && requeued.lastError?.contains("Hugo") == true)
        #expect(state == .sent && transport.messages.count == 1)
        #expect(throws: CRMError.self) { try f.store.outbox.requeue(outboxID: f.messageB.id, by: f.agentB) }  // sent: nothing to redo
    }

    @Test(arguments: Engine.available) func theWorkerSendsWhatWaitsInEveryOffice(engine: Engine) throws {
        let f = try TwoOffices(engine)
        _ = try f.store.outbox.enqueue(OutboxEntry(idempotencyKey: "a-1", recipient: "visiteur@example.org", subject: "Réponse", text: "…"), by: f.agentA)
        let transport = RecordingTransport()
        #expect(try f.store.outbox.officesWithPendingMail() == [f.a.id, f.b.id])
        #expect(try OutboxDelivery(store: f.store.outbox, transport: transport, from: from).deliverAllPending() == 2)
        #expect(Set(transport.messages.map(\.idempotencyKey)) == ["a-1", "reply-b-1"])
        #expect(try f.store.outbox.officesWithPendingMail().isEmpty)
    }

    @Test(arguments: Engine.available) func writtenButNotClaimedIsSentAfterARestart(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let restarted = try f.reopened()
        #expect(try restarted.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(1)) == 0)
        let transport = RecordingTransport()
        #expect(try OutboxDelivery(store: restarted.outbox, transport: transport, from: from).deliverPending(by: f.agentB) == 1)
        #expect(transport.messages.map(\.idempotencyKey) == ["reply-b-1"])
    }

    @Test(.enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"), arguments: Engine.available)
    func refusedRecipientAndDeadServerAreRecordedAndNothingIsLost(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let server = try SMTPTestServer()
        let refused = try f.store.outbox.enqueue(OutboxEntry(requestID: f.requestB.id, idempotencyKey: "reply-b-2", recipient: "refuse-me@example.org",
                                                      subject: "Votre demande", text: "Bonjour"), by: f.agentB)
        let live = OutboxDelivery(store: f.store.outbox, transport: SMTPTransport(SMTPConfiguration(url: server.url, from: from, startTLS: .never)), from: from)
        // Tried again at once (no wait), to see it go when the server is back.
        let dead = OutboxDelivery(store: f.store.outbox, transport: SMTPTransport(SMTPConfiguration(url: "smtp://127.0.0.1:9", from: from, startTLS: .never)),
                                  from: from, backoff: RetryBackoff(first: 0))
        // MUT
        #expect(try dead.deliver(outboxID: f.messageB.id, by: f.agentB) == .retry)
        #expect(try live.deliver(outboxID: refused.id, by: f.agentB) == .refused)
        #expect(try live.deliverPending(by: f.agentB) == 1)  // the retry goes out once the server is back
        // validation
        let entries = Dictionary(uniqueKeysWithValues: try f.store.outbox.list(requestID: f.requestB.id, by: f.agentB).map { ($0.id, $0) })
        #expect(entries[f.messageB.id]?.state == .sent && entries[f.messageB.id]?.attempts == 2)
        #expect(entries[refused.id]?.state == .refused && entries[refused.id]?.lastError?.contains("550") == true)
        let received = try server.messages()
        #expect(received.count == 1 && received[0].to.contains("marie.dupont@example.org"))
    }
}

@Suite("Users and reply templates")
struct UserAndTemplateTests {
    @Test(arguments: Engine.available) func passwordsAreHashedAndCheckedWithBcrypt(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let user = try f.store.users.add(email: "Lea@OT-Annecy.example", name: "Léa", role: .agent, officeID: f.a.id,
                                       password: "correct horse battery", by: f.adminA)
        #expect(user.email == "lea@ot-annecy.example")
        let signedIn = try #require(try f.store.users.authenticate(email: "lea@ot-annecy.example", password: "correct horse battery"))
        #expect(signedIn.caller == Caller(role: .agent, officeID: f.a.id, userName: "Léa", userID: user.id))
        #expect(try f.store.users.authenticate(email: "lea@ot-annecy.example", password: "wrong password!") == nil)
        #expect(try f.store.users.authenticate(email: "nobody@example.org", password: "correct horse battery") == nil)
        let stored = try f.store.owner.read { db in
            try db.values("SELECT password_hash FROM crm_user ORDER BY id DESC", as: String.self)
        }.first ?? ""
        #expect(!stored.contains("correct horse battery"))
        #expect(stored.hasPrefix("$2") && stored.contains("$12$"), "\(stored)")
    }

    @Test(arguments: Engine.available) func rolesLimitWhoAddsWhom(engine: Engine) throws {
        let f = try TwoOffices(engine)
        #expect(throws: CRMError.self) {
            try f.store.users.add(email: "x@b.example", name: "X", role: .agent, officeID: f.b.id, password: "long enough pw", by: f.adminA)
        }
        #expect(throws: CRMError.self) {
            try f.store.users.add(email: "x@a.example", name: "X", role: .agent, officeID: f.a.id, password: "long enough pw", by: f.agentA)
        }
        #expect(throws: CRMError.invalid(field: "password", reason: "10 caractères au moins")) {
            try f.store.users.add(email: "x@a.example", name: "X", role: .agent, officeID: f.a.id, password: "short", by: f.adminA)
        }
        _ = try f.store.users.add(email: "admin@region.example", name: "Région", role: .regionalAdmin, officeID: nil, password: "long enough pw", by: .regionalAdmin)
        #expect(try f.store.users.all(by: .regionalAdmin).map(\.email).sorted() == ["admin@region.example", f.userB.email])
        #expect(try f.store.users.all(by: f.agentA).isEmpty)
    }

    @Test func replyTemplateFillsMergeFieldsAndRefusesUnknownOnes() throws {
        let contact = Contact(civility: "Mme", firstName: "Marie", lastName: "Dupont")
        let filled = ReplyComposer.frenchDefault.compose(contact: contact, recordNames: ["Château de Menthon", "Plage d'Albigny"],
                                                         office: "Office de Tourisme du Lac d'Annecy", agent: "Léa")
        #expect(filled.subject == "Votre demande d'information — Office de Tourisme du Lac d'Annecy")
        #expect(filled.body.hasPrefix("Bonjour Mme Dupont,"))
        #expect(filled.body.contains("– Château de Menthon\n– Plage d'Albigny"))
        let anonymous = ReplyComposer.frenchDefault.compose(contact: nil, recordNames: [], office: "OT", agent: "Léa")
        #expect(anonymous.body.hasPrefix("Bonjour,"))
        #expect(throws: CRMError.invalid(field: "body", reason: "champ de fusion inconnu {prenon} (connus : {civilite}, {prenom}, {nom}, {fiches}, {office}, {agent}, {signature})")) {
            try ReplyComposer(subject: "Bonjour", body: "Bonjour {prenon}")
        }
    }

    /// The template's own sign-off and the office's signature printed the signature twice.
    @Test func theReplyIsSignedOnce() throws {
        let signature = "L'équipe de l'Office de Tourisme du Lac d'Annecy\n04 50 45 00 33"
        // The default template: the signature in place of {signature}; without one, the agent and the office.
        let signed = ReplyComposer.frenchDefault.compose(contact: nil, recordNames: [], office: "OT du Lac", agent: "Léa", signature: signature)
        #expect(signed.body.hasSuffix("Bien cordialement,\n" + signature))
        #expect(signed.body.components(separatedBy: "04 50 45 00 33").count == 2)
        #expect(ReplyComposer.frenchDefault.compose(contact: nil, recordNames: [], office: "OT du Lac", agent: "Léa").body.hasSuffix("Bien cordialement,\nLéa\nOT du Lac"))
        // An older template without {signature} gets it under, unless it already signs with the office's name.
        let older = try ReplyComposer(subject: "S", body: "Bonjour,\n\nÀ bientôt.")
        #expect(older.compose(contact: nil, recordNames: [], office: "OT du Lac", agent: "Léa", signature: signature).body == "Bonjour,\n\nÀ bientôt.\n\n" + signature)
        let selfSigned = try ReplyComposer(subject: "S", body: "Bonjour,\n\nCordialement,\n{agent}\n{office}")
        #expect(selfSigned.compose(contact: nil, recordNames: [], office: "OT du Lac", agent: "Léa", signature: signature).body == "Bonjour,\n\nCordialement,\nLéa\nOT du Lac")
    }
}
