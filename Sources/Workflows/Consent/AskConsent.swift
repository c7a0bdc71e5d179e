import CRM
import Consent
import Foundation
import Mail

/// A box ticked at the counter, on the phone, at a fair or in a file does not make a consent: it
/// records "asked" and sends the person a confirmation email that says who collected the address,
/// where, when and why (naming the partners for the partners' box), with a signed link valid 30
/// days and once. The consent exists once the person confirms. A suppressed person (objected or
/// erased) is not asked again.
public struct AskConsent: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Outcome: Sendable {
        /// The confirmation email, nil when nothing was asked (no email, nothing ticked, suppressed).
        public var confirmation: OutboxEntry?
        public var suppressed: Bool
    }

    /// When the confirmation email leaves.
    public enum Delivery: Sendable, Hashable {
        /// Now, when a mail server is configured (a person at the counter).
        case now
        /// At the rate of a campaign (a re-opt-in) or of the office's imports (campaign nil).
        case paced(campaignID: Int64?)
    }

    /// - Parameter reOptIn: the person is already among the office's contacts and is asked whether
    ///   they want its messages (the email says so rather than "we noted your address").
    /// - Parameter channels: how the person agrees to be reached (e-mail unless said); the
    ///   confirmation always comes by e-mail and confirms them all.
    public func run(contactID: Int64, purposes: [Purpose], channels: [Channel] = [.email], mode: CollectionMode, context: String?,
                    delivery: Delivery = .now, reOptIn: Bool = false, by caller: Caller) throws -> Outcome {
        let purposes = Purpose.allCases.filter(purposes.contains)
        let channels = Channel.allCases.filter(channels.contains)
        let contact = try desk.crm.contacts.contact(id: contactID, by: caller)
        guard !purposes.isEmpty, !channels.isEmpty, let email = contact.email else { return Outcome(confirmation: nil, suppressed: false) }
        let subject = desk.keys.subject(email: email)
        let office = try desk.crm.offices.office(id: try caller.office(), by: caller)
        if try desk.store.isSuppressed(subject, officeID: office.id) { return Outcome(confirmation: nil, suppressed: true) }
        let wordings = try purposes.map { try desk.wording($0, office: office) }
        let now = Date()
        try desk.store.record(wordings.flatMap { wording in
            channels.map {
                ConsentEvent(officeID: office.id, subject: subject, purpose: wording.purpose, channel: $0, kind: .asked, mode: mode, context: context,
                             agent: caller.userName, wordingVersion: wording.version, wordingHash: wording.hash, at: now)
            }
        }, spending: nil)
        let token = ConsentToken(action: .confirm, officeID: office.id, subject: subject, purposes: purposes,
                                 expires: now.addingTimeInterval(desk.confirmationLifetime), singleUse: true, contact: contactID)
        let text = ConfirmationEmail(office: office.name, agent: caller.userName, mode: mode, context: context, at: now, wordings: wordings,
                                     channels: channels,
                                     partners: purposes.contains(.partners) ? try desk.partnerNames(officeID: office.id) : [],
                                     confirmLink: desk.link("confirm", token), unsubscribeLink: desk.unsubscribeLink(officeID: office.id, subject: subject, contact: contactID),
                                     preferencesLink: desk.preferencesLink(officeID: office.id, subject: subject, contact: contactID),
                                     days: Int(desk.confirmationLifetime / 86400), english: contact.language?.lowercased().hasPrefix("en") == true,
                                     reOptIn: reOptIn)
        var campaignID: Int64?
        if case let .paced(campaign) = delivery { campaignID = campaign }
        let entry = try desk.crm.outbox.enqueue(OutboxEntry(idempotencyKey: "consent-\(token.nonce)", recipient: email, subject: text.subject,
                                                            text: text.body, campaignID: campaignID, paced: delivery != .now), by: caller)
        guard let mail = desk.mail, delivery == .now else { return Outcome(confirmation: entry, suppressed: false) }
        _ = try mail.delivery(desk.crm.outbox).deliver(outboxID: entry.id, by: caller)
        return Outcome(confirmation: try desk.crm.outbox.entry(id: entry.id, by: caller), suppressed: false)
    }
}
