import ArgumentParser
import CRM
import Foundation
import Records
import Workflows

struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request", abstract: "Visitors' requests.", subcommands: [Add.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a request from a JSON file.",
            discussion: """
            {"contact": {"civility": "Mme", "firstName": "Marie", "lastName": "Dupont", "email": "marie@example.org", "postalCode": "69003"},
             "contactMode": "email", "responseMode": "email", "subject": "Randonnées en août",
             "stay": {"from": "2026-08-01", "nights": 5, "zone": "Lac d'Annecy"}, "party": {"size": 4, "kind": "famille"},
             "originDepartment": "69", "originCountry": "FR", "themes": ["activites/sportives"],
             "basket": {"ids": [100022, 100232], "layout": "livret-a5", "language": "fr"}}
            Contact and basket are optional; a contact with a known email is the same contact.
            """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "The request as JSON (see above); - for standard input.") var json: String

        func run() throws {
            let data = json == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: json))
            let input: RequestFile
            do { input = try JSONDecoder().decode(RequestFile.self, from: data) } catch {
                throw ValidationError("--json: \(RequestFile.explain(error))")
            }
            let use = RecordRequest(crm: try SQLCRM.open(database), records: try RecordStore(owner: database.open()))
            let basket = input.basket.map { RecordRequest.BasketSource.records(ids: $0.ids, layout: $0.layout ?? "livret-a5", language: $0.language ?? "fr") }
            let saved = try use.run(.init(contact: input.contact?.contact, request: input.request, basket: basket ?? .none), by: office.caller())
            print("request \(saved.request.id)" + (saved.contact.map { " for contact \($0.id) (\($0.displayName))" } ?? " (anonymous)"))
            if let stored = saved.basket { print("basket \(stored.id): \(stored.recordIDs.count) records") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A request with its contact, basket and replies, as JSON.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "Request id.") var request: Int64

        func run() throws {
            let crm = try SQLCRM.open(database)
            let caller = office.caller()
            let r = try crm.requests.request(id: request, by: caller)
            let replies = try crm.outbox.list(requestID: request, by: caller).map {
                ReplyView(id: $0.id, recipient: $0.recipient, subject: $0.subject, state: $0.state.rawValue, attempts: $0.attempts,
                          error: $0.lastError, attachments: $0.attachments.map { "\($0.fileName) (\($0.data.count) bytes)" })
            }
            try printJSON(RequestView(request: r, contact: try r.contactID.map { try crm.contacts.contact(id: $0, by: caller) },
                                      baskets: try crm.baskets.list(requestID: request, by: caller), replies: replies))
        }
    }
}

struct RequestView: Encodable {
    var request: InformationRequest
    var contact: Contact?
    var baskets: [Basket]
    var replies: [ReplyView]
}

struct ReplyView: Encodable {
    var id: Int64
    var recipient: String
    var subject: String
    var state: String
    var attempts: Int
    var error: String?
    var attachments: [String]
}

/// The JSON `guichet request add` reads.
struct RequestFile: Decodable {
    var contact: ContactInput?
    var request: InformationRequest
    var basket: BasketInput?

    struct BasketInput: Decodable {
        var ids: [Int]
        var layout: String?
        var language: String?
    }

    struct ContactInput: Decodable {
        var kind: Contact.Kind?
        var company, civility, firstName, lastName, email, phone, mobile, address, postalCode, commune, department, country, language,
            category, birthDate, notes: String?

        var contact: Contact {
            Contact(kind: kind ?? .individual, company: company, civility: civility, firstName: firstName, lastName: lastName, email: email,
                    phone: phone, mobile: mobile, address: address, postalCode: postalCode, commune: commune, department: department,
                    country: country, language: language, category: category, birthDate: birthDate, notes: notes)
        }
    }

    enum Keys: String, CodingKey {
        case contact, basket, contactMode, responseMode, subject, stay, party, originDepartment, originCountry, themes, extra, notes, date
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        contact = try c.decodeIfPresent(ContactInput.self, forKey: .contact)
        basket = try c.decodeIfPresent(BasketInput.self, forKey: .basket)
        var date = Date()
        if let text = try c.decodeIfPresent(String.self, forKey: .date) {
            guard let parsed = ISO8601DateFormatter().date(from: text) ?? ISO8601DateFormatter().date(from: text + "T12:00:00Z") else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "expected YYYY-MM-DD or an ISO 8601 date")
            }
            date = parsed
        }
        request = InformationRequest(
            date: date, contactMode: try c.decode(InformationRequest.ContactMode.self, forKey: .contactMode),
            responseMode: try c.decodeIfPresent(InformationRequest.ContactMode.self, forKey: .responseMode),
            subject: try c.decodeIfPresent(String.self, forKey: .subject), stay: try c.decodeIfPresent(InformationRequest.Stay.self, forKey: .stay),
            party: try c.decodeIfPresent(InformationRequest.Party.self, forKey: .party),
            originDepartment: try c.decodeIfPresent(String.self, forKey: .originDepartment),
            originCountry: try c.decodeIfPresent(String.self, forKey: .originCountry),
            themes: try c.decodeIfPresent([String].self, forKey: .themes) ?? [], extra: try c.decodeIfPresent([String: String].self, forKey: .extra) ?? [:],
            notes: try c.decodeIfPresent(String.self, forKey: .notes))
    }

    /// A decoding error as one sentence naming the field.
    static func explain(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context): "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")): missing"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
