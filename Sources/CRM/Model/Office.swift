import Foundation

/// A member office and what it pays for.
public struct Office: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var tier: Tier
    /// START offices may buy brochures on their own.
    public var brochureAddOn: Bool
    /// The Apidae member id whose records the office owns.
    public var apidaeMember: Int?

    public enum Tier: String, Sendable, Hashable, Codable, CaseIterable {
        /// Qualification of requests.
        case start = "START"
        /// Campaigns, brochures, regional search.
        case premium = "PREMIUM"
    }

    public init(id: Int64, name: String, tier: Tier, brochureAddOn: Bool = false, apidaeMember: Int? = nil) {
        self.id = id; self.name = name; self.tier = tier; self.brochureAddOn = brochureAddOn; self.apidaeMember = apidaeMember
    }

    public var mayPrintBrochures: Bool { tier == .premium || brochureAddOn }
    public var maySearchRegion: Bool { tier == .premium }
}

/// Who is asking. Every CRM call takes one; the store filters by it.
public struct Caller: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Manages offices, users and shared lists; sees aggregated statistics, never contacts.
        case regionalAdmin = "regional-admin"
        case officeAdmin = "office-admin"
        case agent
    }

    public var role: Role
    /// nil for the regional admin.
    public var officeID: Int64?
    /// Names the agent on what they create.
    public var userName: String
    /// The signed-in user, for their own draft basket and saved searches; nil for tools and API tokens.
    public var userID: Int64?

    public init(role: Role, officeID: Int64?, userName: String, userID: Int64? = nil) {
        self.role = role; self.officeID = officeID; self.userName = userName; self.userID = userID
    }

    public static func agent(of office: Int64, name: String = "agent") -> Caller { Caller(role: .agent, officeID: office, userName: name) }
    public static let regionalAdmin = Caller(role: .regionalAdmin, officeID: nil, userName: "regional admin")

    /// The office whose data the caller works on.
    public func office() throws(CRMError) -> Int64 {
        guard let officeID, role != .regionalAdmin else { throw .forbidden("l'administrateur régional ne voit pas les contacts, demandes ou paniers des offices") }
        return officeID
    }
}
