import Foundation
import Records

/// How the index of an engine came to be.
public enum IndexOrigin: Sendable, CustomStringConvertible {
    /// Read from its snapshot; `popularityChanged`: records were chosen since, the ranking will be
    /// refreshed by a rebuild in the background.
    case snapshot(popularityChanged: Bool)
    /// Read from a snapshot of an earlier revision, and the records changed since applied.
    case snapshotAndChanges(records: Int, popularityChanged: Bool)
    /// Built from the cache, and why (none kept yet, or kept for another state of the cache).
    case built(reason: String)
    /// Built from the cache because its snapshot could not be read: why (worth a warning).
    case rebuilt(unreadable: String)

    public var description: String {
        switch self {
        case .snapshot(let changed): "read from its snapshot" + (changed ? " (popularity changed since: rebuilt in the background)" : "")
        case .snapshotAndChanges(let records, let changed):
            "read from its snapshot, \(records) records changed since applied" + (changed ? " (popularity changed since: rebuilt in the background)" : "")
        case .built(let reason): "built from the cache (\(reason))"
        case .rebuilt(let why): "built from the cache (snapshot unreadable: \(why))"
        }
    }

    public var popularityChanged: Bool {
        switch self {
        case .snapshot(let changed), .snapshotAndChanges(_, let changed): changed
        case .built, .rebuilt: false
        }
    }

    public var readFromSnapshot: Bool {
        switch self {
        case .snapshot, .snapshotAndChanges: true
        case .built, .rebuilt: false
        }
    }
}

extension SearchEngine {
    /// The index file kept next to the cache at `databasePath`.
    public static func snapshotURL(forDatabase databasePath: String) -> URL {
        URL(fileURLWithPath: databasePath + ".search-index")
    }

    /// An engine whose index is read from `snapshot` when that was built from the cache as it is
    /// now — or earlier, the records changed since (the cache's log says which) applied to it;
    /// else built from the cache and written there. A snapshot that cannot be written (a
    /// read-only folder) leaves the engine as built and says so in the reason. `version` is the
    /// state of the cache the index reflects at least (read before the records: a change while
    /// they are read is applied again by the next refresh, never missed).
    public static func open(store: RecordStore, snapshot url: URL?) throws(SearchError)
        -> (engine: SearchEngine, origin: IndexOrigin, version: IndexVersion) {
        var version: IndexVersion
        do { version = try store.indexVersion() } catch { throw .wrapping(error) }
        var reason = "no snapshot kept"
        var unreadable: String?
        if let url {
            switch SearchIndex.snapshot(at: url, for: version, orEarlier: true) {
            case let .loaded(index, saved):
                let popularityChanged = saved.popularity != version.popularity
                let engine = try SearchEngine(store: store, index: index)
                if saved.revision == version.revision { return (engine, .snapshot(popularityChanged: popularityChanged), version) }
                let changes: RecordChanges?
                do { changes = try store.changes(since: saved.revision) } catch { throw .wrapping(error) }
                if let changes, engine.generation.canApply(changes.ids) {
                    version.revision = changes.revision
                    return (try engine.applying(changes.ids), .snapshotAndChanges(records: changes.ids.count, popularityChanged: popularityChanged), version)
                }
                reason = "snapshot of \(saved), the cache is at \(version) and " + (changes == nil ? "its log does not reach back that far" : "too many records changed since")
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
