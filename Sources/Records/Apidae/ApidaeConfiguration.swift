import Foundation

/// How Guichet reaches the region's Apidae project: read from a configuration file
/// (`GUICHET_APIDAE_CONFIG` or `--apidae-config`, lines `NAME=value`) and then the environment,
/// which wins. The key is never printed: `description` and every error name the setting only.
public struct ApidaeConfiguration: Sendable, CustomStringConvertible {
    /// The API's base, `https://api.apidae-tourisme.com` unless `GUICHET_APIDAE_URL` says otherwise.
    public var apiURL: String
    public var projectID: Int
    public var apiKey: String
    /// The project's selections the pull reads; empty: every object the project sees.
    public var selections: [Int]
    /// Hosts an export zip (and its confirmation URL) may be fetched from.
    public var exportHosts: Set<String>
    public var locales: [String]
    /// The fields asked of the API: what Guichet reads.
    public var responseFields: [String]
    /// Objects per search call: Apidae answers 200 at most.
    public var pageSize: Int
    /// When set, an export notification must carry `?token=` with this value.
    public var notificationToken: String?
    /// When the server pulls every night (local time), `HH:MM`.
    public var nightlyAt: (hour: Int, minute: Int)
    /// The professional contacts' mapping file (category → selection), if any.
    public var professionalContacts: String?
    /// Seconds per HTTP call, tries per call, and the first pause between tries (doubled each time).
    public var timeout: Int
    public var attempts: Int
    public var retryPause: Double
    /// An export zip larger than this is refused.
    public var maxExportBytes: Int
    /// Search pages asked at once.
    public var parallelPages: Int
    /// What an export's zip may unpack to (`GUICHET_APIDAE_MAX_UNZIPPED_MB`, `_MAX_FILE_MB`).
    public var zipLimits: ZipLimits

    public static let defaultURL = "https://api.apidae-tourisme.com"
    public static let defaultExportHosts: Set<String> = ["export.apidae-tourisme.com"]
    public static let maxPageSize = 200
    public static let defaultFields = ["id", "type", "nom", "identifier", "presentation", "localisation", "informations",
                                       "illustrations", "ouverture", "descriptionTarif", "gestion"]

    public init(apiURL: String = defaultURL, projectID: Int, apiKey: String, selections: [Int] = [], exportHosts: Set<String> = defaultExportHosts,
                locales: [String] = ["fr", "en"], responseFields: [String] = defaultFields, pageSize: Int = maxPageSize,
                notificationToken: String? = nil, nightlyAt: (hour: Int, minute: Int) = (3, 0), professionalContacts: String? = nil,
                timeout: Int = 60, attempts: Int = 4, retryPause: Double = 2, maxExportBytes: Int = 2_000_000_000, parallelPages: Int = 3,
                zipLimits: ZipLimits = ZipLimits()) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.projectID = projectID; self.apiKey = apiKey; self.selections = selections
        self.exportHosts = Set(exportHosts.map { $0.lowercased() }); self.locales = locales; self.responseFields = responseFields
        self.pageSize = min(max(1, pageSize), Self.maxPageSize); self.notificationToken = notificationToken; self.nightlyAt = nightlyAt
        self.professionalContacts = professionalContacts; self.timeout = timeout; self.attempts = max(1, attempts)
        self.retryPause = retryPause; self.maxExportBytes = maxExportBytes; self.parallelPages = min(max(1, parallelPages), 8)
        self.zipLimits = zipLimits
    }

    public var description: String {
        "project \(projectID) at \(apiURL), selections \(selections.isEmpty ? "all" : selections.map(String.init).joined(separator: ",")), key set"
    }

    /// The configuration from `file` (else `GUICHET_APIDAE_CONFIG`) and the environment; nil when
    /// neither names a project (Apidae is not used). A setting present but wrong is an error.
    public static func load(file: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RecordsError) -> ApidaeConfiguration? {
        var settings: [String: String] = [:]
        if let path = file ?? environment["GUICHET_APIDAE_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            settings = try read(path)
        }
        for (name, value) in environment where name.hasPrefix("GUICHET_APIDAE_") && name != "GUICHET_APIDAE_CONFIG" { settings[name] = value }
        func value(_ name: String) -> String? {
            settings["GUICHET_APIDAE_" + name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let projectText = value("PROJECT") else {
            if value("KEY") != nil || value("SELECTIONS") != nil { throw .configuration("GUICHET_APIDAE_PROJECT is missing") }
            return nil
        }
        guard let project = Int(projectText), project > 0 else { throw .configuration("GUICHET_APIDAE_PROJECT must be the project's number") }
        guard let key = value("KEY") else { throw .configuration("GUICHET_APIDAE_KEY is missing (the project's API key)") }
        var selections: [Int] = []
        for part in (value("SELECTIONS") ?? "").split(separator: ",") {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw .configuration("GUICHET_APIDAE_SELECTIONS must be selection numbers separated by commas")
            }
            selections.append(id)
        }
        let url = value("URL") ?? defaultURL
        guard FetchPolicy.host(of: url) != nil else { throw .configuration("GUICHET_APIDAE_URL must be an http(s) address") }
        let hosts = value("EXPORT_HOSTS").map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }) }
        var nightly = (hour: 3, minute: 0)
        if let at = value("SYNC_AT") {
            let parts = at.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
                throw .configuration("GUICHET_APIDAE_SYNC_AT must be a time of day, HH:MM")
            }
            nightly = (parts[0], parts[1])
        }
        // Objects (and identifiers) per call: Apidae answers 200 at most; fewer may be asked, never more.
        let count = try value("COUNT").map { text throws(RecordsError) -> Int in
            guard let n = Int(text), (1...maxPageSize).contains(n) else {
                throw .configuration("GUICHET_APIDAE_COUNT must be a number from 1 to \(maxPageSize) (Apidae answers \(maxPageSize) at most)")
            }
            return n
        } ?? maxPageSize
        func megabytes(_ name: String, default fallback: Int) throws(RecordsError) -> Int {
            guard let text = value(name) else { return fallback }
            guard let n = Int(text), n > 0 else { throw .configuration("GUICHET_APIDAE_\(name) must be a number of megabytes") }
            return n << 20
        }
        let zipLimits = ZipLimits(totalBytes: try megabytes("MAX_UNZIPPED_MB", default: ZipLimits().totalBytes),
                                  fileBytes: try megabytes("MAX_FILE_MB", default: ZipLimits().fileBytes))
        return ApidaeConfiguration(apiURL: url, projectID: project, apiKey: key, selections: selections,
                                   exportHosts: hosts ?? defaultExportHosts,
                                   locales: value("LOCALES").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? ["fr", "en"],
                                   responseFields: value("FIELDS").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? defaultFields,
                                   pageSize: count, notificationToken: value("NOTIFY_TOKEN"), nightlyAt: nightly, professionalContacts: value("PRO_CONTACTS"),
                                   timeout: value("TIMEOUT").flatMap(Int.init) ?? 60, attempts: value("ATTEMPTS").flatMap(Int.init) ?? 4,
                                   retryPause: value("RETRY_PAUSE").flatMap(Double.init) ?? 2,
                                   parallelPages: value("PARALLEL").flatMap(Int.init) ?? 3, zipLimits: zipLimits)
    }

    /// `NAME=value` lines; `#` starts a comment; quotes around a value are removed.
    static func read(_ path: String) throws(RecordsError) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .configuration("cannot read \(path)") }
        var settings: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { throw .configuration("\(path), line \(number + 1): expected NAME=value") }
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" { value = String(value.dropFirst().dropLast()) }
            let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            settings[name.hasPrefix("GUICHET_APIDAE_") ? name : "GUICHET_APIDAE_" + name] = value
        }
        return settings
    }

    /// The API's host, asked even on a private address (the configuration names it).
    public var apiPolicy: FetchPolicy { .only([FetchPolicy.host(of: apiURL)].compactMap { $0 }.reduce(into: Set()) { $0.insert($1) }) }
    /// Export zips and their confirmation: the export hosts and the API's host.
    public var exportPolicy: FetchPolicy { .only(exportHosts.union(apiPolicy.allowedHosts)) }
}
