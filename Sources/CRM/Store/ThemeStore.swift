import Foundation

/// The shared lists a request is qualified with: the regional themes and each office's own
/// criteria ("Qualif+").
public protocol ThemeStore: Sendable {
    func themes() throws(CRMError) -> [Theme]
    /// Regional admin only.
    func addSubTheme(theme: String, label: String, by caller: Caller) throws(CRMError) -> Theme.SubTheme
    func criteria(by caller: Caller) throws(CRMError) -> [Criterion]
    func setCriterion(_ criterion: Criterion, by caller: Caller) throws(CRMError)
}
