/// Which state of the cache a search index reflects (see `RecordStore.indexVersion()`).
public struct IndexVersion: Sendable, Hashable, CustomStringConvertible {
    /// The cache file's own token (`cache_identity`).
    public var cache: String
    /// Changes to records and gazetteer so far.
    public var revision: Int
    /// Changes to the records' popularity so far: ranking only, not what matches.
    public var popularity: Int

    public init(cache: String, revision: Int, popularity: Int) {
        self.cache = cache; self.revision = revision; self.popularity = popularity
    }

    public var description: String { "cache \(cache.prefix(8)), revision \(revision), popularity \(popularity)" }
}
