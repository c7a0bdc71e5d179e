import Foundation

/// Runs the `guichet` executable built beside the tests, in `directory`, and returns its exit
/// status and everything it printed (standard output and error together).
public func runGuichet(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
                       removing removed: [String] = []) throws -> (status: Int32, output: String) {
    guard let executable = TestData.guichetExecutable else { throw TestSupportError("the guichet executable was not built") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    for name in removed { environment[name] = nil }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// An office made from the command line in a temporary folder, with a real SMTP server the
/// commands send through and the public address links point to.
public struct CommandLineOffice {
    public let folder: TemporaryStore
    public let server: SMTPTestServer
    public let database: String

    public init() throws {
        folder = try TemporaryStore()
        server = try SMTPTestServer()
        database = folder.folder.appendingPathComponent("cli.sqlite").path
        guard try guichet(["office", "add", "--name", "Office de Tourisme du Lac d'Annecy", "--tier", "PREMIUM"]).status == 0 else {
            throw TestSupportError("guichet office add failed")
        }
    }

    /// Runs `guichet` on the office's database.
    public func guichet(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runGuichet(arguments + ["--db", database], in: folder.folder, environment: [
            "GUICHET_SMTP_URL": server.url + "?starttls=never", "GUICHET_SMTP_FROM": "accueil@ot-annecy.example",
            "GUICHET_PUBLIC_URL": "https://guichet.example.org",
        ])
    }
}
