import Foundation

/// A visitor or professional who contacted one or more offices. Co-owned by every office it
/// contacted: each of them sees it, no other does.
public struct Contact: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: Kind
    public var company: String?
    public var civility: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var mobile: String?
    public var address: String?
    public var postalCode: String?
    public var commune: String?
    public var department: String?
    public var country: String?
    public var language: String?
    /// Socio-professional category.
    public var category: String?
    public var birthDate: String?
    /// The free "divers" field.
    public var notes: String?
    /// A professional's website.
    public var website: String?
    public var createdAt: Date
    public var lastInteractionAt: Date?

    public enum Kind: String, Sendable, Hashable, Codable { case individual = "B2C", professional = "B2B" }

    public init(id: Int64 = 0, kind: Kind = .individual, company: String? = nil, civility: String? = nil, firstName: String? = nil,
                lastName: String? = nil, email: String? = nil, phone: String? = nil, mobile: String? = nil, address: String? = nil,
                postalCode: String? = nil, commune: String? = nil, department: String? = nil, country: String? = nil,
                language: String? = nil, category: String? = nil, birthDate: String? = nil, notes: String? = nil, website: String? = nil,
                createdAt: Date = Date(), lastInteractionAt: Date? = nil) {
        self.id = id; self.kind = kind; self.company = company; self.civility = civility; self.firstName = firstName
        self.lastName = lastName; self.email = email; self.phone = phone; self.mobile = mobile; self.address = address
        self.postalCode = postalCode; self.commune = commune; self.department = department; self.country = country
        self.language = language; self.category = category; self.birthDate = birthDate; self.notes = notes; self.website = website
        self.createdAt = createdAt; self.lastInteractionAt = lastInteractionAt
    }

    public var displayName: String {
        let person = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return kind == .professional ? (company ?? person) : (person.isEmpty ? (email ?? "Contact \(id)") : person)
    }
}
