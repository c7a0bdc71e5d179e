import Brochure
import CRM
import Foundation

/// The reply by post: a letter for a window envelope (the visitor's address in the window, the
/// office's reply text and signature, the notice of their rights), printed with the basket's
/// brochure from the request's page.
public struct PostalLetter: Sendable {
    public let crm: any CRMStores
    public let brochures: BrochureMaker

    public init(crm: any CRMStores, brochures: BrochureMaker) { self.crm = crm; self.brochures = brochures }

    /// The address as La Poste reads it: name, street lines, postal code and TOWN, COUNTRY abroad.
    public static func address(of contact: Contact) -> [String]? {
        let name = contact.company ?? [contact.civility, contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
        guard !name.isEmpty, let street = contact.address, !street.isEmpty, let town = contact.commune, !town.isEmpty else { return nil }
        var lines = [name] + street.split(whereSeparator: \.isNewline).map(String.init)
        lines.append([contact.postalCode, town.uppercased()].compactMap { $0 }.joined(separator: " "))
        if let country = contact.country, !country.isEmpty, country.uppercased() != "FR", country.lowercased() != "france" {
            lines.append((Locale(identifier: "fr_FR").localizedString(forRegionCode: country.uppercased()) ?? country).uppercased())
        }
        return lines
    }

    public func pdf(requestID: Int64, by caller: Caller) throws -> Data {
        let request = try crm.requests.request(id: requestID, by: caller)
        let contact = try request.contactID.map { try crm.contacts.contact(id: $0, by: caller) }
        guard let contact, let recipient = Self.address(of: contact) else { throw WorkflowError.noPostalAddress(requestID: requestID) }
        let office = try crm.offices.office(id: request.officeID, by: caller)
        let branding = try brochures.branding(for: office, own: try crm.offices.branding(by: caller))
        // On paper, the notice names the office's address, not a link.
        let draft = try ReplyToRequest(crm: crm, brochures: brochures).draft(requestID: requestID, by: caller)
        let sender = [office.name] + (branding.address.map { $0.components(separatedBy: " — ") } ?? [])
        let day = Date().formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: "fr_FR")))
        let letter = Letter(sender: sender, recipient: recipient, placeAndDate: "Le \(day)", subject: draft.subject,
                            body: draft.body + "\n\n" + draft.notice)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-letter-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try LetterRenderer(fonts: brochures.fonts, branding: branding).render(letter, to: file.path)
        return try Data(contentsOf: file)
    }
}
