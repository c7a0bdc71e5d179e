import CRM
import Foundation
import Mail

/// Rectification: an agent corrects the office's profile of a person. The audit log keeps who
/// changed which fields and when (their names, never the values).
public struct EditContact: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    /// The fields an agent edits, by name.
    public static var fields: [(name: String, path: WritableKeyPath<Contact, String?>)] { [
        ("civility", \.civility), ("firstName", \.firstName), ("lastName", \.lastName), ("company", \.company), ("email", \.email),
        ("phone", \.phone), ("mobile", \.mobile), ("address", \.address), ("postalCode", \.postalCode), ("commune", \.commune),
        ("country", \.country), ("language", \.language), ("category", \.category), ("birthDate", \.birthDate), ("website", \.website),
        ("notes", \.notes),
    ] }

    /// Writes `values` (field name → text; an empty text clears the field) over the profile; returns
    /// the names of the fields that changed.
    @discardableResult
    public func run(contactID: Int64, values: [String: String], kind: Contact.Kind?, by caller: Caller) throws -> [String] {
        try crm.transaction { tx in
            let before = try tx.contacts.contact(id: contactID, by: caller)
            var after = before
            for (name, path) in Self.fields {
                guard let text = values[name] else { continue }
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                after[keyPath: path] = value.isEmpty ? nil : value
            }
            if let kind { after.kind = kind }
            after.email = after.email?.lowercased()
            if let email = after.email, (try? MailAddress(email)) == nil {
                throw CRMError.invalid(field: "email", reason: "« \(email) » n'est pas une adresse e-mail")
            }
            if let day = after.birthDate, (try? Date(day + "T00:00:00Z", strategy: .iso8601)) == nil {
                throw CRMError.invalid(field: "birthDate", reason: "une date AAAA-MM-JJ")
            }
            if let site = after.website, !(site.hasPrefix("https://") || site.hasPrefix("http://")) {
                after.website = "https://" + site
            }
            var changed = Self.fields.filter { before[keyPath: $0.path] != after[keyPath: $0.path] }.map(\.name)
            if before.kind != after.kind { changed.append("kind") }
            guard !changed.isEmpty else { return [] }
            try tx.contacts.update(after, by: caller)
            try tx.audit.record(.contactEdited, contactID: contactID, detail: changed.joined(separator: ", "), by: caller)
            return changed
        }
    }
}
