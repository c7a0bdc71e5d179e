import ArgumentParser
import Foundation
import Storage
import Workflows

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "database", abstract: "The database itself: move an office's SQLite file to PostgreSQL.",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every row of a SQLite file into an empty PostgreSQL database, verified table by table.",
            discussion: """
            Both are brought to the latest schema first. The copy is one transaction of the target: it commits only when every \
            table's rows and checksum match the source's; a target that already holds data is refused.
            """)

        @Option(help: "The SQLite file.") var from: String
        @Option(help: "The PostgreSQL database: postgres://user:password@host:5432/name.") var to: String

        func run() throws {
            let source = try GuichetDatabase.open(.sqlite(path: from))
            let target = try GuichetDatabase.open(.postgres(PostgresLocation(url: to)))
            defer { source.close(); target.close() }
            let report = try DatabaseCopy(from: source, to: target).run()
            for table in report.tables where table.rows > 0 {
                print("\(table.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(table.rows).leftPadded(9))  \(table.checksum)")
            }
            print(String(format: "%d rows in %d tables copied and verified in %.1f s (%.0f rows/s)", report.rows, report.tables.count, report.seconds,
                         Double(report.rows) / max(report.seconds, 0.001)))
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
