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
        /// The texts the person agrees to, one per purpose.
        public var wordings: [String]
        public var partners: [String]
        /// How the person agreed to be reached.
        public var channels: [Channel]
    }

    /// What the link asks, without acting on it (nothing is written).
    public func question(token text: String) throws -> Question {
        let token = try desk.token(text, for: .confirm)
        let office = try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin)
        return Question(office: office.name, wordings: try token.purposes.map { try desk.displayedWording($0, office: office) },
                        partners: token.purposes.contains(.partners) ? try desk.partnerNames(officeID: office.id) : [],
                        channels: try askedChannels(token).flatMap(\.value).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
    }

    /// For each purpose of the link, the channels asked and waiting for this confirmation (the
    /// link's own channel when none waits).
    func askedChannels(_ token: ConsentToken) throws -> [Purpose: [Channel]] {
        let events = try desk.store.events(officeID: token.officeID, subject: token.subject)
        var asked: [Purpose: [Channel]] = [:]
        for purpose in token.purposes {
            let waiting = Channel.allCases.filter { ConsentState.derive(events, purpose: purpose, channel: $0) == .pending }
            asked[purpose] = waiting.isEmpty ? [token.channel] : waiting
        }
        return asked
    }

    /// Records the confirmation of every purpose (and channel asked) the link names; the link is then spent.
    public func confirm(token text: String, ipAddress: String?, userAgent: String?) throws {
        let token = try desk.token(text, for: .confirm)
        let office = try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin)
        let now = Date()
        let asked = try askedChannels(token)
        let events = try token.purposes.flatMap { purpose -> [ConsentEvent] in
            let wording = try desk.wording(purpose, office: office)
            return (asked[purpose] ?? [token.channel]).map {
                ConsentEvent(officeID: office.id, subject: token.subject, purpose: purpose, channel: $0, kind: .confirmed,
                             mode: .email, ipAddress: ipAddress, userAgent: userAgent.map { String($0.prefix(300)) },
                             wordingVersion: wording.version, wordingHash: wording.hash, at: now)
            }
        }
        guard try desk.store.record(events, spending: token.nonce) else { throw ConsentError.usedToken }
        try desk.touch(token, at: now)
    }
}
