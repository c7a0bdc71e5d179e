import Foundation

/// What the contact list shows: a text (names, company, email, postal code, commune), the kind,
/// a theme of the contact's requests, a last interaction since a day; a page of it.
public struct ContactFilter: Sendable, Hashable {
    public var text: String?
    public var kind: Contact.Kind?
    /// "theme" or "theme/sub-theme", as in `Campaign.Segment`.
    public var theme: String?
    public var interactedSince: Date?
    /// Only these contacts (a choice made outside the CRM, e.g. by consent state); nil for all.
    public var ids: [Int64]?
    public var page: Int
    public var pageSize: Int

    public init(text: String? = nil, kind: Contact.Kind? = nil, theme: String? = nil, interactedSince: Date? = nil, page: Int = 1, pageSize: Int = 50) {
        self.text = text; self.kind = kind; self.theme = theme; self.interactedSince = interactedSince; self.page = max(1, page)
        self.pageSize = min(max(1, pageSize), 200)
    }
}
