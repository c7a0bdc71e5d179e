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
        case .snapshot, .built: logger.debug("search index \(origin)")
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

    /// Rebuilds the index when the records changed since it was built (an import by `guichet
    /// import` while the server runs), and keeps its snapshot. Returns whether it rebuilt. Blocks
    /// for the whole build.
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
        // The version read before the build: a change during it makes the snapshot stale, never wrong.
        let version = try records.indexVersion()
        let engine = try SearchEngine(store: records)
        current.withLock { $0 = (engine, version.revision) }
        Self.returnFreedMemory()
        if let snapshot {
            do { try engine.index.writeSnapshot(to: snapshot, version: version) } catch {
                logger.warning("search index snapshot not kept: \(error)")
            }
        }
        return true
    }
}
