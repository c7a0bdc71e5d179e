import Consent
import Foundation
import Storage
import GuichetTestSupport
import Testing

@Suite("Consent records: append-only events, versioned wordings, derived state")
struct ConsentRecordTests {
    @Test(arguments: Engine.available) func eventsCanNeitherBeChangedNorDeleted(engine: Engine) throws {
        let d = try ConsentDatabase(engine)
        let store = d.consent
        try store.record([ConsentEvent(officeID: 1, subject: "s", purpose: .own, channel: .email, kind: .confirmed, mode: .counter)], spending: nil)
        #expect(throws: StorageError.self) { try d.owner.write { try $0.execute("UPDATE consent_event SET kind = 'withdrawn'") } }
        #expect(throws: StorageError.self) { try d.owner.write { try $0.execute("DELETE FROM consent_event") } }
        #expect(try store.events(officeID: 1, subject: "s").map(\.kind) == [.confirmed])
    }

    @Test(arguments: Engine.available) func changingAWordingMakesANewVersionWithItsHash(engine: Engine) throws {
        let d = try ConsentDatabase(engine)
        let store = d.consent
        let first = try store.setWording(officeID: 1, purpose: .own, text: "J'accepte de recevoir les actualités de l'office.")
        let same = try store.setWording(officeID: 1, purpose: .own, text: "J'accepte de recevoir les actualités de l'office.")
        let second = try store.setWording(officeID: 1, purpose: .own, text: "J'accepte de recevoir la lettre de l'office, une fois par mois.")
        #expect(first.version == 1 && same.version == 1 && second.version == 2 && first.hash != second.hash && first.hash.count == 64)
        #expect(try store.wording(officeID: 1, purpose: .own) == second)
        #expect(try store.wording(officeID: 1, purpose: .partners) == nil)
        #expect(throws: ConsentError.self) { try store.setWording(officeID: 1, purpose: .own, text: "  ") }
    }

    @Test func theLatestEventDecidesAndAnObjectionCoversEverything() {
        let t0 = Date(timeIntervalSince1970: 1_000)
        func event(_ kind: ConsentEvent.Kind, _ purpose: Purpose = .own, _ channel: Channel = .email, at seconds: Double) -> ConsentEvent {
            ConsentEvent(officeID: 1, subject: "s", purpose: purpose, channel: channel, kind: kind, mode: .counter, at: t0.addingTimeInterval(seconds))
        }
        #expect(ConsentState.derive([], purpose: .own, channel: .email) == .none)
        #expect(ConsentState.derive([event(.asked, at: 0)], purpose: .own, channel: .email) == .pending)
        #expect(ConsentState.derive([event(.confirmed, at: 1), event(.asked, at: 0)], purpose: .own, channel: .email) == .confirmed)
        #expect(ConsentState.derive([event(.confirmed, at: 0), event(.withdrawn, at: 1)], purpose: .own, channel: .email) == .withdrawn)
        // Per purpose and channel.
        #expect(ConsentState.derive([event(.confirmed, .partners, at: 0)], purpose: .own, channel: .email) == .none)
        #expect(ConsentState.derive([event(.confirmed, .own, .sms, at: 0)], purpose: .own, channel: .email) == .none)
        // An objection, whatever purpose it was recorded on, stops every purpose and channel until a later confirmation.
        let objected = [event(.confirmed, .partners, .sms, at: 0), event(.objected, at: 1)]
        #expect(ConsentState.derive(objected, purpose: .partners, channel: .sms) == .objected)
        #expect(ConsentState.derive(objected + [event(.confirmed, .partners, .sms, at: 2)], purpose: .partners, channel: .sms) == .confirmed)
    }

    @Test(arguments: Engine.available) func asksLeftUnansweredPastTheirTimeAreFoundOnce(engine: Engine) throws {
        let d = try ConsentDatabase(engine)
        let store = d.consent
        let old = Date(timeIntervalSinceNow: -40 * 86400), recent = Date(timeIntervalSinceNow: -86400)
        func event(_ subject: String, _ kind: ConsentEvent.Kind, _ purpose: Purpose = .own, at: Date) -> ConsentEvent {
            ConsentEvent(officeID: 1, subject: subject, purpose: purpose, channel: .email, kind: kind, mode: .fair, at: at)
        }
        try store.record([event("stale", .asked, at: old), event("answered", .asked, at: old), event("answered", .confirmed, at: recent),
                          event("fresh", .asked, at: recent), event("other-purpose", .asked, at: old),
                          event("other-purpose", .confirmed, .partners, at: recent)], spending: nil)
        let stale = try store.unansweredAsks(before: Date(timeIntervalSinceNow: -30 * 86400))
        #expect(stale.map(\.subject).sorted() == ["other-purpose", "stale"])
    }

    @Test(arguments: Engine.available) func suppressionIsPerOffice(engine: Engine) throws {
        let d = try ConsentDatabase(engine)
        let store = d.consent
        try store.suppress(["key"], officeID: 1)
        #expect(try store.isSuppressed("key", officeID: 1) && !store.isSuppressed("key", officeID: 2))
    }
}
