import ArgumentParser
import CRM
import Foundation
import Workflows

struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "office", abstract: "Member offices (regional admin).",
                                                    subcommands: [Add.self, List.self, Token.self])

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for an office (printed once; kept as a hash).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "What the token is for.") var name: String

        func run() throws {
            print(try Administration(crm: try SQLCRM.open(database)).createAPIToken(name: name, by: office.caller()))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an office.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Office name.") var name: String
        @Option(help: "START (qualification of requests) or PREMIUM (brochures, campaigns, regional search).") var tier: String
        @Flag(help: "The brochure add-on, for a START office.") var brochureAddon = false
        @Option(help: "Apidae member id whose records the office owns (and its Branding/ID.yaml).") var member: Int?

        func run() throws {
            guard let tier = Office.Tier(rawValue: tier.uppercased()) else { throw ValidationError("--tier: START or PREMIUM") }
            let office = try Administration(crm: try SQLCRM.open(database)).addOffice(name: name, tier: tier, brochureAddOn: brochureAddon, apidaeMember: member, by: .regionalAdmin)
            print("office \(office.id): \(office.name) (\(office.tier.rawValue)\(office.brochureAddOn ? " + brochures" : ""))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the offices.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let offices = try SQLCRM.open(database).offices.all(by: .regionalAdmin)
            if json { return try printJSON(offices) }
            for o in offices {
                print("\(o.id)\t\(o.tier.rawValue)\(o.brochureAddOn ? "+brochures" : "")\t\(o.apidaeMember.map(String.init) ?? "-")\t\(o.name)")
            }
        }
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Users who sign in.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user.", discussion: "The password is read from GUICHET_PASSWORD, else from the first line of standard input.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Sign-in email.") var email: String
        @Option(help: "Name shown on requests and replies.") var name: String
        @Option(help: "agent, office-admin or regional-admin.") var role = "agent"
        @Option(help: "Office id (not for the regional admin).") var office: Int64?

        func run() throws {
            guard let role = Caller.Role(rawValue: role) else { throw ValidationError("--role: agent, office-admin or regional-admin") }
            guard let password = ProcessInfo.processInfo.environment["GUICHET_PASSWORD"] ?? readLine(strippingNewline: true) else {
                throw ValidationError("no password: set GUICHET_PASSWORD or pipe it on standard input")
            }
            let user = try Administration(crm: try SQLCRM.open(database)).addUser(email: email, name: name, role: role, officeID: office, password: password, by: .regionalAdmin)
            print("user \(user.id): \(user.email) (\(user.role.rawValue)\(user.officeID.map { ", office \($0)" } ?? ""))")
        }
    }
}
