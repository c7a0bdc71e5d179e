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
        ]
    )
}

/// `--db FILE`, else `GUICHET_DB`, else `./guichet.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite cache (default: $GUICHET_DB or ./guichet.sqlite).")
    var db: String?

    var path: String { RecordStore.defaultPath(flag: db) }
}

import Records

/// `--home DIR`, else `GUICHET_HOME`, else the checkout `guichet` was built in: where Layouts/,
/// Branding/ and Fonts/files/ are, whatever the current directory.
struct HomeOptions: ParsableArguments {
    @Option(help: "Guichet's folder with Layouts/, Branding/, Fonts/files/ (default: $GUICHET_HOME, else the checkout guichet was built in).")
    var home: String?

    func locate() throws -> GuichetHome { try GuichetHome.locate(flag: home) }
}
