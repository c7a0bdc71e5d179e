import ArgumentParser
import CRM
import Consent
import Foundation
import Mail
import Workflows

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent", abstract: "A person's consent with an office.",
                                                    subcommands: [Show.self, Ask.self])

    /// The consent desk over the database, its mail server from the environment when set.
    static func desk(_ database: DatabaseOptions, publicURL: String?) throws -> ConsentDesk {
        let crm = try SQLCRM.open(database)
        let store = try SQLConsentStore(owner: database.open())
        let keys = try ConsentDesk.keys(store: store)
        let environment = ProcessInfo.processInfo.environment
        let smtp = environment["GUICHET_SMTP_URL"] == nil ? nil : try SMTPConfiguration.fromEnvironment()
        let mail = smtp.map { Mailer(transport: SMTPTransport($0), from: $0.from, policy: ConsentDesk.gate(crm: crm, store: store, keys: keys)) }
        return ConsentDesk(crm: crm, store: store, keys: keys, mail: mail,
                           publicURL: publicURL ?? environment["GUICHET_PUBLIC_URL"] ?? "http://127.0.0.1:8080")
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The person's state per purpose and channel, and every event with its proof.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "The person's email address.") var email: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let desk = try ConsentCommand.desk(database, publicURL: nil)
            let caller = office.caller()
            guard let contact = try desk.crm.contacts.contact(email: email, by: caller),
                  let view = try ConsentRecord(desk: desk).view(contactID: contact.id, by: caller) else {
                throw ValidationError("no contact of office \(office.office) has the address \(email)")
            }
            if json {
                return try printJSON(ConsentView(states: view.states.map { .init(purpose: $0.purpose, channel: $0.channel, state: $0.state) },
                                                 events: view.events))
            }
            for state in view.states where state.state != .none || state.channel == .email {
                print("\(state.purpose.rawValue)\t\(state.channel.rawValue)\t\(state.state.rawValue)")
            }
            for e in view.events {
                let proof = [e.agent, e.ipAddress, e.userAgent, e.context, e.wordingVersion.map { "wording v\($0) \(e.wordingHash ?? "")" }]
                    .compactMap { $0 }.joined(separator: " · ")
                print("\(e.at.formatted(.iso8601))\t\(e.kind.rawValue)\t\(e.purpose.rawValue)/\(e.channel.rawValue)\t\(e.mode.rawValue)\t\(proof)")
            }
        }
    }

    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a person the confirmation email (re-opt-in of one contact).",
            discussion: "The email goes through GUICHET_SMTP_URL (it waits in the outbox without it); its links use GUICHET_PUBLIC_URL.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "The person's email address (a contact of the office).") var email: String
        @Option(help: "own or partners (repeat for both).") var purpose: [String] = ["own"]
        @Option(help: "Where and when the address was collected, as the email will say.") var context: String?
        @Option(help: "The address the links point to (default: $GUICHET_PUBLIC_URL).") var publicURL: String?

        func run() throws {
            let purposes = try purpose.map { text -> Purpose in
                guard let purpose = Purpose(rawValue: text) else { throw ValidationError("--purpose: own or partners") }
                return purpose
            }
            let desk = try ConsentCommand.desk(database, publicURL: publicURL)
            let caller = office.caller()
            guard let contact = try desk.crm.contacts.contact(email: email, by: caller) else {
                throw ValidationError("no contact of office \(office.office) has the address \(email)")
            }
            let outcome = try AskConsent(desk: desk).run(contactID: contact.id, purposes: purposes, mode: .email, context: context, by: caller)
            if outcome.suppressed { return print("\(email) objected or was erased: not asked again") }
            guard let entry = outcome.confirmation else { return print("nothing asked") }
            print("confirmation email \(entry.id) to \(entry.recipient): \(entry.state.rawValue)")
        }
    }
}

struct ConsentView: Encodable {
    struct State: Encodable { var purpose: Purpose; var channel: Channel; var state: ConsentState }
    var states: [State]
    var events: [ConsentEvent]
}
