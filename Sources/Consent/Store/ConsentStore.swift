import Foundation

/// The consent records: append-only events, the offices' wordings, spent link nonces, the
/// suppression list and the server's secret. Calls name the office they act for: the web's
/// authenticated caller's, or the one a signed link names. `SQLConsentStore` is the embedded
/// implementation; a PostgreSQL one can follow behind the same protocol.
public protocol ConsentStore: Sendable {
    /// The secret that keys hashes and signs links, generated and kept on first use.
    func storedSecret() throws(ConsentError) -> Data
    /// Appends events (never updated or deleted afterwards), spending `nonce` first when given: all
    /// or nothing, and nothing when the nonce was already spent (returns false).
    @discardableResult
    func record(_ events: [ConsentEvent], spending nonce: String?) throws(ConsentError) -> Bool
    /// Every event of one person with one office, oldest first.
    func events(officeID: Int64, subject: String) throws(ConsentError) -> [ConsentEvent]
    /// Where every person the office ever asked stands for `purpose` by `channel` (people on the
    /// office's suppression list: objected), keyed by subject; people never asked are absent.
    func states(officeID: Int64, purpose: Purpose, channel: Channel) throws(ConsentError) -> [String: ConsentState]
    /// Keeps keyed hashes (email, phone) of a person who objected to an office or was erased from
    /// it: no collection by that office adds them again.
    func suppress(_ keys: [String], officeID: Int64) throws(ConsentError)
    func isSuppressed(_ key: String, officeID: Int64) throws(ConsentError) -> Bool
    /// "Asked" events older than `before` with nothing after them for their purpose and channel:
    /// confirmation links never used in time.
    func unansweredAsks(before: Date) throws(ConsentError) -> [ConsentEvent]
    /// The person's events with the office removed (their erasure; the suppression list keeps them
    /// from being asked again): the only deletion events allow. Returns how many went.
    func erase(subject: String, officeID: Int64) throws(ConsentError) -> Int
    /// The people (keyed hashes) who withdrew a consent or objected to the office since `since`.
    func leavers(officeID: Int64, since: Date) throws(ConsentError) -> Set<String>
    /// A new version of an office's wording for a purpose (the same text keeps the current version).
    func setWording(officeID: Int64, purpose: Purpose, text: String) throws(ConsentError) -> Wording
    /// The office's current wording for a purpose.
    func wording(officeID: Int64, purpose: Purpose) throws(ConsentError) -> Wording?
    /// The partner structures the partners' box names, in the office admin's order.
    func partners(officeID: Int64) throws(ConsentError) -> [String]
    func setPartners(_ names: [String], officeID: Int64) throws(ConsentError)
    /// Member offices among the partners: they see the identity of the people who confirmed the
    /// partners' box with this office, as long as that consent holds.
    func partnerOffices(officeID: Int64) throws(ConsentError) -> [Int64]
    func setPartnerOffices(_ offices: [Int64], officeID: Int64) throws(ConsentError)
    /// The offices that name `officeID` among their partner offices.
    func offices(namingPartner officeID: Int64) throws(ConsentError) -> [Int64]
}
