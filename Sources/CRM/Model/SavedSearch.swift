import Foundation

/// A search an agent named to run again in one click; shared ones are seen by the whole office.
public struct SavedSearch: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    /// The search page's query string (`q=…&type=…&near=…`), replayed as is.
    public var query: String
    public var shared: Bool
    public var owner: String

    public init(id: Int64 = 0, name: String, query: String, shared: Bool = false, owner: String = "") {
        self.id = id; self.name = name; self.query = query; self.shared = shared; self.owner = owner
    }
}

/// An office's brochure branding as the admin sets it (the renderer's `Branding` is built from it).
/// How the office signs its replies: the address visitors answer to (Reply-To; never a
/// "no-reply"), and a signature under the text.
public struct OfficeSender: Sendable, Hashable {
    public var replyTo: String?
    public var signature: String?
    public init(replyTo: String? = nil, signature: String? = nil) { self.replyTo = replyTo; self.signature = signature }
}

public struct OfficeBranding: Sendable, Hashable {
    public var logo: Data?
    /// "#RRGGBB".
    public var primary: String?
    public var muted: String?
    public var address: String?
    public var legal: String?

    public init(logo: Data? = nil, primary: String? = nil, muted: String? = nil, address: String? = nil, legal: String? = nil) {
        self.logo = logo; self.primary = primary; self.muted = muted; self.address = address; self.legal = legal
    }
}
