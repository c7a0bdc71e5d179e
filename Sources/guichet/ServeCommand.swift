import ArgumentParser
import CRM
import Foundation
import Mail
import Records
import WebApp
import Workflows

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web app for counter staff.",
        discussion: """
        With --demo, an empty database gets demo records, two offices (START and PREMIUM), their users and a season of requests; \
        the sign-in address and the demo accounts are printed. Without it, an empty database starts with the regional admin of \
        GUICHET_ADMIN_EMAIL / GUICHET_ADMIN_PASSWORD, or the server refuses to start. Replies are sent through GUICHET_SMTP_URL \
        (GUICHET_SMTP_FROM, GUICHET_SMTP_USER, GUICHET_SMTP_PASSWORD); without it they wait in the outbox.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var home: HomeOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Fill an empty database with demo data and accounts.") var demo = false
    @Option(help: "Demo records to generate.") var demoRecords = 5000
    @Flag(help: "Mark cookies Secure (behind HTTPS).") var secureCookies = false
    @Option(help: "Photo cache folder for brochures (\"none\" to print without photos).") var photoCache = "photo-cache"
    @Option(help: "Seconds between looks at the outbox for messages due (mail server down: tried again after 1, 2, 4… minutes).")
    var outboxRetry = 60
    @Option(help: "Tries of a message the mail server could not take before it is marked failed (an agent can send it again).")
    var outboxAttempts = 8
    @Option(help: "The address people reach Guichet at, for the links in invitation emails (default: $GUICHET_PUBLIC_URL, else http://HOST:PORT).")
    var publicURL: String?
    @Option(name: .customLong("trusted-proxy"),
            help: "Address of a reverse proxy in front of Guichet, whose X-Forwarded-For names the client (repeat for several; also $GUICHET_TRUSTED_PROXIES, comma-separated).")
    var trustedProxies: [String] = []
    @Option(help: "Seconds between checks for imported or synced records (the changed ones are applied to the search index).") var refresh = 5
    @Option(help: "Seconds between sends of campaign and import messages (each campaign at its own rate).") var pacedInterval = 10
    @Option(help: "Confirmation emails of a contact import sent per minute.") var importRate = 60
    @Option(help: "Apidae configuration file (NAME=value lines; else $GUICHET_APIDAE_CONFIG and the GUICHET_APIDAE_* variables).")
    var apidaeConfig: String?

    func run() async throws {
        let owner = try database.open()
        let crm = SQLCRM(owner: owner)
        if demo {
            let accounts = try DemoSeed.seed(database: owner, records: demoRecords) { print($0) }
            if !accounts.isEmpty {
                print("\nDemo accounts (password \(DemoSeed.password)):")
                for a in accounts { print("  \(a.email.padding(toLength: 24, withPad: " ", startingAt: 0)) \(a.role.padding(toLength: 15, withPad: " ", startingAt: 0)) \(a.office)") }
            }
        } else if try crm.users.all(by: .regionalAdmin).isEmpty {
            let environment = ProcessInfo.processInfo.environment
            guard let email = environment["GUICHET_ADMIN_EMAIL"], let password = environment["GUICHET_ADMIN_PASSWORD"] else {
                throw ValidationError("the database has no user: set GUICHET_ADMIN_EMAIL and GUICHET_ADMIN_PASSWORD for the regional admin, or run with --demo")
            }
            _ = try crm.users.add(email: email, name: "Administration régionale", role: .regionalAdmin, officeID: nil,
                                                       password: password, by: .regionalAdmin)
            print("regional admin \(email) created")
        }
        let apidae = try ApidaeConfiguration.load(file: apidaeConfig)
        if let apidae { print("Apidae: \(apidae); nightly pull at \(String(format: "%02d:%02d", apidae.nightlyAt.hour, apidae.nightlyAt.minute)), export notifications at /apidae/export") }
        let smtp: SMTPConfiguration? = ProcessInfo.processInfo.environment["GUICHET_SMTP_URL"] == nil ? nil : try SMTPConfiguration.fromEnvironment()
        let started = Date()
        let services = try await GuichetServices(database: owner, home: try home.locate(), photoCache: photoCache == "none" ? nil : photoCache,
                                                 smtp: smtp, secureCookies: secureCookies, backoff: RetryBackoff(maxAttempts: outboxAttempts),
                                                 trustedProxies: Set(trustedProxies + (ProcessInfo.processInfo.environment["GUICHET_TRUSTED_PROXIES"] ?? "")
                                                     .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
                                                 publicURL: publicURL ?? ProcessInfo.processInfo.environment["GUICHET_PUBLIC_URL"]
                                                     ?? "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)",
                                                 apidae: apidae)
        print(String(format: "search index ready: %d records in %.1f s, ", services.engine.recordCount, Date().timeIntervalSince(started))
              + services.search.startup.description)
        let server = GuichetServer(services: services)
        let url = "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)/login"
        let schedule = GuichetServer.Schedule(refresh: .seconds(max(1, refresh)), outboxRetry: .seconds(max(10, outboxRetry)),
                                              paced: .seconds(max(1, pacedInterval)), importRate: max(1, importRate))
        // SIGTERM or SIGINT: requests under way finish, the background services stop, exit 0.
        try await server.application(host: host, port: port, schedule: schedule) {
            print("Guichet is listening: \(url)")
            fflush(nil)
        }.runService()
        print("Guichet stopped")
    }
}
