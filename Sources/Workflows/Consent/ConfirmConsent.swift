import CRM
import Consent
import Foundation

/// The public page a confirmation link opens: what the person is asked to agree to, then — only
/// when they press the button (a POST: mail scanners that follow links must not confirm) — the
/// consent, recorded with the time, their IP address and user agent. A forged, altered, expired
/// or already used link changes nothing.
public struct ConfirmConsent: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Question: Sendable {
        public var office: String
        public var wordings: [Wording]
        public var partners: [String]
    }

    /// What the link asks, without acting on it.
    public func question(token text: String) throws -> Question {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .confirm else { throw ConsentError.tamperedToken }
        let office = try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin)
        return Question(office: office.name, wordings: try token.purposes.map { try desk.wording($0, office: office) },
                        partners: token.purposes.contains(.partners) ? try desk.store.partners(officeID: office.id) : [])
    }

    /// Records the confirmation of every purpose the link names; the link is then spent.
    public func confirm(token text: String, ipAddress: String?, userAgent: String?) throws {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .confirm else { throw ConsentError.tamperedToken }
        let office = try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin)
        let now = Date()
        let events = try token.purposes.map { purpose -> ConsentEvent in
            let wording = try desk.wording(purpose, office: office)
            return ConsentEvent(officeID: office.id, subject: token.subject, purpose: purpose, channel: token.channel, kind: .confirmed,
                                mode: .email, ipAddress: ipAddress, userAgent: userAgent.map { String($0.prefix(300)) },
                                wordingVersion: wording.version, wordingHash: wording.hash, at: now)
        }
        guard try desk.store.record(events, spending: token.nonce) else { throw ConsentError.usedToken }
    }
}

/// "Unsubscribe from all lists" in one click: every purpose and channel of the office withdrawn,
/// from the page a link opens or from a mail client's one-click POST (RFC 8058). Following it
/// again changes nothing more.
public struct Unsubscribe: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// The office's name, for the page.
    public func office(token text: String) throws -> String {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .unsubscribe else { throw ConsentError.tamperedToken }
        return try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin).name
    }

    public func run(token text: String, ipAddress: String?, userAgent: String?) throws {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .unsubscribe else { throw ConsentError.tamperedToken }
        let now = Date()
        let current = try desk.store.events(officeID: token.officeID, subject: token.subject)
        var events: [ConsentEvent] = []
        for purpose in Purpose.allCases {
            for channel in Channel.allCases where ![.none, .withdrawn, .refused].contains(ConsentState.derive(current, purpose: purpose, channel: channel)) {
                events.append(ConsentEvent(officeID: token.officeID, subject: token.subject, purpose: purpose, channel: channel, kind: .withdrawn,
                                           mode: .email, context: "désinscription de toutes les listes", ipAddress: ipAddress,
                                           userAgent: userAgent.map { String($0.prefix(300)) }, at: now))
            }
        }
        if !events.isEmpty { try desk.store.record(events, spending: nil) }
    }

    /// "I want nothing more from this office": an objection (every purpose and channel) and the
    /// person's keyed hash on the office's suppression list, so that no later collection asks again.
    public func object(token text: String, ipAddress: String?, userAgent: String?) throws {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .unsubscribe else { throw ConsentError.tamperedToken }
        try desk.store.record([ConsentEvent(officeID: token.officeID, subject: token.subject, purpose: .own, channel: .email, kind: .objected,
                                            mode: .email, context: "opposition", ipAddress: ipAddress,
                                            userAgent: userAgent.map { String($0.prefix(300)) })], spending: nil)
        try desk.store.suppress([token.subject], officeID: token.officeID)
    }
}

/// Confirmation links never used in time: their "asked" become "expired" (still not a consent, and
/// now said so), checked periodically by the server.
public struct ExpireUnconfirmed: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// Returns how many asks expired.
    @discardableResult
    public func run(now: Date = Date()) throws -> Int {
        let stale = try desk.store.unansweredAsks(before: now.addingTimeInterval(-desk.confirmationLifetime))
        guard !stale.isEmpty else { return 0 }
        try desk.store.record(stale.map {
            ConsentEvent(officeID: $0.officeID, subject: $0.subject, purpose: $0.purpose, channel: $0.channel, kind: .expired, mode: $0.mode,
                         context: "lien de confirmation non utilisé à temps", at: now)
        }, spending: nil)
        return stale.count
    }
}

/// The person's own preferences with an office, from the signed link of any email: each purpose
/// and channel on or off. Turning one on from a link that reached their mailbox confirms it;
/// turning one off withdraws it. Each change is recorded with the time, IP address and browser.
public struct ConsentPreferences: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Choices: Sendable {
        public var office: String
        public var states: [(purpose: Purpose, channel: Channel, state: ConsentState)]
    }

    public func choices(token text: String) throws -> Choices {
        let token = try verified(text)
        let events = try desk.store.events(officeID: token.officeID, subject: token.subject)
        return Choices(office: try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin).name,
                       states: Purpose.allCases.flatMap { p in Channel.allCases.map { (p, $0, ConsentState.derive(events, purpose: p, channel: $0)) } })
    }

    /// Saves the pairs the person left on (`on`), every other one off; returns how many changed.
    @discardableResult
    public func save(token text: String, on: Set<String>, ipAddress: String?, userAgent: String?) throws -> Int {
        let token = try verified(text)
        let office = try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin)
        let current = try desk.store.events(officeID: token.officeID, subject: token.subject)
        let now = Date()
        var events: [ConsentEvent] = []
        for purpose in Purpose.allCases {
            for channel in Channel.allCases {
                let state = ConsentState.derive(current, purpose: purpose, channel: channel)
                let wanted = on.contains(Self.key(purpose, channel))
                let kind: ConsentEvent.Kind? = wanted ? (state == .confirmed ? nil : .confirmed) : ([.confirmed, .pending].contains(state) ? .withdrawn : nil)
                guard let kind else { continue }
                let wording = kind == .confirmed ? try desk.wording(purpose, office: office) : nil
                events.append(ConsentEvent(officeID: office.id, subject: token.subject, purpose: purpose, channel: channel, kind: kind, mode: .email,
                                           context: "préférences", ipAddress: ipAddress, userAgent: userAgent.map { String($0.prefix(300)) },
                                           wordingVersion: wording?.version, wordingHash: wording?.hash, at: now))
            }
        }
        if !events.isEmpty { try desk.store.record(events, spending: nil) }
        return events.count
    }

    /// A pair's name in the page's form: "own.email".
    public static func key(_ purpose: Purpose, _ channel: Channel) -> String { purpose.rawValue + "." + channel.rawValue }

    private func verified(_ text: String) throws -> ConsentToken {
        let token = try ConsentToken.verified(text, with: desk.keys)
        guard token.action == .preferences else { throw ConsentError.tamperedToken }
        // A person who objected is on the suppression list: their preferences cannot turn anything back on here.
        if try desk.store.isSuppressed(token.subject, officeID: token.officeID) { throw ConsentError.usedToken }
        return token
    }
}
