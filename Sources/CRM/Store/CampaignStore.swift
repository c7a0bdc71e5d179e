import Foundation

/// A PREMIUM office's campaigns, their segments and what became of them.
public protocol CampaignStore: Sendable {
    /// Inserts (id 0) or replaces a draft of the caller's office; a launched campaign is not changed.
    func save(_ campaign: Campaign, by caller: Caller) throws(CRMError) -> Campaign
    func campaign(id: Int64, by caller: Caller) throws(CRMError) -> Campaign
    /// The office's campaigns, newest first.
    func list(by caller: Caller) throws(CRMError) -> [Campaign]
    /// The office's contacts in `segment` that have an e-mail address, by id.
    func contacts(in segment: Campaign.Segment, by caller: Caller) throws(CRMError) -> [Contact]
    /// Marks a draft launched, keeps its brochure (sent with each of its messages) and the contacts
    /// left out with the reason. Refused when it was launched already.
    func launch(_ campaignID: Int64, attachment: OutboxEntry.Attachment?, excluded: [Campaign.Exclusion],
                by caller: Caller) throws(CRMError) -> Campaign
    /// The contacts left out at launch.
    func exclusions(campaignID: Int64, by caller: Caller) throws(CRMError) -> [Campaign.Exclusion]
    /// Its messages by state, and how many were left out (`unsubscribed` is the consent module's).
    func counts(campaignID: Int64, by caller: Caller) throws(CRMError) -> Campaign.Counts
    /// The addresses its messages were written to.
    func recipients(campaignID: Int64, by caller: Caller) throws(CRMError) -> [String]
}

extension Campaign {
    /// A contact a campaign left out, and why (in words for the office).
    public struct Exclusion: Sendable, Hashable, Codable {
        public var contactID: Int64
        public var reason: String
        public init(contactID: Int64, reason: String) { self.contactID = contactID; self.reason = reason }
    }
}
