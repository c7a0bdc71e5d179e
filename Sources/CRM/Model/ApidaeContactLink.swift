import Foundation

/// A professional contact that comes from an Apidae legal entity (`STRUCTURE`): which entity, in
/// which category, and the values Apidae gave at the last sync — a field Apidae changes since
/// overwrites Guichet's, a field only Guichet holds is kept.
public struct ApidaeContactLink: Sendable, Hashable, Codable {
    public var officeID: Int64
    public var structureID: Int
    public var contactID: Int64
    public var category: String
    /// The synced fields as Apidae gave them last (`company`, `email`, `phone`, `website`,
    /// `address`, `postalCode`, `commune`, `category`).
    public var synced: [String: String]
    public var syncedAt: Date
    /// When the entity was last seen missing from its selection (flagged, never deleted).
    public var leftAt: Date?

    public init(officeID: Int64, structureID: Int, contactID: Int64, category: String, synced: [String: String], syncedAt: Date, leftAt: Date? = nil) {
        self.officeID = officeID; self.structureID = structureID; self.contactID = contactID; self.category = category
        self.synced = synced; self.syncedAt = syncedAt; self.leftAt = leftAt
    }
}
