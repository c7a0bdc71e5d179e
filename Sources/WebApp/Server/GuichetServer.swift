import Foundation
import Hummingbird
import Logging

/// The web app: routes, middleware, static files. `routes` is the table the isolation tests walk.
/// The router is built once in `init` and never changed after.
public final class GuichetServer: @unchecked Sendable {
    public let services: GuichetServices
    public private(set) var routes: [RouteInfo] = []
    let router: Router<WebContext>

    public init(services: GuichetServices) {
        self.services = services
        router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(services: services))
        var fileLogger = Logger(label: "guichet.files")
        fileLogger.logLevel = .warning
        router.add(middleware: FileMiddleware(GuichetServices.bundled("Public"), urlBasePath: "/static", logger: fileLogger))
        router.add(middleware: AuthenticationMiddleware(services: services))
        let builder = RouteBuilder(router: router)
        addAuthRoutes(builder)
        addLanguageRoute(builder)
        addSearchRoutes(builder)
        addBasketRoutes(builder)
        addRequestRoutes(builder)
        addContactRoutes(builder)
        addStatsRoutes(builder)
        addAdminRoutes(builder)
        builder.add(.get, "/openapi.yaml", .open) { _, _ in
            let document = (try? Data(contentsOf: URL(fileURLWithPath: GuichetServices.bundled("Public/openapi.yaml")))) ?? Data()
            return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        builder.add(.get, "/health", .open) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        routes = builder.table
    }

    /// The Hummingbird application on `host:port`; `onReady` runs once the port is open.
    public func application(host: String = "127.0.0.1", port: Int = 0,
                            onReady: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        var logger = Logger(label: "guichet")
        logger.logLevel = .notice
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Guichet"),
                           onServerRunning: { _ in await onReady() }, logger: logger)
    }

    /// Serves until the process is stopped.
    public func run(host: String, port: Int, onReady: @escaping @Sendable () async -> Void = {}) async throws {
        try await application(host: host, port: port, onReady: onReady).runService()
    }
}
