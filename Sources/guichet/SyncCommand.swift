import ArgumentParser
import Brochure
import Foundation
import Records
import Workflows

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull the Apidae project's selections into the cache (one generation), then fetch the new photos.",
        discussion: """
            Configuration from the environment or a file (--apidae-config, else GUICHET_APIDAE_CONFIG; NAME=value lines): \
            GUICHET_APIDAE_PROJECT, GUICHET_APIDAE_KEY, GUICHET_APIDAE_SELECTIONS (comma-separated), GUICHET_APIDAE_URL \
            (default https://api.apidae-tourisme.com), GUICHET_APIDAE_PRO_CONTACTS (professional contacts' mapping file). \
            Prints `added N, updated U, deleted D, rejected R, photos fetched P in T s`; exits 1 when the sync failed \
            (the cache is then as it was).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Apidae configuration file (NAME=value lines).") var apidaeConfig: String?
    @Option(help: "Folder of the photo cache (\"none\": photos are not fetched ahead of time).") var photoCache = "photo-cache"
    @Flag(help: "Apply a pull that deletes more than half of the project's records (a selection emptied on purpose).")
    var allowMassDeletion = false

    func run() throws {
        guard let configuration = try ApidaeConfiguration.load(file: apidaeConfig) else {
            throw ValidationError("Apidae is not configured: set GUICHET_APIDAE_PROJECT and GUICHET_APIDAE_KEY (or --apidae-config FILE)")
        }
        let records = try RecordStore(owner: database.open())
        let photos = photoCache == "none" ? nil : try PhotoCache(folder: photoCache)
        let desk = configuration.professionalContacts == nil ? nil : try ConsentCommand.desk(database, publicURL: nil)
        let sync = try ApidaeSync(records: records, configuration: configuration, photos: photos, desk: desk)
        let terminal = isatty(STDERR_FILENO) == 1
        printError("Apidae: \(configuration)")
        let run = try sync.pullNow(allowMassDeletion: allowMassDeletion) { progress in
            let line: String? = switch progress {
            case let .pages(p): "pages \(p.pages), records \(p.records) of \(p.numFound)"
            case let .downloaded(bytes): "export downloaded: \(bytes) bytes"
            case .applying: "applying to the cache"
            case let .photos(done, total): terminal || done == total ? "photos \(done) of \(total)" : nil
            case .contacts: "professional contacts"
            }
            if let line { FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8)) }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        guard run.status == .succeeded else {
            printError("sync failed: \(run.message ?? "unknown reason")")
            throw ExitCode(1)
        }
        print(run.message ?? run.report.summary)
    }
}
