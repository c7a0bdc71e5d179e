import Brochure
import CRM
import Foundation
import Mail
import Mustache
import Records
import Search
import Synchronization
import Workflows

/// Everything the routes use, opened once at start-up.
public final class GuichetServices: Sendable {
    public let records: RecordStore
    /// The search index over the cache; replaced whole when imports change the records.
    public var engine: SearchEngine { current.withLock { $0.engine } }
    private let current: Mutex<(engine: SearchEngine, revision: Int)>
    private let rebuilding = Mutex(false)
    public let crm: SQLiteCRMStore
    public let brochures: BrochureMaker
    public let templates: MustacheLibrary
    public let sessions: SessionStore
    public let throttle: LoginThrottle
    /// nil: replies are written to the outbox and wait (the page says so).
    public let smtp: SMTPConfiguration?
    /// `Secure` on cookies: on behind HTTPS, off on plain localhost.
    public let secureCookies: Bool
    let hot = HotCache()

    public init(databasePath: String, resources: ResourceFolders = .init(), smtp: SMTPConfiguration?, secureCookies: Bool,
                sessionIdleTimeout: TimeInterval = 8 * 3600) async throws {
        records = try RecordStore(path: databasePath)
        let revision = try records.revision()
        current = Mutex((try SearchEngine(store: records), revision))
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

    /// Rebuilds the search index when the records changed since it was built (an import by
    /// `guichet import` while the server runs); searches keep using the old one until the new one
    /// is ready. Returns whether it rebuilt.
    @discardableResult
    public func refreshSearchIndex() throws -> Bool {
        let revision = try records.revision()
        guard revision != current.withLock({ $0.revision }) else { return false }
        guard rebuilding.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return false }
        defer { rebuilding.withLock { $0 = false } }
        let engine = try SearchEngine(store: records)
        current.withLock { $0 = (engine, revision) }
        return true
    }

    /// Checks for changed records every `interval` seconds, for the server's life.
    public func watchRecords(every interval: Duration, log: @escaping @Sendable (String) -> Void) {
        Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let started = ContinuousClock.now
                do {
                    if try self.refreshSearchIndex() {
                        log("search index rebuilt after an import: \(self.engine.index.count) records in \(ContinuousClock.now - started)")
                    }
                } catch {
                    log("search index not rebuilt: \(error)")
                }
            }
        }
    }

    /// Tries again, every `interval`, the messages that wait in the outbox (a mail server that was
    /// down); does nothing without an SMTP configuration.
    public func watchOutbox(every interval: Duration, log: @escaping @Sendable (String) -> Void) {
        guard let smtp else { return }
        Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                do {
                    let sent = try OutboxDelivery(store: crm, transport: SMTPTransport(smtp), from: smtp.from).deliverAllPending()
                    if sent > 0 { log("outbox: \(sent) waiting message(s) sent") }
                } catch {
                    log("outbox: \(error)")
                }
            }
        }
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
