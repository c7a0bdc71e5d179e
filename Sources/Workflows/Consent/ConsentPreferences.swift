import CRM
import Consent
import Foundation

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
        try desk.touch(token, at: now)
        return events.count
    }

    /// A pair's name in the page's form: "own.email".
    public static func key(_ purpose: Purpose, _ channel: Channel) -> String { purpose.rawValue + "." + channel.rawValue }

    private func verified(_ text: String) throws -> ConsentToken {
        let token = try desk.token(text, for: .preferences)
        // A person who objected is on the suppression list: their preferences cannot turn anything back on here.
        if try desk.store.isSuppressed(token.subject, officeID: token.officeID) { throw ConsentError.usedToken }
        return token
    }
}
