import Foundation
import ArgumentParser
import Benchmarks
import Workflows

@main
struct Guichet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guichet",
        abstract: "The counter tool of French tourist offices: Apidae records, search, brochures, requests and replies.",
        subcommands: [
            ImportCommand.self, SyncCommand.self, SearchCommand.self, CommunesCommand.self, BrochureCommand.self, OfficeCommand.self, UserCommand.self,
            RequestCommand.self, ReplyCommand.self, ContactsCommand.self, PersonCommand.self, ConsentCommand.self, RetentionCommand.self, StatsCommand.self, ServeCommand.self, DemoDataCommand.self, BenchCommand.self,
            DatabaseCommand.self,
        ]
    )
}

/// `--database URL` (or `GUICHET_DATABASE_URL`): PostgreSQL; else `--db FILE`, `GUICHET_DB`, `./guichet.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default: $GUICHET_DB or ./guichet.sqlite).")
    var db: String?

    @Option(name: .customLong("database"),
            help: "A PostgreSQL database instead: postgres://user:password@host:5432/name[?sslmode=require|verify-full] (default: $GUICHET_DATABASE_URL).")
    var url: String?

    /// The SQLite file (also the folder beside it for sync staging and locks).
    var path: String { RecordStore.defaultPath(flag: db) }

    var location: DatabaseLocation {
        get throws { try DatabaseLocation.resolve(url: url, path: db) }
    }

    /// The process's one database owner, opened (and migrated) on first use.
    func open() throws -> DatabaseOwner {
        let location = try location
        return try OpenedDatabase.shared.owner(for: location)
    }
}

/// The owner a command opened, so that every store it uses shares it.
final class OpenedDatabase: @unchecked Sendable {
    static let shared = OpenedDatabase()
    private let lock = NSLock()
    private var owners: [String: DatabaseOwner] = [:]

    func owner(for location: DatabaseLocation) throws -> DatabaseOwner {
        try lock.withLock {
            if let owner = owners[location.description] { return owner }
            let owner = try GuichetDatabase.open(location)
            owners[location.description] = owner
            return owner
        }
    }
}

import Records
import Storage
import Workflows

/// `--home DIR`, else `GUICHET_HOME`, else the checkout `guichet` was built in: where Layouts/,
/// Branding/ and Fonts/files/ are, whatever the current directory.
struct HomeOptions: ParsableArguments {
    @Option(help: "Guichet's folder with Layouts/, Branding/, Fonts/files/ (default: $GUICHET_HOME, else the checkout guichet was built in).")
    var home: String?

    func locate() throws -> GuichetHome { try GuichetHome.locate(flag: home) }
}
