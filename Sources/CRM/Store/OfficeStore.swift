import Foundation

/// Member offices and what each one sets for itself: reply template, brochure branding, API tokens.
public protocol OfficeStore: Sendable {
    /// Regional admin only.
    func add(name: String, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws(CRMError) -> Office
    /// Regional admin only: an office's tier, brochure add-on and Apidae member id.
    func update(_ office: Office, by caller: Caller) throws(CRMError) -> Office
    /// Every office for the regional admin; the caller's own for anyone else.
    func all(by caller: Caller) throws(CRMError) -> [Office]
    func office(id: Int64, by caller: Caller) throws(CRMError) -> Office

    /// The office's reply template (the French default until it sets one).
    func replyTemplate(by caller: Caller) throws(CRMError) -> ReplyComposer
    func setReplyTemplate(_ template: ReplyComposer, by caller: Caller) throws(CRMError)

    /// Where the office receives visitors (main office, seasonal kiosk, fair stand…), in its admin's order.
    func receptionPoints(by caller: Caller) throws(CRMError) -> [String]
    /// Office admins only.
    func setReceptionPoints(_ names: [String], by caller: Caller) throws(CRMError)

    func sender(by caller: Caller) throws(CRMError) -> OfficeSender
    /// Office admins only; the address must be one.
    func setSender(_ sender: OfficeSender, by caller: Caller) throws(CRMError)

    func branding(by caller: Caller) throws(CRMError) -> OfficeBranding
    func setBranding(_ branding: OfficeBranding, by caller: Caller) throws(CRMError)

    /// A new API token for the office: returned once, stored as a hash.
    func createAPIToken(name: String, by caller: Caller) throws(CRMError) -> String
    /// The office's API tokens (never the secret itself), newest first; office admins only.
    func apiTokens(by caller: Caller) throws(CRMError) -> [APIToken]
    /// The token stops acting at once.
    func revokeAPIToken(id: Int64, by caller: Caller) throws(CRMError)
    /// The office an API token acts for (as an office agent named after the token); nil when unknown.
    func caller(forAPIToken token: String) throws(CRMError) -> Caller?
}
