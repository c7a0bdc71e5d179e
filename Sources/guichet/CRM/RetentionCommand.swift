import ArgumentParser
import CRM
import Foundation
import Workflows

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Apply each office's retention policy now (the server does it every day).",
        discussion: """
        Contacts nearing the end of their period get a reactivation email (sent by the server at its import rate); those past it, warned
        long enough ago, are anonymised or deleted as the office chose; old messages' bodies and attachments are emptied. One line per office.
        """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this office.") var office: Int64?
    @Flag(help: "Count what would be done; change and send nothing.") var dryRun = false
    @Option(help: "The address the links point to (default: $GUICHET_PUBLIC_URL).") var publicURL: String?
    @Flag(help: "JSON report.") var json = false

    func run() throws {
        let desk = try ConsentCommand.desk(database, publicURL: publicURL)
        let reports = try RetentionRun(desk: desk).run(officeID: office, dryRun: dryRun)
        if json { return try printJSON(reports) }
        for report in reports { print((dryRun ? "(dry run) " : "") + report.summary) }
    }
}
