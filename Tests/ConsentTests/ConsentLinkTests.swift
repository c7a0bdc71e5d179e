import Consent
import Foundation
import GuichetTestSupport
import Testing

@Suite("Signed consent links")
struct ConsentLinkTests {
    static func setup(_ engine: Engine) throws -> (ConsentDatabase, SQLConsentStore, ConsentKeys) {
        let d = try ConsentDatabase(engine)
        let store = d.consent
        return (d, store, try ConsentKeys(secret: try store.storedSecret()))
    }

    @Test(arguments: Engine.available) func aSignedLinkConfirmsOnceAndOnlyOnce(engine: Engine) throws {
        // setup
        let (t, store, keys) = try Self.setup(engine)
        defer { withExtendedLifetime(t) {} }
        let subject = keys.subject(email: "Marie.Dupont@Example.org ")
        let token = ConsentToken(action: .confirm, officeID: 1, subject: subject, purposes: [.own], expires: Date().addingTimeInterval(3600), singleUse: true)
        let link = token.signed(with: keys)
        // MUT: the person confirms, then the same link is posted again.
        let read = try ConsentToken.verified(link, with: keys)
        let confirmation = ConsentEvent(officeID: 1, subject: read.subject, purpose: .own, channel: .email, kind: .confirmed, mode: .counter,
                                        ipAddress: "203.0.113.7", userAgent: "Firefox")
        let first = try store.record([confirmation], spending: read.nonce)
        let replay = try store.record([confirmation], spending: read.nonce)
        // validation
        #expect(read == token && first && !replay)
        #expect(try store.events(officeID: 1, subject: keys.subject(email: "marie.dupont@example.org")).count == 1)
    }

    @Test(arguments: Engine.available) func forgedTamperedAndExpiredLinksAreRefused(engine: Engine) throws {
        let (t, store, keys) = try Self.setup(engine)
        defer { withExtendedLifetime(t) {} }
        let token = ConsentToken(action: .confirm, officeID: 1, subject: keys.subject(email: "a@b.org"), purposes: [.own],
                                 expires: Date().addingTimeInterval(3600), singleUse: true)
        let link = token.signed(with: keys)
        // Another server's key.
        let other = try ConsentKeys(secret: Data(repeating: 7, count: 32))
        #expect(throws: ConsentError.tamperedToken) { try ConsentToken.verified(token.signed(with: other), with: keys) }
        // The payload changed (another office), the signature kept.
        var altered = token
        altered.officeID = 2
        let forged = String(altered.signed(with: other).split(separator: ".")[0]) + "." + String(link.split(separator: ".")[1])
        #expect(throws: ConsentError.tamperedToken) { try ConsentToken.verified(forged, with: keys) }
        for garbage in ["", ".", "abc", "abc.def", link + "x", String(link.dropLast(2))] {
            #expect(throws: ConsentError.tamperedToken, "\(garbage)") { try ConsentToken.verified(garbage, with: keys) }
        }
        // Out of date.
        let old = ConsentToken(action: .confirm, officeID: 1, subject: token.subject, expires: Date().addingTimeInterval(-1), singleUse: true)
        #expect(throws: ConsentError.expiredToken) { try ConsentToken.verified(old.signed(with: keys), with: keys) }
        #expect(try store.events(officeID: 1, subject: token.subject).isEmpty)
    }

    @Test(arguments: Engine.available) func theSecretIsGeneratedOnceAndKept(engine: Engine) throws {
        let (t, store, keys) = try Self.setup(engine)
        let again = try t.reopened()
        #expect(try again.storedSecret() == store.storedSecret())
        #expect(try ConsentKeys(secret: again.storedSecret()).subject(email: "x@y.org") == keys.subject(email: "x@y.org"))
        #expect(throws: ConsentError.self) { try ConsentKeys(secret: Data(repeating: 1, count: 8)) }
    }
}
