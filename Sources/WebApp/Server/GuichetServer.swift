import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The web app assembled: middleware, one controller per area, static files, and the background
/// services. `routes` is the table every route is declared in once; the isolation tests walk it.
public struct GuichetServer: Sendable {
    public let services: GuichetServices
    public let routes: [RouteInfo]
    let responder: RouterResponder<WebContext>

    public init(services: GuichetServices) {
        self.services = services
        let router = Router(context: WebContext.self)
        let builder = RouteBuilder(router: router)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(services: services))
        var fileLogger = Logger(label: "guichet.files")
        fileLogger.logLevel = .warning
        router.add(middleware: FileMiddleware(services.webResources + "/Public", urlBasePath: "/static", logger: fileLogger))
        router.add(middleware: AuthenticationMiddleware(services: services))
        AuthController(services: services).register(on: builder)
        SearchController(services: services).register(on: builder)
        BasketController(services: services).register(on: builder)
        RequestController(services: services).register(on: builder)
        ContactController(services: services).register(on: builder)
        StatisticsController(services: services).register(on: builder)
        AdminController(services: services).register(on: builder)
        AccountController(services: services).register(on: builder)
        ConsentController(services: services).register(on: builder)
        CampaignController(services: services).register(on: builder)
        ContactImportController(services: services).register(on: builder)
        RightsController(services: services).register(on: builder)
        RegisterController(services: services).register(on: builder)
        DocumentController(services: services).register(on: builder)
        WebFormController(services: services).register(on: builder)
        ApidaeController(services: services).register(on: builder)
        TabletController(services: services).register(on: builder)
        // Read once here: the handler never touches the disk.
        let document = ByteBuffer(bytes: (try? Data(contentsOf: URL(fileURLWithPath: services.webResources + "/Public/openapi.yaml"))) ?? Data())
        builder.add(.get, "/openapi.yaml", .open) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: document))
        }
        builder.add(.get, "/health", .open) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        // Added last, it wraps only what no route answered: a known path with another method is a 405.
        router.add(middleware: MethodNotAllowedMiddleware(routes: builder.table))
        routes = builder.table
        responder = router.buildResponder()
    }

    /// How often the background services run.
    public struct Schedule: Sendable {
        /// Checks for records changed by an import (the search index is then rebuilt).
        public var refresh: Duration
        /// Tries again the messages waiting in the outbox.
        public var outboxRetry: Duration
        /// Marks expired the consents whose confirmation link was not used in time.
        public var consentExpiry: Duration
        /// Sends the campaigns' and imports' messages, each at its rate.
        public var paced: Duration
        /// An import's confirmation emails per minute.
        public var importRate: Int
        /// Applies every office's retention policy.
        public var retention: Duration
        /// Looks for queued Apidae syncs (notifications, the nightly pull, the admin's button).
        public var apidae: Duration
        public init(refresh: Duration = .seconds(5), outboxRetry: Duration = .seconds(300), consentExpiry: Duration = .seconds(3600),
                    paced: Duration = .seconds(10), importRate: Int = 60, retention: Duration = .seconds(86400),
                    apidae: Duration = .seconds(5)) {
            self.retention = retention
            self.apidae = apidae
            self.refresh = refresh; self.outboxRetry = outboxRetry; self.consentExpiry = consentExpiry; self.paced = paced
            self.importRate = importRate
        }
    }

    /// The Hummingbird application on `host:port` with its background services; `onReady` runs
    /// once the port is open. SIGTERM or SIGINT stop it gracefully: requests under way finish, the
    /// services stop, the process exits 0.
    public func application(host: String = "127.0.0.1", port: Int = 0, schedule: Schedule = .init(),
                            onReady: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        var logger = Logger(label: "guichet")
        logger.logLevel = .notice
        return Application(responder: responder, configuration: .init(address: .hostname(host, port: port), serverName: "Guichet"),
                           services: [SearchIndexRefresh(services: services, interval: schedule.refresh, logger: logger),
                                      OutboxRetry(services: services, interval: schedule.outboxRetry, logger: logger),
                                      ConsentExpiry(services: services, interval: schedule.consentExpiry, logger: logger),
                                      PacedSending(services: services, interval: schedule.paced, importRate: schedule.importRate, logger: logger),
                                      RetentionJob(services: services, interval: schedule.retention, logger: logger),
                                      ApidaeSyncWorker(services: services, interval: schedule.apidae, logger: logger),
                                      ApidaeNightly(services: services, logger: logger)],
                           onServerRunning: { _ in await onReady() }, logger: logger)
    }
}
