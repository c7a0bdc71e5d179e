import Foundation

/// The offices' public request forms.
public protocol WebFormStore: Sendable {
    /// The caller's office's form, its key made on first use.
    func form(by caller: Caller) throws(CRMError) -> WebForm
    /// The site origins allowed to embed the form or post to it (office admins only).
    func setOrigins(_ origins: [String], by caller: Caller) throws(CRMError)
    /// The form a public key names, before anyone is known (the visitor's browser).
    func form(key: String) throws(CRMError) -> WebForm?
}
