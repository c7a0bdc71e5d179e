import Foundation

/// One line of an office's audit log: who did what to which person's data, and when. Kept as
/// written (the database refuses to change or delete one); it names people and objects by id,
/// never by their data.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    /// The office whose data it was (nil: the region's, e.g. a new office).
    public var officeID: Int64?
    public var userID: Int64?
    /// The staff member (or "guichet (command line)", "retention").
    public var userName: String
    public var role: Caller.Role
    public var action: Action
    /// The person concerned, by id.
    public var contactID: Int64?
    /// The other object concerned (request, campaign, user…), by id.
    public var objectID: Int64?
    /// Counts and settings, never personal data.
    public var detail: String?
    public var at: Date

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case contactViewed = "contact.view"
        case contactEdited = "contact.edit"
        case contactExported = "contact.export"
        case contactErased = "contact.erase"
        case contactAnonymised = "contact.anonymise"
        case contactsMerged = "contact.merge"
        case contactsImported = "contacts.import"
        case consentWithdrawnHeard = "consent.withdraw"
        case objectionRecorded = "consent.object"
        case campaignLaunched = "campaign.launch"
        case retentionRun = "retention.run"
        case userInvited = "user.invite"
        case userDisabled = "user.disable"
        case userEnabled = "user.enable"
        case userPasswordReset = "user.password-reset"
        case registerChanged = "register.change"
    }

    public init(id: Int64 = 0, officeID: Int64?, userID: Int64?, userName: String, role: Caller.Role, action: Action, contactID: Int64? = nil,
                objectID: Int64? = nil, detail: String? = nil, at: Date = Date()) {
        self.id = id; self.officeID = officeID; self.userID = userID; self.userName = userName; self.role = role; self.action = action
        self.contactID = contactID; self.objectID = objectID; self.detail = detail; self.at = at
    }
}
