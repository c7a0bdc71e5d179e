import ArgumentParser
import Brochure
import CRM
import Foundation
import Mail
import Records
import WebApp
import Workflows

struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Reply to a request by email, the basket's brochure attached.",
        discussion: """
        The reply is written to the outbox first, then sent once through GUICHET_SMTP_URL (user, password and sender from \
        GUICHET_SMTP_USER, GUICHET_SMTP_PASSWORD, GUICHET_SMTP_FROM). Running the command again for the same reply sends nothing twice.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var office: OfficeOption
    @OptionGroup var home: HomeOptions
    @Option(help: "Request id.") var request: Int64
    @Flag(help: "Attach the request's basket as a PDF brochure.") var attachBasket = false
    @Flag(help: "Write the reply and print it, send nothing.") var dryRun = false
    @Option(help: "Save the attached PDF here too.") var savePdf: String?
    @Option(help: "Folder where photos fetched by URL are kept.") var photoCache = "photo-cache"
    @Flag(help: "Print without photos.") var noPhotos = false

    func run() throws {
        let crm = try SQLCRM.open(database)
        let caller = office.caller()
        let home = try home.locate()
        let maker = try BrochureMaker(records: try RecordStore(owner: database.open()), layoutsFolder: home.layouts, brandingFolder: home.branding,
                                      fontsFolder: home.fonts, photos: noPhotos ? nil : try PhotoCache(folder: photoCache))
        let configuration = dryRun ? nil : try SMTPConfiguration.fromEnvironment()
        let reply = ReplyToRequest(crm: crm, brochures: maker,
                                   mail: configuration.map { .init(transport: SMTPTransport($0), from: $0.from) })
        let entry = try reply.write(requestID: request, attachBasket: attachBasket, by: caller)
        if let savePdf, let pdf = entry.attachments.first { try pdf.data.write(to: URL(fileURLWithPath: savePdf)) }
        print("reply \(entry.id) to \(entry.recipient): \(entry.subject)")
        for a in entry.attachments { print("  attached \(a.fileName) (\(a.data.count) bytes)") }
        if dryRun {
            print("\n\(entry.text)\n\n(dry run: written to the outbox as \(entry.state.rawValue), not sent)")
            return
        }
        let state = try reply.send(entry, by: caller)
        let settled = try crm.outbox.entry(id: entry.id, by: caller)
        print("state: \(state.rawValue)" + (settled.lastError.map { " — \($0)" } ?? ""))
        if state != .sent { throw ExitCode(state == .retry ? 75 : 1) }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Request statistics of an office or of the region.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Office id.") var office: Int64?
    @Flag(help: "All offices together (counts only).") var region = false
    @Option(help: "From this day (YYYY-MM-DD).") var from: String?
    @Option(help: "Before this day (YYYY-MM-DD).") var to: String?
    @Flag(help: "CSV on standard output.") var csv = false
    @Option(help: "Write months.svg and themes.svg into this folder.") var svg: String?

    func validate() throws {
        guard (office != nil) != region else { throw ValidationError("give --office ID or --region") }
    }

    func run() throws {
        func day(_ text: String?, _ flag: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = ISO8601DateFormatter().date(from: text + "T00:00:00Z") else { throw ValidationError("\(flag): expected YYYY-MM-DD") }
            return date
        }
        let caller = office.map { Caller(role: .officeAdmin, officeID: $0, userName: "guichet") } ?? .regionalAdmin
        let stats = try SQLCRM.open(database).statistics.statistics(from: try day(from, "--from"), to: try day(to, "--to"), by: caller)
        if let svg {
            try FileManager.default.createDirectory(atPath: svg, withIntermediateDirectories: true)
            try StatisticsChart.months(stats.byMonth).write(toFile: svg + "/months.svg", atomically: true, encoding: .utf8)
            try StatisticsChart.bars(stats.byTheme).write(toFile: svg + "/themes.svg", atomically: true, encoding: .utf8)
        }
        if csv { return print(try stats.csv(), terminator: "") }
        print("requests: \(stats.requests), qualified: \(stats.qualified) (\(String(format: "%.1f", stats.qualificationRate * 100))%; charter target \(Int(Statistics.qualificationTarget * 100))%)")
        for (title, counts) in [("by month", stats.byMonth), ("by contact mode", stats.byContactMode), ("by department", stats.byOriginDepartment),
                                ("by country", stats.byOriginCountry), ("by theme", stats.byTheme)] where !counts.isEmpty {
            print("\(title): " + counts.map { "\($0.key) \($0.count)" }.joined(separator: ", "))
        }
    }
}
