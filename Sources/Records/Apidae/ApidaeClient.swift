import Foundation

/// Apidae's API over libcurl: the search pages, the identifiers of the project's selections, an
/// export's zip and its confirmation. Each call is tried again after a pause (doubled each time)
/// when trying again may work — a timeout, a lost connection, a 5xx or 429, an answer cut short —
/// and fails with a clear message otherwise. The key travels in a POST body, never in a URL.
public struct ApidaeClient: Sendable {
    public let configuration: ApidaeConfiguration
    /// How a pause between two tries is waited (tests shorten it).
    let pause: @Sendable (Double) -> Void

    public init(configuration: ApidaeConfiguration, pause: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.configuration = configuration
        self.pause = pause
    }

    public static let searchPath = "/api/v002/recherche/list-objets-touristiques"
    public static let identifiersPath = "/api/v002/recherche/list-identifiants"

    /// One page of `list-objets-touristiques`: the answer's bytes as sent, and what the pull needs.
    public struct Page: Sendable {
        public var data: Data
        public var numFound: Int
        public var ids: [Int]
    }

    /// Objects `first ..< first + count` of the configured selections, ordered by identifier.
    public func page(first: Int, count: Int? = nil, selections: [Int]? = nil, fields: [String]? = nil) throws(RecordsError) -> Page {
        var query = baseQuery()
        if let selections { query["selectionIds"] = selections }
        query["first"] = first
        query["count"] = count ?? configuration.pageSize
        query["order"] = "IDENTIFIANT"
        query["responseFields"] = fields ?? configuration.responseFields
        query["locales"] = configuration.locales
        return try call(Self.searchPath, query) { data throws(RecordsError) in try Self.parsePage(data) }
    }

    /// The ids of every object in the configured selections (`list-identifiants`,
    /// `{"numFound": N, "objetTouristiqueIds": [ids]}`), read in pages of at most 200 as Apidae
    /// answers them. Deletions are decided from this list, so it must be whole: an answer without
    /// `numFound`, a `numFound` that changes between pages, a page shorter than asked before the
    /// last, or ids that repeat fail the pull with the reason (nothing is changed).
    public func identifiers() throws(RecordsError) -> Set<Int> {
        var ids: Set<Int> = []
        var first = 0
        let count = configuration.pageSize
        var announced: Int?
        while true {
            var query = baseQuery()
            query["first"] = first
            query["count"] = count
            let (found, numFound) = try call(Self.identifiersPath, query) { data throws(RecordsError) in try Self.parseIdentifiers(data) }
            guard let numFound else { throw .sync("list-identifiants answered without numFound (first=\(first)): the list cannot be known whole") }
            if let announced, announced != numFound {
                throw .sync("list-identifiants announced \(announced) ids, then \(numFound) (first=\(first)): the selections changed during the pull; try again")
            }
            announced = numFound
            let before = ids.count
            ids.formUnion(found)
            guard ids.count == before + found.count else {
                throw .sync("list-identifiants answered ids already received (first=\(first)): its pagination does not advance")
            }
            first += found.count
            if first >= numFound { return ids }
            guard found.count == count else {
                throw .sync("list-identifiants answered \(found.count) ids for a page of \(count) at first=\(first - found.count), \(numFound - first) short of \(numFound)")
            }
        }
    }

    /// Every object of one selection, decoded (a mapping's professional structures): paginated
    /// like the pull; an object that cannot be decoded is skipped.
    public func objects(selection: Int, fields: [String]) throws(RecordsError) -> [TouristObject] {
        var objects: [TouristObject] = []
        var seen: Set<Int> = []
        var first = 0
        while true {
            let page = try self.page(first: first, selections: [selection], fields: fields)
            guard !page.ids.isEmpty, !Set(page.ids).isSubset(of: seen) else { return objects }
            seen.formUnion(page.ids)
            objects += Self.decodeObjects(page.data)
            first += configuration.pageSize
            if first >= page.numFound { return objects }
        }
    }

    /// Downloads an export's zip into `file`, resuming after an interruption, within the size cap;
    /// the URL's host must be one of the configured export hosts.
    public func downloadExport(_ url: String, to file: URL) throws(RecordsError) -> Int {
        var fetcher = HTTPFetcher(timeout: 3 * 3600, maxBytes: configuration.maxExportBytes, policy: configuration.exportPolicy,
                                  userAgent: Self.userAgent)
        fetcher.stallTimeout = configuration.timeout  // a stalled download fails; a slow big one goes on
        return try retrying { () throws(RecordsError) in try fetcher.download(url, to: file) }
    }

    /// Tells Apidae the export was imported (its `urlConfirmation`).
    public func confirm(_ url: String) throws(RecordsError) {
        let fetcher = HTTPFetcher(timeout: configuration.timeout, maxBytes: 1_000_000, policy: configuration.exportPolicy, userAgent: Self.userAgent)
        _ = try retrying { () throws(RecordsError) in try fetcher.get(url) }
    }

    static let userAgent = "Guichet/1.0 (Apidae sync)"

    func baseQuery() -> [String: Any] {
        var query: [String: Any] = ["projetId": configuration.projectID, "apiKey": configuration.apiKey]
        if !configuration.selections.isEmpty { query["selectionIds"] = configuration.selections }
        return query
    }

    /// POSTs `query=<JSON>` to `path`; `parse` reads the answer (an answer it cannot read, such as
    /// one cut short, is tried again like a lost connection).
    func call<T>(_ path: String, _ query: [String: Any], parse: (Data) throws(RecordsError) -> T) throws(RecordsError) -> T {
        let json: String
        do { json = String(decoding: try JSONSerialization.data(withJSONObject: query, options: [.sortedKeys]), as: UTF8.self) } catch {
            throw .sync("cannot write the query: \(error)")
        }
        let fetcher = HTTPFetcher(timeout: configuration.timeout, maxBytes: 200_000_000, policy: configuration.apiPolicy, userAgent: Self.userAgent)
        let url = configuration.apiURL + path
        return try retrying { () throws(RecordsError) in
            let answer = try fetcher.fetch(url, form: [("query", json)])
            guard (200..<300).contains(answer.status) else {
                let detail = Self.apidaeMessage(answer.data).map { " (\($0))" } ?? ""
                throw .fetch(url: url, reason: "HTTP status \(answer.status)\(detail)",
                             retryable: answer.status >= 500 || answer.status == 429 || answer.status == 408)
            }
            return try parse(answer.data)
        }
    }

    /// Runs `body` up to `attempts` times while it fails with a retryable error.
    func retrying<T>(_ body: () throws(RecordsError) -> T) throws(RecordsError) -> T {
        var wait = configuration.retryPause
        for attempt in 1... {
            do { return try body() } catch {
                guard attempt < configuration.attempts, case let .fetch(_, _, retryable) = error, retryable else {
                    if attempt > 1, case let .fetch(url, reason, retryable) = error {
                        throw .fetch(url: url, reason: "\(reason) (after \(attempt) tries)", retryable: retryable)
                    }
                    throw error
                }
                pause(wait)
                wait *= 2
            }
        }
        fatalError("unreachable")
    }

    /// Apidae's error answers carry `{"errorType": …, "message": …}`.
    static func apidaeMessage(_ data: Data) -> String? {
        guard data.count < 100_000, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let parts = [object["errorType"], object["message"]].compactMap { $0 as? String }
        return parts.isEmpty ? nil : String(parts.joined(separator: ": ").prefix(300))
    }
}
