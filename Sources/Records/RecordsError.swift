/// What can go wrong while importing and reading the record cache.
public enum RecordsError: Error, CustomStringConvertible, Equatable {
    /// One record could not be imported; the rest of its file still was.
    case rejectedRecord(file: String, index: Int, id: Int?, reason: String)
    /// A whole file (or the rest of it, from `index` on) could not be read.
    case unreadableFile(file: String, index: Int?, reason: String)
    /// A path given to `import` that is neither a known file, a folder nor an export zip.
    case unsupportedInput(path: String, reason: String)
    case database(String)
    /// The database cannot be reached just now (nothing was written); worth trying again.
    case unavailable(String)
    case unknownRecord(id: Int)
    /// An HTTP fetch failed (the URL without its query, which may hold a key); `retryable` when
    /// trying again later may work (timeout, connection lost, 5xx, 429).
    case fetch(url: String, reason: String, retryable: Bool)
    /// The Apidae configuration is missing or wrong (the setting named, never the key's value).
    case configuration(String)
    /// A sync could not be completed; the cache is as it was before it.
    case sync(String)

    public var description: String {
        switch self {
        case let .rejectedRecord(file, index, id, reason):
            "\(file) [record \(index)\(id.map { ", id \($0)" } ?? "")]: \(reason)"
        case let .unreadableFile(file, index, reason):
            "\(file)\(index.map { " [from record \($0)]" } ?? ""): \(reason)"
        case let .unsupportedInput(path, reason):
            "\(path): \(reason)"
        case let .database(message):
            "database: \(message)"
        case let .unavailable(message):
            "database unavailable: \(message)"
        case let .unknownRecord(id):
            "no record with id \(id) in the cache"
        case let .fetch(url, reason, _):
            "fetching \(url): \(reason)"
        case let .configuration(message):
            "Apidae configuration: \(message)"
        case let .sync(message):
            "sync: \(message)"
        }
    }
}
