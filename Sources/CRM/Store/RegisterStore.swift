import Foundation

/// The offices' registers of processing activities.
public protocol RegisterStore: Sendable {
    /// The caller's office's register as its admin last saved it; nil before the first save.
    func register(by caller: Caller) throws(CRMError) -> ProcessingRegister?
    /// Office admins only; replaces the register, dated and signed by the caller.
    func save(_ register: ProcessingRegister, by caller: Caller) throws(CRMError)
    /// The regional admin's view: every office that saved its register, and when.
    func updates(by caller: Caller) throws(CRMError) -> [(officeID: Int64, updatedAt: Date)]
}
