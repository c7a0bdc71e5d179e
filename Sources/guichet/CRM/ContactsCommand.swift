import ArgumentParser
import CRM
import Consent
import Foundation
import Workflows

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contacts", abstract: "An office's contacts.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a contact list (CSV: UTF-8 or Windows-1252, ; or , separated, a header row).",
            discussion: """
            Columns are recognised from their French or English headers (Courriel, Prénom, Nom, Code postal…); --map changes one.
            People on the office's suppression list are not added back. Each address that may be asked gets a confirmation email
            saying where it was collected: the server sends them at its import rate, or this command with --send.
            Ends with "imported N, merged M, suppressed S, rejected R"; exits 3 when rows were rejected (the others are imported).
            """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var office: OfficeOption
        @Option(help: "How the addresses were collected: \(CollectionMode.allCases.map(\.rawValue).joined(separator: ", ")).") var mode: String
        @Option(help: "Where and when, as the confirmation email will say (e.g. \"Salon du randonneur, Lyon, 2026-03-14\").") var context: String
        @Option(help: "What the people agreed to be asked about: own or partners (repeat for both).") var purpose: [String] = ["own"]
        @Option(help: "A column's field, as HEADER=FIELD (fields: \(ContactColumns.Field.allCases.map(\.rawValue).joined(separator: ", ")); \"ignore\" to skip a column).")
        var map: [String] = []
        @Flag(help: "Send the confirmation emails from this command (GUICHET_SMTP_URL), at --rate a minute, before it ends.") var send = false
        @Option(help: "Confirmation emails per minute with --send.") var rate = 60
        @Option(help: "The address the links point to (default: $GUICHET_PUBLIC_URL).") var publicURL: String?
        @Flag(help: "JSON report.") var json = false

        func run() throws {
            guard let mode = CollectionMode(rawValue: mode) else {
                throw ValidationError("--mode: one of \(CollectionMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let purposes = try purpose.map { text -> Purpose in
                guard let purpose = Purpose(rawValue: text) else { throw ValidationError("--purpose: own or partners") }
                return purpose
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let desk = try ConsentCommand.desk(database, publicURL: publicURL)
            let use = ImportContacts(desk: desk)
            var columns: ContactColumns?
            if !map.isEmpty {
                let header = try use.preview(data).file.header
                columns = try ContactColumns.mapping(header: header, changes: map)
            }
            let report = try use.run(data, options: .init(mode: mode, context: context, purposes: purposes, columns: columns), by: office.caller())
            if json {
                try printJSON(report)
            } else {
                for rejection in report.rejected { print("line \(rejection.line): \(rejection.reason)") }
                print("\(report.asked) confirmation email(s) written")
            }
            if send, let mail = desk.mail {
                let delivery = mail.delivery(desk.crm.outbox)
                var sent = 0
                while try !desk.crm.outbox.pacedDue(campaignID: nil, limit: 1, by: office.caller()).isEmpty {
                    sent += try delivery.deliverPaced(window: 1, defaultRate: max(1, rate))
                    Thread.sleep(forTimeInterval: 1)
                }
                if !json { print("\(sent) confirmation email(s) sent") }
            }
            if !json { print(report.summary) }
            if !report.rejected.isEmpty { throw ExitCode(3) }
        }
    }
}
