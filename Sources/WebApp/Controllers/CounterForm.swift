import CRM
import Foundation
import Workflows

/// The counter form's fields read into what `RecordRequest` takes. Only reading here: the rules
/// are the use case's.
struct CounterForm {
    let form: Form

    init(_ form: Form) { self.form = form }

    /// Fields of the counter form that show their own error under them.
    static let fieldsWithErrorSlot: Set<String> = ["email", "party_size", "stay_nights", "themes", "contactMode", "lastName"]

    /// The fields that say who the visitor is: without any, the visitor stays anonymous and the
    /// commune (or postal code) is where the request comes from, not a contact.
    static let personFields = ["company", "civility", "firstName", "lastName", "email", "phone"]

    func input(criteria: [Criterion]) throws -> RecordRequest.Input {
        var contact: Contact?
        if Self.personFields.contains(where: { form[$0] != nil }) {
            contact = Contact(kind: form["company"] == nil ? .individual : .professional, company: form["company"], civility: form["civility"],
                              firstName: form["firstName"], lastName: form["lastName"], email: form["email"], phone: form["phone"],
                              postalCode: form["postalCode"], commune: form["commune"], country: form["country"] ?? form["countryOther"].flatMap(Countries.code),
                              language: form["language"])
        }
        // A frequent country's button, else the one typed or picked in the full list.
        var country = form["country"]
        if country == nil, let typed = form["countryOther"] {
            guard let code = Countries.code(for: typed) else { throw CRMError.invalid(field: "originCountry", reason: "pays inconnu : « \(typed) »") }
            country = code
        }
        guard let mode = InformationRequest.ContactMode(rawValue: form["contactMode"] ?? "guichet") else {
            throw CRMError.invalid(field: "contactMode", reason: "mode de contact inconnu")
        }
        let party = InformationRequest.Party(size: try number("partySize", field: "party.size"),
                                             kind: form["partyKind"].flatMap(InformationRequest.Party.Kind.init(rawValue:)))
        let stay = InformationRequest.Stay(from: form["stayFrom"], to: form["stayTo"], nights: try number("nights", field: "stay.nights"),
                                           zone: form["zone"], accommodation: form["accommodation"])
        var extra: [String: String] = [:]
        for criterion in criteria { if let value = form["extra." + criterion.name] { extra[criterion.name] = value } }
        let request = InformationRequest(
            contactMode: mode, responseMode: form["responseMode"].flatMap(InformationRequest.ContactMode.init(rawValue:)),
            subject: form["subject"], stay: stay == InformationRequest.Stay() ? nil : stay,
            party: party.size == nil && party.kind == nil ? nil : party, originDepartment: form["department"],
            originCountry: country, themes: form.all("theme"), extra: extra, notes: form["notes"],
            requestType: try form["requestType"].map { text in
                guard let type = InformationRequest.RequestType(rawValue: text) else { throw CRMError.invalid(field: "requestType", reason: "type de demande inconnu") }
                return type
            },
            receptionPoint: form["receptionPoint"], originCommune: form["commune"] ?? (contact == nil ? form["postalCode"] : nil))
        return RecordRequest.Input(contact: contact, request: request, basket: .draft)
    }

    /// A whole number, or an error naming the field (never silently dropped).
    private func number(_ name: String, field: String) throws -> Int? {
        guard let text = form[name] else { return nil }
        guard let value = Int(text) else { throw CRMError.invalid(field: field, reason: "un nombre entier est attendu") }
        return value
    }
}
