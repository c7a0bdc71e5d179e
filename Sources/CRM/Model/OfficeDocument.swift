import Foundation

/// A PDF of the office's own (town map, guide, price list), put in baskets next to records: sent as
/// a file of its own with a reply, its pages printed after the records in a brochure.
public struct OfficeDocument: Sendable, Hashable, Codable {
    public var id: Int64
    public var officeID: Int64
    /// What agents see and search: "Plan de la ville 2026".
    public var title: String
    /// The name the file goes by as an attachment.
    public var fileName: String
    /// SHA-256 of the bytes, hex: the file is stored once however many offices upload it.
    public var sha256: String
    public var size: Int
    public var pages: Int
    public var createdAt: Date

    public init(id: Int64 = 0, officeID: Int64 = 0, title: String, fileName: String, sha256: String, size: Int, pages: Int, createdAt: Date = Date()) {
        self.id = id; self.officeID = officeID; self.title = title; self.fileName = fileName; self.sha256 = sha256; self.size = size
        self.pages = pages; self.createdAt = createdAt
    }
}
