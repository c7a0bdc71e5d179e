import Brochure
import CRM
import Consent
import Foundation

/// A PREMIUM office's campaigns: prepared as drafts, previewed (how many the consent gate lets
/// through, and why the others are left out), launched (every message written to the outbox at
/// once, sent at the campaign's rate by the paced worker, each checked by the gate again when it
/// leaves), and followed (sent, withheld, failed, unsubscribed).
public struct Campaigns: Sendable {
    public let desk: ConsentDesk
    public let brochures: BrochureMaker

    public init(desk: ConsentDesk, brochures: BrochureMaker) { self.desk = desk; self.brochures = brochures }

    /// The regional themes a segment chooses from.
    public func themes() throws -> [Theme] { try desk.crm.lists.themes() }

    /// The agent's selection as it is now, kept as the campaign's brochure (later changes at the desk
    /// do not change the campaign); its basket's id. An empty selection is refused.
    public func keepSelection(for campaign: Campaign, by caller: Caller) throws -> Int64 {
        let baskets = desk.crm.baskets
        let draft = try baskets.draft(by: caller)
        guard !draft.recordIDs.isEmpty else { throw CRMError.invalid(field: "brochure", reason: "votre sélection est vide") }
        return try baskets.save(Basket(recordIDs: draft.recordIDs, documentIDs: draft.documentIDs, layout: draft.layout, language: draft.language,
                                       note: "campagne : \(campaign.name)"), by: caller).id
    }

    var crm: any CRMStores { desk.crm }

    public func list(by caller: Caller) throws -> [Campaign] {
        _ = try premiumOffice(caller)
        return try crm.campaigns.list(by: caller)
    }

    public func campaign(id: Int64, by caller: Caller) throws -> Campaign {
        _ = try premiumOffice(caller)
        return try crm.campaigns.campaign(id: id, by: caller)
    }

    /// Writes a draft (new when its id is 0). Its template's merge fields are checked here.
    public func save(_ campaign: Campaign, by caller: Caller) throws -> Campaign {
        _ = try premiumOffice(caller)
        if !campaign.reOptIn {
            _ = try ReplyComposer(subject: campaign.subject, body: campaign.body)
        }
        return try crm.campaigns.save(campaign, by: caller)
    }

    /// Who a campaign reaches now, and who it leaves out with the gate's reason.
    public struct Audience: Sendable {
        public var recipients: [Contact]
        public var excluded: [(contact: Contact, reason: String)]

        /// How many are left out for each reason code.
        public var reasons: [String: Int] { excluded.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 } }
    }

    public func audience(_ campaign: Campaign, by caller: Caller) throws -> Audience {
        let office = try premiumOffice(caller)
        let purpose: Purpose = campaign.purpose == .partnerMarketing ? .partners : .own
        var audience = Audience(recipients: [], excluded: [])
        for contact in try crm.campaigns.contacts(in: campaign.segment, by: caller) {
            guard let email = contact.email else { continue }
            let reason = campaign.reOptIn
                ? try desk.askRefusal(officeID: office.id, email: email, purpose: purpose)
                : desk.gate.refusal(officeID: office.id, email: email, purpose: purpose) { contact.kind == .professional }?.code
            if let reason { audience.excluded.append((contact, reason)) } else { audience.recipients.append(contact) }
        }
        return audience
    }

    /// Writes every message of a draft to the outbox (the gate asked for each one now) and marks it
    /// launched, in one transaction; the paced worker sends them at its rate. A re-opt-in campaign
    /// asks each person instead (a confirmation email each, at the campaign's rate).
    public func launch(campaignID: Int64, by caller: Caller) throws -> Campaign {
        let office = try premiumOffice(caller)
        let campaign = try crm.campaigns.campaign(id: campaignID, by: caller)
        guard campaign.state == .draft else { throw CRMError.invalid(field: "state", reason: "la campagne est déjà lancée") }
        let audience = try audience(campaign, by: caller)
        let excluded = audience.excluded.map { Campaign.Exclusion(contactID: $0.contact.id, reason: $0.reason) }
        if campaign.reOptIn {
            let launched = try crm.campaigns.launch(campaignID, attachment: nil, excluded: excluded, by: caller)
            try crm.audit.record(.campaignLaunched, objectID: campaignID, detail: "re-opt-in: \(audience.recipients.count) asked, \(excluded.count) left out",
                                 by: caller)
            let purpose: Purpose = campaign.purpose == .partnerMarketing ? .partners : .own
            for contact in audience.recipients {
                _ = try AskConsent(desk: desk).run(contactID: contact.id, purposes: [purpose], mode: .email, context: campaign.name,
                                                   delivery: .paced(campaignID: campaignID), reOptIn: true, by: caller)
            }
            return launched
        }
        var names: [String] = [], attachment: OutboxEntry.Attachment?
        if let basketID = campaign.basketID {
            let basket = try crm.baskets.basket(id: basketID, by: caller)
            names = try brochures.records.summaries(ids: basket.recordIDs, language: basket.language).map(\.name)
            let pdf = try BasketBrochure(crm: crm, maker: brochures).render(basket, by: caller).pdf
            attachment = OutboxEntry.Attachment(fileName: "\(office.name).pdf", data: pdf)
        }
        let address = try crm.offices.branding(by: caller).address
        let partners = campaign.purpose == .partnerMarketing ? try desk.partnerNames(officeID: office.id) : []
        let entries = try audience.recipients.map { contact -> OutboxEntry in
            let email = contact.email ?? ""
            let subject = desk.keys.subject(email: email)
            let unsubscribe = desk.unsubscribeLink(officeID: office.id, subject: subject, contact: contact.id)
            let message = try CampaignMessage(campaign: campaign, contact: contact, recordNames: names, office: office.name, address: address,
                                              partners: partners, unsubscribeLink: unsubscribe,
                                              preferencesLink: desk.preferencesLink(officeID: office.id, subject: subject, contact: contact.id))
            return OutboxEntry(idempotencyKey: "campaign-\(campaignID)-\(contact.id)", recipient: email, subject: message.subject,
                               text: message.text, html: message.html, unsubscribeURL: unsubscribe, campaignID: campaignID, paced: true,
                               purpose: campaign.purpose)
        }
        return try crm.transaction { tx in
            let launched = try tx.campaigns.launch(campaignID, attachment: attachment, excluded: excluded, by: caller)
            for entry in entries { _ = try tx.outbox.enqueue(entry, by: caller) }
            try tx.audit.record(.campaignLaunched, objectID: campaignID, detail: "\(entries.count) written, \(excluded.count) left out", by: caller)
            return launched
        }
    }

    /// What became of a campaign: its messages by state, those left out by reason, and the
    /// recipients who withdrew or objected since it was launched.
    public struct Report: Sendable {
        public var campaign: Campaign
        public var counts: Campaign.Counts
        public var excludedReasons: [String: Int]
    }

    public func report(campaignID: Int64, by caller: Caller) throws -> Report {
        let office = try premiumOffice(caller)
        let campaign = try crm.campaigns.campaign(id: campaignID, by: caller)
        var counts = try crm.campaigns.counts(campaignID: campaignID, by: caller)
        if let launched = campaign.launchedAt {
            let leavers = try desk.store.leavers(officeID: office.id, since: launched)
            counts.unsubscribed = try crm.campaigns.recipients(campaignID: campaignID, by: caller)
                .filter { leavers.contains(desk.keys.subject(email: $0)) }.count
        }
        let reasons = try crm.campaigns.exclusions(campaignID: campaignID, by: caller).reduce(into: [String: Int]()) { $0[$1.reason, default: 0] += 1 }
        return Report(campaign: campaign, counts: counts, excludedReasons: reasons)
    }

    func premiumOffice(_ caller: Caller) throws -> Office {
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        guard office.tier == .premium else { throw WorkflowError.campaignsArePremium(office: office.name) }
        return office
    }
}
