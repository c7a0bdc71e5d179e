import Foundation

/// Which column of a contact file holds which field: guessed from French and English headers,
/// changed by the person importing (`--map "Courriel=email"`, the web form).
public struct ContactColumns: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
        case email, civility, firstName, lastName, company, phone, mobile, address, postalCode, commune, country, language, kind, notes
    }

    /// Column index → field; columns not named here are ignored.
    public var fields: [Int: Field]

    public init(fields: [Int: Field]) { self.fields = fields }

    /// The fields recognised from the header's words (the first column wins when two say the same).
    public init(guessingFrom header: [String]) {
        var fields: [Int: Field] = [:]
        for (index, title) in header.enumerated() {
            guard let field = Self.guess(title), !fields.values.contains(field) else { continue }
            fields[index] = field
        }
        self.fields = fields
    }

    public func column(of field: Field) -> Int? { fields.first { $0.value == field }?.key }

    /// The guessed mapping changed by `HEADER=FIELD` pairs (`ignore` leaves the column out).
    public static func mapping(header: [String], changes: [String]) throws(CRMError) -> ContactColumns {
        var columns = ContactColumns(guessingFrom: header)
        for change in changes {
            let parts = change.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let index = header.firstIndex(where: { normalized($0) == normalized(parts[0]) }) else {
                throw .invalid(field: "map", reason: "« \(change) » : EN-TÊTE=CHAMP, avec un en-tête du fichier (\(header.joined(separator: ", ")))")
            }
            if parts[1] == "ignore" {
                columns.fields[index] = nil
                continue
            }
            guard let field = Field(rawValue: parts[1]) else {
                throw .invalid(field: "map", reason: "« \(parts[1]) » n'est pas un champ (\(Field.allCases.map(\.rawValue).joined(separator: ", ")), ignore)")
            }
            columns.fields = columns.fields.filter { $0.value != field }
            columns.fields[index] = field
        }
        return columns
    }

    /// Each header's usual words, without accents, case or punctuation.
    static let words: [Field: [String]] = [
        .email: ["email", "mail", "courriel", "adresseemail", "adressemail", "adressecourriel", "emailaddress"],
        .civility: ["civilite", "civ", "title", "salutation"],
        .firstName: ["prenom", "firstname", "givenname", "first"],
        .lastName: ["nom", "nomdefamille", "lastname", "surname", "familyname", "name", "last"],
        .company: ["societe", "entreprise", "structure", "organisme", "organisation", "raisonsociale", "company", "organization"],
        .phone: ["telephone", "tel", "phone", "telephonefixe", "fixe"],
        .mobile: ["portable", "mobile", "telephoneportable", "cell", "cellphone"],
        .address: ["adresse", "address", "rue", "adressepostale", "street"],
        .postalCode: ["codepostal", "cp", "postcode", "postalcode", "zip", "zipcode"],
        .commune: ["ville", "commune", "city", "town", "localite"],
        .country: ["pays", "country"],
        .language: ["langue", "language", "lang"],
        .kind: ["type", "typedecontact", "kind", "categorie"],
        .notes: ["commentaire", "commentaires", "remarque", "remarques", "notes", "note", "divers", "comment", "comments"],
    ]

    public static func guess(_ title: String) -> Field? {
        let key = normalized(title)
        return Field.allCases.first { words[$0]?.contains(key) == true }
    }

    /// A "type" cell as a contact's kind: professionals say so ("pro", "B2B", "entreprise"…).
    public static func kind(_ text: String) -> Contact.Kind {
        ["pro", "professionnel", "professionnelle", "b2b", "professional", "entreprise", "company"].contains(normalized(text)) ? .professional : .individual
    }

    static func normalized(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .filter { $0.isLetter || $0.isNumber }
    }
}
