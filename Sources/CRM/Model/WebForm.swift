import Foundation

/// An office's public request form, embedded by its website: the public key that names the office
/// in the form's address, and the site origins allowed to embed it or post to it.
public struct WebForm: Sendable, Hashable {
    public var officeID: Int64
    /// Public (it is in the page's source): it only says which office a request is for.
    public var key: String
    /// "https://www.lac-annecy.com": scheme, host and port, as browsers send `Origin`.
    public var origins: [String]

    public init(officeID: Int64, key: String, origins: [String]) { self.officeID = officeID; self.key = key; self.origins = origins }
}
