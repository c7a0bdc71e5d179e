import Foundation

/// Visitors and professionals, co-owned by every office they contacted.
public protocol ContactStore: Sendable {
    /// Adds a contact for the caller's office; an existing contact with the same email becomes
    /// co-owned instead (and is returned).
    func add(_ contact: Contact, by caller: Caller) throws(CRMError) -> Contact
    func contact(id: Int64, by caller: Caller) throws(CRMError) -> Contact
    /// The caller's office's profile with this email address, if it has one.
    func contact(email: String, by caller: Caller) throws(CRMError) -> Contact?
    /// The office's contacts whose names, email or company contain `text` (all when nil), most
    /// recent first.
    func search(_ text: String?, by caller: Caller) throws(CRMError) -> [Contact]
    func update(_ contact: Contact, by caller: Caller) throws(CRMError)
    /// A page of the office's contacts matching `filter`, most recent interaction first, and how
    /// many match in all.
    func list(_ filter: ContactFilter, by caller: Caller) throws(CRMError) -> (contacts: [Contact], total: Int)
    /// Every contact of the office matching `filter` (its page ignored): id and email address, for
    /// choices made outside the CRM.
    func emails(_ filter: ContactFilter, by caller: Caller) throws(CRMError) -> [(id: Int64, email: String?)]

    /// Other contacts of the caller's office that look like the same person: same email, or same
    /// last name, first name and postal code.
    func duplicates(of contactID: Int64, by caller: Caller) throws(CRMError) -> [Contact]
    /// The contact `merge` would keep, without writing anything.
    func mergePreview(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact
    /// Merges a duplicate into the kept contact: its requests and co-owners move over, the kept
    /// contact's empty fields take the duplicate's values, and the duplicate stays in the history
    /// (with a snapshot) but leaves every list.
    func merge(_ mergedID: Int64, into keptID: Int64, by caller: Caller) throws(CRMError) -> Contact
    /// Removes everything the caller's office holds about a person, in one transaction: the
    /// profile, the merge snapshots, the messages' contents, and the requests — kept without
    /// identity for the statistics, or deleted. Other offices' profiles stay; when none is left,
    /// the person's shared row goes too.
    func erase(_ contactID: Int64, keepingRequests: Bool, by caller: Caller) throws(CRMError) -> ContactErasure
    /// The identity fields (names, company, address, phones, email, language) other offices hold of
    /// a person the caller's office holds too, for `offices` only: those whose sharing the consent
    /// module allows (the person confirmed their partners' box, naming the caller's office).
    func sharedProfiles(of contactID: Int64, offices: [Int64], by caller: Caller) throws(CRMError) -> [(officeID: Int64, contact: Contact)]
    /// An interaction with the person at `date` (a reply sent, a link they used): the date
    /// retention counts from moves forward, never back.
    func touch(_ contactID: Int64, at date: Date, by caller: Caller) throws(CRMError)
}
