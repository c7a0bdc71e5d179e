import Foundation
import Hummingbird
import Records
import Workflows

/// Apidae's side of the sync: the export notification Apidae POSTs (answered at once, the import
/// runs in the background), and the regional admin's page — the last runs, and a pull on demand.
struct ApidaeController {
    let services: GuichetServices
    /// A notification is a few form fields.
    static let maxBody = 16 * 1024

    func register(on routes: RouteBuilder) {
        routes.add(.post, "/apidae/export", .open, use: notification)
        routes.add(.get, "/admin/apidae", .regionalAdmin, use: page)
        routes.add(.post, "/admin/apidae/sync", .regionalAdmin, use: syncNow)
    }

    /// `projetId`, `statut`, `ponctuel`, `reinitialisation`, `urlRecuperation`, `urlConfirmation`
    /// as a form. Recorded (queued, or ignored with the reason), answered 200 at once.
    @Sendable func notification(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let sync = services.apidae else { throw HTTPError(.notFound, message: "Apidae is not configured on this server.") }
        if let token = sync.configuration.notificationToken {
            let given = request.uri.queryParameters.get("token") ?? ""
            guard Self.constantTimeEqual(given, token) else { throw HTTPError(.forbidden, message: "The notification's token is missing or wrong.") }
        } else if services.refusesUnsignedNotifications {
            // Reachable from the internet: an unsigned "reinitialisation" from anyone is refused.
            throw HTTPError(.forbidden, message: Self.unsignedRefusal)
        }
        var request = request
        let form = Form(String(buffer: try await request.collectBody(upTo: Self.maxBody)))
        let fields = Dictionary(form.pairs, uniquingKeysWith: { first, _ in first })
        let notification: ExportNotification
        do { notification = try ExportNotification(form: fields) } catch {
            throw HTTPError(.badRequest, message: "\(error)")
        }
        let run: SyncRun
        do { run = try await services.blocking.run { try sync.receive(notification) } } catch let error as RecordsError {
            guard case .sync = error else { throw error }
            throw HTTPError(.tooManyRequests, message: "\(error)")
        }
        let text = run.status == .queued ? "OK: export queued (run \(run.id))" : "OK: recorded, not imported: \(run.message ?? "")"
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let unsignedRefusal = """
        Export notifications are refused: this server's public address is not on this machine and \
        GUICHET_APIDAE_NOTIFY_TOKEN is not set (declare the notification URL with ?token=… in the Apidae project).
        """

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let notice = request.uri.queryParameters.get("ok").flatMap { DeskLabels.notice($0, context.language) }
        let services = services
        return try await services.blocking.run {
            var data: [String: Any] = [:]
            if let notice { data["notice"] = notice }
            if let sync = services.apidae {
                let c = sync.configuration
                data["configured"] = true
                data["project"] = c.projectID
                data["api"] = FetchPolicy.host(of: c.apiURL) ?? c.apiURL
                data["selections"] = c.selections.isEmpty ? "—" : c.selections.map(String.init).joined(separator: ", ")
                data["exportHosts"] = c.exportHosts.sorted().joined(separator: ", ")
                data["nightly"] = String(format: "%02d:%02d", c.nightlyAt.hour, c.nightlyAt.minute)
                data["proContacts"] = c.professionalContacts != nil
                data["notifyURL"] = services.publicURL + "/apidae/export" + (c.notificationToken == nil ? "" : "?token=…")
                let runs = try sync.recentRuns(limit: 15)
                data["runs"] = runs.map { Self.row($0, context.language) }
                data["hasRuns"] = !runs.isEmpty
                if let last = runs.first(where: { $0.status == .succeeded }) { data["last"] = Self.row(last, context.language) }
            }
            return try Pages.render(services, "apidae", title: context.text("apidaeSync"), context: context, data: data)
        }
    }

    @Sendable func syncNow(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await Form.read(request, context: context)  // the CSRF check
        guard let sync = services.apidae else { throw HTTPError(.notFound, message: "Apidae is not configured on this server.") }
        _ = try await services.blocking.run { try sync.queuePull() }
        return Pages.redirect("/admin/apidae?ok=syncQueued")
    }

    static func row(_ run: SyncRun, _ language: UILanguage) -> [String: Any] {
        let format: (Date) -> String = { $0.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().locale(language.locale)) }
        return ["id": run.id, "at": format(run.receivedAt), "kind": DeskLabels.syncKind(run, language),
                "status": DeskLabels.syncStatus(run.status, language), "ok": run.status == .succeeded, "failed": run.status == .failed,
                "message": DeskLabels.syncResult(run, language), "confirmed": run.confirmedAt.map(format) ?? "",
                "finished": run.finishedAt.map(format) ?? ""]
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
