import Foundation

/// Each office's retention policy, and what the retention run reads and marks.
public protocol RetentionStore: Sendable {
    /// The office's policy (`RetentionPolicy.standard` until it sets one).
    func policy(by caller: Caller) throws(CRMError) -> RetentionPolicy
    /// Office admins only.
    func setPolicy(_ policy: RetentionPolicy, by caller: Caller) throws(CRMError)
    /// The office's contacts whose last interaction (else their creation) is before `cutoff`.
    func inactive(before cutoff: Date, by caller: Caller) throws(CRMError) -> [RetentionCandidate]
    /// The reactivation email was written at `date`.
    func markWarned(_ contactID: Int64, at date: Date, by caller: Caller) throws(CRMError)
    /// Empties the bodies and attachments of the office's settled messages written before `date`;
    /// returns how many.
    func purgeMessages(before date: Date, by caller: Caller) throws(CRMError) -> Int
}
