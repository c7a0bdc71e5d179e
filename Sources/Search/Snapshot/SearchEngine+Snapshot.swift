import Foundation
import Records

/// How the index of an engine came to be.
public enum IndexOrigin: Sendable, CustomStringConvertible {
    /// Read from its snapshot; `popularityChanged`: records were chosen since, the ranking will be
    /// refreshed by a rebuild in the background.
    case snapshot(popularityChanged: Bool)
    /// Built from the cache, and why (none kept yet, or kept for another state of the cache).
    case built(reason: String)
    /// Built from the cache because its snapshot could not be read: why (worth a warning).
    case rebuilt(unreadable: String)

    public var description: String {
        switch self {
        case .snapshot(let changed): "read from its snapshot" + (changed ? " (popularity changed since: rebuilt in the background)" : "")
        case .built(let reason): "built from the cache (\(reason))"
        case .rebuilt(let why): "built from the cache (snapshot unreadable: \(why))"
        }
    }

    public var popularityChanged: Bool { if case .snapshot(true) = self { true } else { false } }
    public var readFromSnapshot: Bool { if case .snapshot = self { true } else { false } }
}

extension SearchEngine {
    /// The index file kept next to the cache at `databasePath`.
    public static func snapshotURL(forDatabase databasePath: String) -> URL {
        URL(fileURLWithPath: databasePath + ".search-index")
    }

    /// An engine whose index is read from `snapshot` when that was built from the cache as it is
    /// now; else built from the cache and written there. A snapshot that cannot be written (a
    /// read-only folder) leaves the engine as built and says so in the reason. `version` is the
    /// state of the cache the index reflects (read before anything else: a change during the
    /// build makes it older than the cache, never newer).
    public static func open(store: RecordStore, snapshot url: URL?) throws(SearchError)
        -> (engine: SearchEngine, origin: IndexOrigin, version: IndexVersion) {
        let version: IndexVersion
        do { version = try store.indexVersion() } catch { throw .storage("\(error)") }
        var reason = "no snapshot kept"
        var unreadable: String?
        if let url {
            switch SearchIndex.snapshot(at: url, for: version) {
            case let .loaded(index, saved):
                return (try SearchEngine(store: store, index: index), .snapshot(popularityChanged: saved.popularity != version.popularity), version)
            case .missing: reason = "no snapshot yet"
            case .stale(let saved): reason = "snapshot of \(saved), the cache is at \(version)"
            case .corrupt(let why): unreadable = why
            }
        }
        let engine = try SearchEngine(store: store)
        var notKept = ""
        if let url {
            do { try engine.index.writeSnapshot(to: url, version: version) } catch { notKept = "; not kept: \(error)" }
        }
        return (engine, unreadable.map { .rebuilt(unreadable: $0 + notKept) } ?? .built(reason: reason + notKept), version)
    }
}
