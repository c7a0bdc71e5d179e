import Foundation

/// The CRM's storage. Every call takes the caller and is scoped to the caller's office here, in
/// the storage layer: an object of another office is `notFound`, exactly like a missing one.
/// `SQLiteCRMStore` is the embedded implementation; a PostgreSQL one can follow behind the same
/// protocol.
public protocol CRMStore: Sendable {
    // Offices (regional admin).
    func addOffice(name: String, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws(CRMError) -> Office
    func offices(by caller: Caller) throws(CRMError) -> [Office]
    func office(id: Int64, by caller: Caller) throws(CRMError) -> Office

    /// The office's reply template (the French default until it sets one).
    func replyTemplate(by caller: Caller) throws(CRMError) -> ReplyComposer
    func setReplyTemplate(_ template: ReplyComposer, by caller: Caller) throws(CRMError)

    // Shared lists: the regional themes; each office's own criteria.
    func themes() throws(CRMError) -> [Theme]
    func addSubTheme(theme: String, label: String, by caller: Caller) throws(CRMError) -> Theme.SubTheme
    func criteria(by caller: Caller) throws(CRMError) -> [Criterion]
    func setCriterion(_ criterion: Criterion, by caller: Caller) throws(CRMError)

    // Users: bcrypt-hashed passwords.
    func addUser(email: String, name: String, role: Caller.Role, officeID: Int64?, password: String, by caller: Caller) throws(CRMError) -> User
    /// The user with this email and password; nil for a wrong pair.
    func authenticate(email: String, password: String) throws(CRMError) -> User?
    func users(by caller: Caller) throws(CRMError) -> [User]

    // Contacts: co-owned by every office they contacted.
    /// Adds a contact for the caller's office; an existing contact with the same email becomes
    /// co-owned instead (and is returned).
    func addContact(_ contact: Contact, by caller: Caller) throws(CRMError) -> Contact
    func contact(id: Int64, by caller: Caller) throws(CRMError) -> Contact
    func contacts(search: String?, by caller: Caller) throws(CRMError) -> [Contact]
    func updateContact(_ contact: Contact, by caller: Caller) throws(CRMError)

    /// Other contacts of the caller's office that look like the same person: same email, or same
    /// last name, first name and postal code.
    func duplicates(of contactID: Int64, by caller: Caller) throws(CRMError) -> [Contact]
    /// The contact `merge` would keep, without writing anything.
    func mergePreview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact
    /// Merges a duplicate into the kept contact: its requests and co-owners move over, the kept
    /// contact's empty fields take the duplicate's values, and the duplicate stays in the history
    /// (`crm_contact_merge`, with a snapshot) but leaves every list.
    func merge(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact

    // Requests.
    func addRequest(_ request: InformationRequest, by caller: Caller) throws(CRMError) -> InformationRequest
    func request(id: Int64, by caller: Caller) throws(CRMError) -> InformationRequest
    func requests(contactID: Int64?, by caller: Caller) throws(CRMError) -> [InformationRequest]
    func setStatus(_ status: InformationRequest.Status, requestID: Int64, by caller: Caller) throws(CRMError)

    // Baskets.
    func saveBasket(_ basket: Basket, by caller: Caller) throws(CRMError) -> Basket
    func basket(id: Int64, by caller: Caller) throws(CRMError) -> Basket
    func baskets(requestID: Int64?, by caller: Caller) throws(CRMError) -> [Basket]

    // Statistics: the caller's office, or the whole region for the regional admin (counts only).
    func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics

    // The web desk: each agent's draft basket, saved searches, branding, API tokens.
    /// The caller's draft basket (no request yet), created empty the first time.
    func draftBasket(by caller: Caller) throws(CRMError) -> Basket
    func saveSearch(_ search: SavedSearch, by caller: Caller) throws(CRMError) -> SavedSearch
    /// The caller's own saved searches and those shared in the office.
    func savedSearches(by caller: Caller) throws(CRMError) -> [SavedSearch]
    func deleteSavedSearch(id: Int64, by caller: Caller) throws(CRMError)
    func branding(by caller: Caller) throws(CRMError) -> OfficeBranding
    func setBranding(_ branding: OfficeBranding, by caller: Caller) throws(CRMError)
    /// A new API token for the office: returned once, stored as a hash.
    func createAPIToken(name: String, by caller: Caller) throws(CRMError) -> String
    /// The office an API token acts for (as an office agent named after the token); nil when unknown.
    func caller(forAPIToken token: String) throws(CRMError) -> Caller?

    // Outbox.
    /// Writes a message; the same idempotency key returns the entry already written.
    func enqueue(_ entry: OutboxEntry, by caller: Caller) throws(CRMError) -> OutboxEntry
    func outbox(requestID: Int64?, by caller: Caller) throws(CRMError) -> [OutboxEntry]
    func outboxEntry(id: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry
    /// Moves a `written` or `retry` entry to `sending` and returns it; nil when another worker
    /// has it or it is settled.
    func claim(outboxID: Int64, by caller: Caller) throws(CRMError) -> OutboxEntry?
    func settle(outboxID: Int64, state: OutboxEntry.State, error: String?, by caller: Caller) throws(CRMError)
    /// At start-up: entries left `sending` by a stopped process become `interrupted`. Returns how many.
    func markInterrupted() throws(CRMError) -> Int
    /// Offices with messages waiting (`written` or `retry`): for the delivery worker, which then acts
    /// for each of them.
    func officesWithPendingMail() throws(CRMError) -> [Int64]
    /// Entries of the caller's office waiting to be sent (`written`, `retry`).
    func pending(by caller: Caller) throws(CRMError) -> [OutboxEntry]
}
