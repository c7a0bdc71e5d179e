import CRM
import Consent
import Foundation
import GuichetTestSupport
import Mail
import Testing

@Suite("The send gate: no marketing without the consent it needs")
struct ConsentGateTests {
    /// A deterministic generator (SplitMix64), so a failing sequence can be replayed from its seed.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D4_9BB1_3311_EB8B
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// Messages that reached the mail server.
    final class Inbox: MailTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var received: [MailMessage] = []
        func send(_ message: MailMessage) throws(MailError) { lock.withLock { received.append(message) } }
        var messages: [MailMessage] { lock.withLock { received } }
    }

    @Test(arguments: Engine.available, [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomHistoriesNeverLetAMarketingMessageThroughWithoutItsConsent(engine: Engine, seed: UInt64) throws {
        // setup: an office, 12 people (a third professionals), a consent store and the gate in the outbox.
        let d = try ConsentDatabase(engine)
        let crm = d.crm
        let office = try crm.offices.add(name: "Office", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        let agent = Caller.agent(of: office.id, name: "Léa")
        let consent = d.consent
        let keys = try ConsentKeys(secret: try consent.storedSecret())
        let people = (0..<12).map { "person\($0)@example.org" }
        let professionals = Set(people.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        let gate = ConsentGate(store: consent, keys: keys, isProfessional: { professionals.contains($0.recipient) })
        let inbox = Inbox()
        let delivery = OutboxDelivery(store: crm.outbox, transport: inbox, from: try MailAddress("ot@example.org"), policy: gate)
        var random = Seeded(state: seed)
        var clock = Date(timeIntervalSince1970: 1_700_000_000)
        // The test's own account of what happened, to judge each send by what was known at that moment.
        var history: [String: [(purpose: Purpose, channel: Channel, kind: ConsentEvent.Kind)]] = [:]
        var suppressed: Set<String> = []
        var expected: [String: Bool] = [:]
        // MUT: 300 steps of consent events and sends, interleaved.
        for step in 0..<300 {
            clock.addTimeInterval(60)
            let person = people[random.next(people.count)]
            let purpose: Purpose = random.next(2) == 0 ? .own : .partners
            if random.next(3) > 0 {
                let kind = ConsentEvent.Kind.allCases[random.next(ConsentEvent.Kind.allCases.count)]
                let channel: Channel = random.next(4) == 0 ? .sms : .email
                try consent.record([ConsentEvent(officeID: office.id, subject: keys.subject(email: person), purpose: purpose, channel: channel,
                                                 kind: kind, mode: .counter, at: clock)], spending: nil)
                history[person, default: []].append((purpose, channel, kind))
                if kind == .objected, random.next(4) == 0 {
                    try consent.suppress([keys.subject(email: person)], officeID: office.id)
                    suppressed.insert(person)
                }
            } else {
                let kinds: [OutboxEntry.Purpose] = [.serviceReply, .marketing, .partnerMarketing]
                let what = kinds[random.next(3)]
                let key = "step-\(step)"
                expected[key] = Self.allowed(what, history[person] ?? [], suppressed: suppressed.contains(person),
                                             professional: professionals.contains(person))
                let entry = try crm.outbox.enqueue(OutboxEntry(idempotencyKey: key, recipient: person, subject: "s", text: "t", purpose: what), by: agent)
                _ = try delivery.deliver(outboxID: entry.id, by: agent)
            }
        }
        // validation: exactly the messages allowed when they were sent reached the mail server.
        let entries = try crm.outbox.list(requestID: nil, by: agent)
        let arrived = Set(inbox.messages.map(\.idempotencyKey))
        var checked = 0
        for entry in entries {
            let allowed = try #require(expected[entry.idempotencyKey])
            #expect(arrived.contains(entry.idempotencyKey) == allowed,
                    "seed \(seed) \(entry.idempotencyKey) \(entry.purpose) to \(entry.recipient): \(entry.lastError ?? "sent")")
            #expect(entry.state == (allowed ? .sent : .withheld))
            if entry.purpose != .serviceReply { checked += 1 }
        }
        #expect(checked > 30, "too few marketing sends to prove anything")
        #expect(inbox.messages.count > 5, "the gate let nothing through: nothing is proven either")
    }

    /// The rule, written independently of the module: the answer to one's request always goes; then
    /// nothing to a suppressed person; the latest event for the purpose by email (or a later
    /// objection) decides; a professional needs no prior consent but any refusal stops it.
    static func allowed(_ purpose: OutboxEntry.Purpose, _ events: [(purpose: Purpose, channel: Channel, kind: ConsentEvent.Kind)],
                        suppressed: Bool, professional: Bool) -> Bool {
        guard purpose != .serviceReply else { return true }
        guard !suppressed else { return false }
        let wanted: Purpose = purpose == .marketing ? .own : .partners
        let last = events.last { ($0.purpose == wanted && $0.channel == .email) || $0.kind == .objected }?.kind
        switch last {
        case .confirmed: return true
        case .objected, .refused, .withdrawn: return false
        case .asked, .expired, nil: return professional
        }
    }

    @Test(arguments: Engine.available) func aWithdrawalBetweenWritingAndSendingWins(engine: Engine) throws {
        let d = try ConsentDatabase(engine)
        let crm = d.crm
        let office = try crm.offices.add(name: "Office", tier: .premium, brochureAddOn: false, apidaeMember: nil, by: .regionalAdmin)
        let agent = Caller.agent(of: office.id)
        let consent = d.consent
        let keys = try ConsentKeys(secret: try consent.storedSecret())
        let subject = keys.subject(email: "marie@example.org")
        try consent.record([ConsentEvent(officeID: office.id, subject: subject, purpose: .own, channel: .email, kind: .confirmed, mode: .counter)],
                           spending: nil)
        let gate = ConsentGate(store: consent, keys: keys, isProfessional: { _ in false })
        let entry = try crm.outbox.enqueue(OutboxEntry(idempotencyKey: "news-1", recipient: "Marie@Example.org", subject: "Lettre", text: "…",
                                                       purpose: .marketing), by: agent)
        #expect(gate.refusal(for: entry) == nil)  // allowed when written
        try consent.record([ConsentEvent(officeID: office.id, subject: subject, purpose: .own, channel: .email, kind: .withdrawn, mode: .email)],
                           spending: nil)
        let inbox = Inbox()
        let state = try OutboxDelivery(store: crm.outbox, transport: inbox, from: try MailAddress("ot@example.org"), policy: gate)
            .deliver(outboxID: entry.id, by: agent)
        #expect(state == .withheld && inbox.messages.isEmpty)
        #expect(try crm.outbox.entry(id: entry.id, by: agent).lastError?.contains("withdrew") == true)
    }
}
