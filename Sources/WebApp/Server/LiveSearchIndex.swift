import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Records
import Search
import Synchronization

/// The search index over the cache, replaced whole when an import changed the records: searches
/// keep using the old index until the new one is ready. At start-up it is read from its snapshot
/// next to the cache when that matches the cache; each build writes the snapshot again.
public final class LiveSearchIndex: Sendable {
    private let records: RecordStore
    private let snapshot: URL?
    private let logger: Logger
    private let current: Mutex<(engine: SearchEngine, revision: Int)>
    private let rebuilding = Mutex(false)
    /// How the index the server started with came to be.
    public let startup: IndexOrigin

    init(records: RecordStore, snapshot: URL?, logger: Logger = Logger(label: "guichet.search")) throws {
        self.records = records
        self.snapshot = snapshot
        self.logger = logger
        let (engine, origin, version) = try SearchEngine.open(store: records, snapshot: snapshot)
        startup = origin
        switch origin {
        case .rebuilt: logger.warning("search index \(origin)")
        case .snapshot, .snapshotAndChanges, .built: logger.debug("search index \(origin)")
        }
        // The revision the index reflects (an import during the build is seen by the next refresh);
        // popularity changed since the snapshot: the first refresh rebuilds (searches meanwhile
        // rank by the snapshot's popularity).
        current = Mutex((engine, origin.popularityChanged ? -1 : version.revision))
        if !origin.readFromSnapshot { Self.returnFreedMemory() }
    }

    /// A build leaves hundreds of megabytes of freed builder memory (1 M records) that the C
    /// allocator keeps for later: given back to the system, the server's resident memory is the
    /// index's and the caches', not the last build's.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // glibc's malloc_trim (malloc.h, outside the Glibc module); absent elsewhere.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    public var engine: SearchEngine { current.withLock { $0.engine } }

    /// What a refresh did.
    public enum Refresh: Sendable, Equatable {
        /// The records are as the index has them (or a refresh is already under way).
        case unchanged
        /// The records changed since were applied to the index (`records` of them, counting
        /// the earlier changes kept with it); the snapshot stays as built, the cache's log
        /// replays the changes at the next start.
        case applied(records: Int)
        /// Built again from the whole cache (too many changes, the gazetteer changed, or
        /// popularity to refresh) and its snapshot written.
        case rebuilt
    }

    /// Brings the index up to the records (an import or a sync while the server runs): the
    /// changed records are applied to it (tens of milliseconds for a thousand), or, when they are
    /// too many or the cache cannot say which, the index is built again whole and its snapshot
    /// kept. Searches use the previous index meanwhile. Blocks for the work.
    @discardableResult
    public func refresh() throws -> Refresh {
        let (engine, indexed) = current.withLock { ($0.engine, $0.revision) }
        guard try records.revision() != indexed else {
            if !engine.generation.isPreparedForChanges {
                // Idle: the lookup the first change needs, made now rather than then.
                let prepared = try engine.applying([])
                current.withLock { if $0.engine === engine { $0.engine = prepared } }
            }
            return .unchanged
        }
        guard rebuilding.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return .unchanged }
        defer { rebuilding.withLock { $0 = false } }
        // A revision of -1: popularity to refresh, a full build.
        if indexed >= 0, let changes = try records.changes(since: indexed), engine.generation.canApply(changes.ids) {
            // The rows are read after the log: a change in between is applied again next time.
            let updated = try engine.applying(changes.ids)
            current.withLock { $0 = (updated, changes.revision) }
            return .applied(records: updated.generation.changedSinceBuilt)
        }
        // The version read before the build: a change during it makes the snapshot stale, never wrong.
        let version = try records.indexVersion()
        let rebuilt = try SearchEngine(store: records)
        current.withLock { $0 = (rebuilt, version.revision) }
        Self.returnFreedMemory()
        if let snapshot {
            do { try rebuilt.index.writeSnapshot(to: snapshot, version: version) } catch {
                logger.warning("search index snapshot not kept: \(error)")
            }
        }
        return .rebuilt
    }
}
