import Brochure
import CRM
import Consent
import Foundation
import Mail
import Mustache
import Records
import Search
import Storage
import Workflows

/// What the controllers work with, opened once at start-up: the stores, the live search index,
/// the use cases built on them, the templates, sessions and sign-in throttle, and the threads
/// blocking work runs on. Long-running loops are `Service`s of their own (`Services/`).
public final class GuichetServices: Sendable {
    /// The process's one database owner: every store below works through it.
    public let database: DatabaseOwner
    public let records: RecordStore
    public let search: LiveSearchIndex
    public let crm: any CRMStores
    public let brochures: BrochureMaker
    public let templates: MustacheLibrary
    public let sessions: Sessions
    public let throttle: LoginThrottle
    /// Submissions of the public request forms, per client address and per form.
    public let formLimiter: WebFormLimiter
    /// nil: replies are written to the outbox and wait (the page says so).
    public let smtp: SMTPConfiguration?
    /// `Secure` on cookies: on behind HTTPS, off on plain localhost.
    public let secureCookies: Bool
    public let blocking: BlockingPool
    /// The folder holding `Templates/` and `Public/` (see `webResources(in:)`).
    public let webResources: String
    /// How replies the mail server could not take are tried again.
    public let backoff: RetryBackoff
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the sign-in throttle).
    public let trustedProxies: Set<String>
    /// The address people reach the app at, for the links in the emails it sends.
    public let publicURL: String
    /// Consent records and keys, and the mail server with the consent gate in front of it.
    public let consent: ConsentDesk
    public let mailer: Mailer?
    /// The records following Apidae (export notifications, nightly pull); nil when not configured.
    public let apidae: ApidaeSync?
    let hot = HotCache()

    public convenience init(databasePath: String, home: GuichetHome, photoCache: String?, smtp: SMTPConfiguration?, secureCookies: Bool,
                            sessionIdleTimeout: TimeInterval = 8 * 3600, backoff: RetryBackoff = RetryBackoff(), trustedProxies: Set<String> = [],
                            publicURL: String = "http://localhost:8080", blocking: BlockingPool = .shared,
                            apidae: ApidaeConfiguration? = nil, syncStaging: URL? = nil) async throws {
        try await self.init(database: GuichetDatabase.open(.sqlite(path: databasePath)), home: home, photoCache: photoCache, smtp: smtp,
                            secureCookies: secureCookies, sessionIdleTimeout: sessionIdleTimeout, backoff: backoff,
                            trustedProxies: trustedProxies, publicURL: publicURL, blocking: blocking, apidae: apidae, syncStaging: syncStaging)
    }

    public init(database: DatabaseOwner, home: GuichetHome, photoCache: String?, smtp: SMTPConfiguration?, secureCookies: Bool,
                sessionIdleTimeout: TimeInterval = 8 * 3600, backoff: RetryBackoff = RetryBackoff(), trustedProxies: Set<String> = [],
                publicURL: String = "http://localhost:8080", blocking: BlockingPool = .shared,
                apidae: ApidaeConfiguration? = nil, syncStaging: URL? = nil, nodeFolder: URL? = nil) async throws {
        self.database = database
        records = try RecordStore(owner: database)
        // This node's own files (the search index's snapshot, sync staging): beside a SQLite file,
        // or in the node's folder on PostgreSQL (each node of a region keeps its own).
        let databasePath = try Self.nodeFilesPrefix(database.location, nodeFolder: nodeFolder)
        search = try LiveSearchIndex(records: records, snapshot: SearchEngine.snapshotURL(forDatabase: databasePath))
        crm = SQLCRM(owner: database)
        _ = try crm.outbox.markInterrupted(claimedBefore: Date().addingTimeInterval(-OutboxDelivery.longestSend))
        brochures = try BrochureMaker(records: records, layoutsFolder: home.layouts, brandingFolder: home.branding, fontsFolder: home.fonts,
                                      photos: try photoCache.map { try PhotoCache(folder: $0) })
        webResources = Self.webResources(in: home)
        templates = try await MustacheLibrary(directory: webResources + "/Templates")
        sessions = Sessions(store: crm.sessions, blocking: blocking, idleTimeout: sessionIdleTimeout)
        // Counted in the database: the limits hold across a region's nodes.
        let attempts = StoredAttempts(store: crm.attempts, blocking: blocking)
        throttle = LoginThrottle(counter: attempts)
        formLimiter = WebFormLimiter(counter: attempts)
        self.smtp = smtp
        self.secureCookies = secureCookies
        self.blocking = blocking
        self.backoff = backoff
        self.trustedProxies = trustedProxies
        self.publicURL = publicURL
        let consentStore = SQLConsentStore(owner: database)
        let keys = try ConsentDesk.keys(store: consentStore)
        let gate = ConsentDesk.gate(crm: crm, store: consentStore, keys: keys)
        mailer = smtp.map { Mailer(transport: SMTPTransport($0), from: $0.from, backoff: backoff, policy: gate) }
        consent = ConsentDesk(crm: crm, store: consentStore, keys: keys, mail: mailer, publicURL: publicURL)
        if let apidae {
            let desk = consent
            let contacts = try apidae.professionalContacts.map { ProfessionalContactSync(desk: desk, map: try ProfessionalContactMap.load($0)) }
            self.apidae = ApidaeSync(records: records, configuration: apidae, photos: brochures.photos, contacts: contacts,
                                     staging: syncStaging ?? URL(fileURLWithPath: databasePath + ".sync"))
        } else {
            self.apidae = nil
        }
    }

    /// Where this node's files go: the SQLite file's path (files beside it), else `guichet` in
    /// the node's folder (`nodeFolder`, else $GUICHET_NODE_DIR, else ./guichet-node), created.
    static func nodeFilesPrefix(_ location: DatabaseLocation, nodeFolder: URL?) throws -> String {
        if case let .sqlite(path) = location { return path }
        let folder = nodeFolder ?? URL(fileURLWithPath: ProcessInfo.processInfo.environment["GUICHET_NODE_DIR"] ?? "guichet-node")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("guichet").path
    }

    /// The search index as it is now.
    public var engine: SearchEngine { search.engine }

    // MARK: Use cases

    public var recordRequest: RecordRequest { RecordRequest(crm: crm, records: records) }
    public var requestDesk: RequestDesk { RequestDesk(crm: crm, records: records) }
    public var requestStatistics: RequestStatistics { RequestStatistics(crm: crm) }
    public var draftBasket: DraftBasket {
        let folder = brochures.layoutsFolder
        return DraftBasket(crm: crm, records: records, layouts: { Layout.available(in: folder) })
    }
    public var basketBrochure: BasketBrochure { BasketBrochure(crm: crm, maker: brochures) }

    /// Apidae's export notifications without a token are refused when the server is reachable
    /// from elsewhere (its public address is not a loopback one): anyone could otherwise post a
    /// "reinitialisation".
    public var refusesUnsignedNotifications: Bool {
        guard let sync = apidae, sync.configuration.notificationToken == nil else { return false }
        guard let host = FetchPolicy.host(of: publicURL) else { return true }
        return !(host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]")
    }
    public var reply: ReplyToRequest {
        ReplyToRequest(crm: crm, brochures: brochures, mail: mailer, consent: consent)
    }
    public var mergeContacts: MergeContacts { MergeContacts(crm: crm) }
    public var userAccounts: UserAccounts { UserAccounts(crm: crm, mail: mailer, publicURL: publicURL) }
    public var askConsent: AskConsent { AskConsent(desk: consent) }
    public var confirmConsent: ConfirmConsent { ConfirmConsent(desk: consent) }
    public var unsubscribe: Unsubscribe { Unsubscribe(desk: consent) }
    public var consentRecord: ConsentRecord { ConsentRecord(desk: consent) }
    public var administration: Administration { Administration(crm: crm) }
    public var savedSearches: SavedSearches { SavedSearches(crm: crm) }

    /// The web app's templates and static files: those of Guichet's home (`Sources/WebApp`) when
    /// it holds them, else the copy built beside the executable.
    static func webResources(in home: GuichetHome) -> String {
        let source = home.folder.appendingPathComponent("Sources/WebApp")
        if FileManager.default.fileExists(atPath: source.appendingPathComponent("Templates/layout.mustache").path) { return source.path }
        return Bundle.module.resourceURL!.path
    }

    /// The office's brochure branding: what its admin set, else its member's file, else its name.
    func branding(for office: Office, by caller: Caller) throws -> Branding {
        try brochures.branding(for: office, own: try crm.offices.branding(by: caller))
    }
}
