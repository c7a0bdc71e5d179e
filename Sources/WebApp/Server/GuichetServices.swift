import Brochure
import CRM
import Foundation
import Mail
import Mustache
import Records
import Search
import Workflows

/// Everything the routes use, opened once at start-up.
public final class GuichetServices: Sendable {
    public let records: RecordStore
    public let engine: SearchEngine
    public let crm: SQLiteCRMStore
    public let brochures: BrochureMaker
    public let templates: MustacheLibrary
    public let sessions: SessionStore
    public let throttle: LoginThrottle
    /// nil: replies are written to the outbox and wait (the page says so).
    public let smtp: SMTPConfiguration?
    /// `Secure` on cookies: on behind HTTPS, off on plain localhost.
    public let secureCookies: Bool
    public let startedAt = Date()
    let hot = HotCache()

    public init(databasePath: String, resources: ResourceFolders = .init(), smtp: SMTPConfiguration?, secureCookies: Bool,
                sessionIdleTimeout: TimeInterval = 8 * 3600) async throws {
        records = try RecordStore(path: databasePath)
        engine = try SearchEngine(store: records)
        crm = try SQLiteCRMStore(path: databasePath)
        _ = try crm.markInterrupted()
        brochures = try BrochureMaker(records: records, layoutsFolder: resources.layouts, brandingFolder: resources.branding,
                                      fontsFolder: resources.fonts, photos: try resources.photoCache.map { try PhotoCache(folder: $0) })
        templates = try await MustacheLibrary(directory: Self.bundled("Templates"))
        sessions = SessionStore(idleTimeout: sessionIdleTimeout)
        throttle = LoginThrottle()
        self.smtp = smtp
        self.secureCookies = secureCookies
    }

    /// Where the folders of the repository are (the server runs from its root by default).
    public struct ResourceFolders: Sendable {
        public var layouts = "Layouts"
        public var branding = "Branding"
        public var fonts = "Fonts/files"
        /// nil: no photo is fetched for brochures.
        public var photoCache: String? = "photo-cache"
        public init(layouts: String = "Layouts", branding: String = "Branding", fonts: String = "Fonts/files", photoCache: String? = "photo-cache") {
            self.layouts = layouts; self.branding = branding; self.fonts = fonts; self.photoCache = photoCache
        }
    }

    /// A folder copied into the target's resources.
    static func bundled(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent(name).path
    }

    /// The office's brochure branding: what its admin set, else its member's file, else its name.
    func branding(for office: Office, by caller: Caller) throws -> Branding {
        try brochures.branding(for: office, own: try crm.branding(by: caller))
    }
}
