import Foundation
import Records
import Search
import Synchronization

/// The search index over the cache, replaced whole when an import changed the records: searches
/// keep using the old index until the new one is ready.
public final class LiveSearchIndex: Sendable {
    private let records: RecordStore
    private let current: Mutex<(engine: SearchEngine, revision: Int)>
    private let rebuilding = Mutex(false)

    init(records: RecordStore) throws {
        self.records = records
        let revision = try records.revision()
        current = Mutex((try SearchEngine(store: records), revision))
    }

    public var engine: SearchEngine { current.withLock { $0.engine } }

    /// Rebuilds the index when the records changed since it was built (an import by `guichet
    /// import` while the server runs). Returns whether it rebuilt. Blocks for the whole build.
    @discardableResult
    public func refresh() throws -> Bool {
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
}
