import CRM
import Consent
import Foundation
import Hummingbird
import Workflows

/// An office admin imports a contact list: the file and where it was collected, then the columns
/// as guessed (changeable) with the first rows, then the report.
struct ContactImportController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/admin/import-contacts", .officeAdmin, use: form)
        routes.add(.post, "/admin/import-contacts/preview", .officeAdmin, use: preview)
        routes.add(.post, "/admin/import-contacts", .officeAdmin, use: run)
    }

    @Sendable func form(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.requireCaller()
        return try await services.blocking.run { [services] in
            try Pages.render(services, "import-contacts", title: context.text("importContacts"), context: context,
                             data: ["step1": true, "modes": Self.modes(selected: .fair, context.language)])
        }
    }

    @Sendable func preview(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.requireCaller()
        let upload = try Upload(try await Form.read(request, context: context))
        let use = ImportContacts(desk: services.consent)
        let language = context.language
        return try await services.blocking.run { [services] in
            let (file, columns) = try use.preview(upload.data)
            let data: [String: Any] = [
                "step2": true, "data": upload.base64, "mode": upload.mode.rawValue, "context": upload.context,
                "modeLabel": Self.modes(selected: upload.mode, language).first { $0["selected"] as? Bool == true }?["label"] ?? "",
                "purposes": upload.purposes.map { ["purpose": $0.rawValue, "label": ConsentLabels.purpose($0, language)] },
                "hasPurposes": !upload.purposes.isEmpty,
                "encoding": file.encoding, "separator": file.separator == "\t" ? "tab" : String(file.separator), "rowCount": file.rows.count,
                "columns": file.header.enumerated().map { index, title -> [String: Any] in
                    ["index": index, "title": title, "choices": ([nil] + ContactColumns.Field.allCases).map { field -> [String: Any] in
                        ["value": field?.rawValue ?? "ignore", "label": Self.field(field, language), "selected": columns.fields[index] == field]
                    }]
                },
                "sample": file.rows.prefix(5).map { ["cells": $0.fields.map { ["text": $0] }] },
            ]
            return try Pages.render(services, "import-contacts", title: context.text("importContacts"), context: context, data: data)
        }
    }

    @Sendable func run(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let upload = try Upload(form)
        let use = ImportContacts(desk: services.consent)
        let language = context.language
        return try await services.blocking.run { [services] in
            let header = try use.preview(upload.data).file.header
            var fields: [Int: ContactColumns.Field] = [:]
            for index in header.indices {
                if let field = form["column\(index)"].flatMap(ContactColumns.Field.init(rawValue:)) { fields[index] = field }
            }
            let report = try use.run(upload.data, options: .init(mode: upload.mode, context: upload.context, purposes: upload.purposes,
                                                                 columns: ContactColumns(fields: fields)), by: caller)
            return try Pages.render(services, "import-contacts", title: context.text("importContacts"), context: context, data: [
                "step3": true, "imported": report.imported, "merged": report.merged, "suppressed": report.suppressed,
                "rejectedCount": report.rejected.count, "asked": report.asked, "rejected": report.rejected.map { ["line": $0.line, "reason": Self.problem($0.problem, language)] }, "hasRejected": !report.rejected.isEmpty,
            ])
        }
    }

    /// The file (base64, as the page's script read it) and what the office says of it.
    struct Upload {
        var base64: String
        var data: Data
        var mode: CollectionMode
        var context: String
        var purposes: [Purpose]

        init(_ form: Form) throws {
            base64 = form["data"] ?? ""
            guard let data = Data(base64Encoded: base64), !data.isEmpty else { throw CRMError.invalid(field: "file", reason: "choisissez un fichier CSV") }
            guard let mode = form["mode"].flatMap(CollectionMode.init(rawValue:)) else { throw CRMError.invalid(field: "mode", reason: "mode de collecte inconnu") }
            self.data = data
            self.mode = mode
            context = form["context"] ?? ""
            purposes = form.all("purpose").compactMap(Purpose.init(rawValue:))
        }
    }

    static func modes(selected: CollectionMode, _ language: UILanguage) -> [[String: Any]] {
        CollectionMode.allCases.filter { $0 != .apidaeSync }.map { mode in
            ["value": mode.rawValue, "label": ConsentLabels.mode(mode, language), "selected": mode == selected]
        }
    }

    static func problem(_ problem: ContactFile.Problem, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch problem {
        case .unclosedQuote: fr ? "un guillemet (\") n'est jamais fermé" : "a quote (\") is never closed"
        case let .columns(found, expected): fr ? "\(found) colonnes alors que l'en-tête en a \(expected)" : "\(found) columns where the header has \(expected)"
        case let .invalidEmail(text): fr ? "« \(text) » n'est pas une adresse e-mail" : "\"\(text)\" is not an email address"
        case .noIdentity: fr ? "ni adresse e-mail ni nom" : "neither an email address nor a name"
        }
    }

    static func field(_ field: ContactColumns.Field?, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch field {
        case nil: fr ? "— ignorée —" : "— ignored —"
        case .email: "E-mail"
        case .civility: fr ? "Civilité" : "Title"
        case .firstName: fr ? "Prénom" : "First name"
        case .lastName: fr ? "Nom" : "Last name"
        case .company: fr ? "Société" : "Company"
        case .phone: fr ? "Téléphone" : "Phone"
        case .mobile: fr ? "Portable" : "Mobile"
        case .address: fr ? "Adresse" : "Address"
        case .postalCode: fr ? "Code postal" : "Postal code"
        case .commune: fr ? "Commune" : "Town"
        case .country: fr ? "Pays" : "Country"
        case .language: fr ? "Langue" : "Language"
        case .kind: fr ? "Type (particulier / pro)" : "Kind (private / professional)"
        case .notes: fr ? "Commentaire" : "Notes"
        }
    }
}
