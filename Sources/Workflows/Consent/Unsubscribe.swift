import CRM
import Consent
import Foundation

/// "Unsubscribe from all lists" in one click: every purpose and channel of the office withdrawn
/// (a professional who was never asked too: they received messages without prior consent),
/// from the page a link opens or from a mail client's one-click POST (RFC 8058). Following it
/// again changes nothing more.
public struct Unsubscribe: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// The office's name, for the page.
    public func office(token text: String) throws -> String {
        let token = try desk.token(text, for: .unsubscribe)
        return try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin).name
    }

    public func run(token text: String, ipAddress: String?, userAgent: String?) throws {
        let token = try desk.token(text, for: .unsubscribe)
        let now = Date()
        let current = try desk.store.events(officeID: token.officeID, subject: token.subject)
        var events: [ConsentEvent] = []
        for purpose in Purpose.allCases {
            for channel in Channel.allCases where ![.withdrawn, .refused].contains(ConsentState.derive(current, purpose: purpose, channel: channel)) {
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
        let token = try desk.token(text, for: .unsubscribe)
        try desk.recordObjection(officeID: token.officeID, subject: token.subject, mode: .email, context: "opposition",
                                 ipAddress: ipAddress, userAgent: userAgent)
    }
}
