import CRM
import Foundation

/// The requests' statistics: the caller's office, or the region for the regional admin, with the
/// names the pages give their keys.
public struct RequestStatistics: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    /// `from` included, `to` excluded; both nil: everything.
    public func statistics(from: Date?, to: Date?, by caller: Caller) throws -> Statistics {
        try crm.statistics.statistics(from: from, to: to, by: caller)
    }

    /// The regional themes' labels by key, sub-themes as "Thème › Sous-thème".
    public func themeLabels() throws -> [String: String] {
        var labels: [String: String] = [:]
        for theme in try crm.lists.themes() {
            labels[theme.key] = theme.label
            for sub in theme.subThemes { labels["\(theme.key)/\(sub.key)"] = "\(theme.label) › \(sub.label)" }
        }
        return labels
    }

    /// Every office of the region, for the region's table (those without a request too).
    public func offices() throws -> [Office] { try crm.offices.all(by: .regionalAdmin) }
}
