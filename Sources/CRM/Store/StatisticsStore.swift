import Foundation

/// Counts over requests: the caller's office, or the whole region for the regional admin.
public protocol StatisticsStore: Sendable {
    func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics
}
