import ArgumentParser
import Foundation
import Records

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Apidae files, export folders or zips, communes.json and the La Poste CSV.",
        discussion: """
            Exits 0 when everything was imported, 3 when some records were rejected (the others are \
            imported and each rejection is listed), 1 when an input cannot be read at all.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Flag(name: .shortAndLong, help: "List every file passed over.") var verbose = false
    @Argument(help: "Files, folders or .zip exports.") var paths: [String]

    func run() throws {
        let store = try RecordStore(owner: database.open())
        let importer = Importer(store: store)
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        importer.progress = { bar.show($0) }
        let report = try importer.importPaths(paths)
        bar.finish()
        for problem in report.problems { printError("rejected: \(problem)") }
        if report.rejected > report.problems.count {
            printError("… and \(report.rejected - report.problems.count) more rejections")
        }
        if verbose { for skipped in report.skipped { printError("skipped: \(skipped)") } }
        else if !report.skipped.isEmpty { printError("skipped \(report.skipped.count) files that are not Apidae data (--verbose lists them)") }
        print(report.summary)
        if report.rejected > 0 { throw ExitCode(3) }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A one-line progress bar on stderr, drawn only on a terminal.
///
/// `@unchecked Sendable`: the importer reports progress from its one reading thread, one call at
/// a time; `last` is only touched there.
final class ProgressBar: @unchecked Sendable {
    let enabled: Bool
    private var last = 0.0
    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: ImportProgress) {
        guard enabled, p.bytesTotal > 0 else { return }
        let now = Date().timeIntervalSince1970
        guard now - last > 0.1 else { return }
        last = now
        let fraction = min(1, Double(p.bytesDone) / Double(p.bytesTotal))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(Int(fraction * 100))% \(p.records) records".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
