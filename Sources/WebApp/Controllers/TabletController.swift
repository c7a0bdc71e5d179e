import CRM
import Foundation
import Hummingbird
import Records
import Workflows

/// The desk on a tablet, with or without network: the quick-entry page (kept by the service
/// worker, it opens offline), the office's own records in compact form for offline suggestions,
/// and the service worker itself, served from the root so that it covers every page.
struct TabletController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/entry", .signedIn, use: page)
        routes.add(.get, "/api/records/offline", .signedIn, use: ownRecords)
        // Read once here: the handler never touches the disk.
        let worker = ByteBuffer(bytes: (try? Data(contentsOf: URL(fileURLWithPath: services.webResources + "/Public/sw.js"))) ?? Data())
        routes.add(.get, "/sw.js", .open) { _, _ in
            // Always asked again: a new version of the app reaches the tablets at their next page.
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: worker))
        }
    }

    /// More than an office owns in the largest Apidae territories; a device keeps at most this.
    static let maxOwnRecords = 20_000

    /// The quick entry: the main criteria on one screen with big targets, the details on a second,
    /// the entries waiting on this device, the office's records offline.
    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        return try await services.blocking.run { [services] in
            var data = try RequestPages.formData(caller, context.language, services)
            data["modes"] = InformationRequest.ContactMode.allCases.filter { Self.quickModes.contains($0) }.map {
                ["value": $0.rawValue, "label": DeskLabels.mode($0, context.language), "checked": $0 == .counter] as [String: Any]
            }
            data["keys"] = (1...9).map { ["digit": $0] }
            return try Pages.render(services, "entry", title: context.text("quickEntry"), context: context, data: data)
        }
    }

    /// Where a tablet takes entries: at the counter, on a fair's stand, at an event.
    static let quickModes: Set<InformationRequest.ContactMode> = [.counter, .fair, .phone]

    /// `GET /api/records/offline`: the records the caller's office owns (its Apidae member's), by
    /// name — `{records: [{id, type, typeLabel, name, commune, postalCode, phone, email, website}],
    /// truncated}`. Tagged by the office and the records' revision: a device holding them gets 304.
    @Sendable func ownRecords(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let member = try await services.office(of: caller).apidaeMember
        let services = services
        let offline = OfflineRecords(records: services.records)
        let revision = try await services.blocking.run { try offline.revision() }
        let tag = "\"own-\(member.map(String.init) ?? "none")-\(revision)\""
        var headers: HTTPFields = [.eTag: tag, .cacheControl: "private, no-cache"]
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        let limit = Self.maxOwnRecords
        let records = try await services.blocking.run { try member.map { try offline.ownRecords(member: $0, limit: limit + 1) } ?? [] }
        headers[.contentType] = "application/json; charset=utf-8"
        let body = OwnRecords(records: Array(records.prefix(limit)), truncated: records.count > limit)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSONEncoder().encode(body))))
    }
}

struct OwnRecords: Codable, Sendable {
    var records: [CompactRecord]
    var truncated: Bool
}
