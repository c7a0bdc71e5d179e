import ArgumentParser
import CRM
import Foundation
import Workflows

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person's rights with an office: access and portability, erasure, objection (each written to the audit log).",
        subcommands: [Export.self, Erase.self, Object.self])

    struct Target: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var office: OfficeOption
        @Option(help: "The person's email address.") var email: String

        func rights() throws -> (PersonRights, Contact, Caller) {
            let rights = PersonRights(desk: try ConsentCommand.desk(database, publicURL: nil))
            let caller = office.caller()
            do {
                return (rights, try rights.contact(email: email, by: caller), caller)
            } catch CRMError.notFound {
                throw ValidationError("no contact of office \(office.office) has the address \(email)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything the office holds about the person, as a zip of JSON and CSV files.")
        @OptionGroup var target: Target
        @Option(name: .shortAndLong, help: "The zip to write.") var output: String

        func run() throws {
            let (rights, contact, caller) = try target.rights()
            let export = try rights.export(contactID: contact.id, by: caller)
            try export.zip.write(to: URL(fileURLWithPath: output))
            print("contact \(contact.id): \(export.zip.count) bytes written to \(output)")
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the person from the office (requests stay without identity for the statistics; no import adds them back).")
        @OptionGroup var target: Target
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() throws {
            let (rights, contact, caller) = try target.rights()
            if !yes {
                print("Erase contact \(contact.id) from office \(target.office.office) for good? Type yes: ", terminator: "")
                guard readLine()?.lowercased() == "yes" else { throw ValidationError("nothing erased") }
            }
            let erasure = try rights.erase(contactID: contact.id, by: caller)
            print("contact \(contact.id) erased: \(erasure.summary)")
        }
    }

    struct Object: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the person's objection: nothing more from the office, never asked again.")
        @OptionGroup var target: Target
        @Option(help: "How it was received (e.g. \"lettre du 3 mars\").") var context: String?

        func run() throws {
            let (rights, contact, caller) = try target.rights()
            try rights.object(contactID: contact.id, heard: context, by: caller)
            print("contact \(contact.id): objection recorded; the office's suppression list holds the person")
        }
    }
}
