import Foundation
import Records

/// The index kept on disk next to the cache (`<cache>.search-index`), written after each build
/// and read at start-up instead of rebuilding: one pass over the file, checksum first.
extension SearchIndex {
    /// What reading a snapshot gave.
    public enum SnapshotOutcome: Sendable {
        /// Built from this state of the cache: use it.
        case loaded(SearchIndex, IndexVersion)
        /// No snapshot yet.
        case missing
        /// Built from another state of the cache (or another cache file).
        case stale(IndexVersion)
        /// Unreadable: the reason.
        case corrupt(String)
    }

    /// The snapshot at `url` when it was built from the same cache file at the same revision as
    /// `version` (popularity may differ: the caller decides whether to rebuild for it), or at an
    /// earlier one when `orEarlier` (the caller applies the changes since).
    public static func snapshot(at url: URL, for version: IndexVersion, orEarlier: Bool = false) -> SnapshotOutcome {
        do {
            guard let payload = try SnapshotFile.read(url) else { return .missing }
            var reader = SnapshotReader(payload)
            let saved = IndexVersion(cache: try reader.string(), revision: try reader.int(), popularity: try reader.int())
            guard saved.cache == version.cache,
                  saved.revision == version.revision || (orEarlier && saved.revision < version.revision) else { return .stale(saved) }
            let index = try SearchIndex(reading: &reader)
            guard reader.isAtEnd else { return .corrupt("data after the index") }
            return .loaded(index, saved)
        } catch .snapshot(let reason) {
            return .corrupt(reason)
        } catch {
            return .corrupt(error.description)
        }
    }

    /// Writes the index, built from the cache as `version` says, to `url` (replacing any).
    public func writeSnapshot(to url: URL, version: IndexVersion) throws(SearchError) {
        var w = SnapshotWriter()
        w.append(version.cache)
        w.append(version.revision)
        w.append(version.popularity)
        w.append(ids)
        w.append(typeCodes.buffer)
        w.append(members.buffer)
        w.append(latitudes.buffer)
        w.append(longitudes.buffer)
        w.append(popularity.buffer)
        w.append(periodOffsets)
        w.append(periodStarts)
        w.append(periodEnds)
        w.append(periodEveryYear)
        w.append(periodSince)
        w.append(types.map(\.apidaeCode).joined(separator: "\n"))
        tokens.write(to: &w)
        grid.write(to: &w)
        try SnapshotFile.write(w, to: url)
    }

    private convenience init(reading r: inout SnapshotReader) throws(SearchError) {
        let ids = try r.array(of: Int.self)
        let typeCodes = try r.frozen(of: UInt8.self), members = try r.frozen(of: Int32.self)
        let latitudes = try r.frozen(of: Double.self), longitudes = try r.frozen(of: Double.self)
        let popularity = try r.frozen(of: Int32.self)
        let periodOffsets = try r.array(of: UInt32.self), periodStarts = try r.array(of: Int32.self)
        let periodEnds = try r.array(of: Int32.self), periodEveryYear = try r.array(of: Bool.self), periodSince = try r.array(of: Int32.self)
        let typeNames = try r.string()
        let types = typeNames.isEmpty ? [] : typeNames.split(separator: "\n", omittingEmptySubsequences: false).map { ObjectType(apidae: String($0)) }
        let tokens = try TokenTable(reading: &r, documents: ids.count, typeCount: types.count)
        let grid = try SpatialGrid(reading: &r, documents: ids.count)
        // Every per-document array has one value per document; every ordinal points at one.
        let n = ids.count
        guard [typeCodes.count, members.count, latitudes.count, longitudes.count, popularity.count].allSatisfy({ $0 == n }),
              periodOffsets.count == n + 1, periodOffsets.last.map(Int.init) == periodStarts.count,
              [periodEnds.count, periodEveryYear.count, periodSince.count].allSatisfy({ $0 == periodStarts.count }),
              typeCodes.buffer.allSatisfy({ Int($0) < types.count }) else {
            throw .snapshot("arrays of different lengths")
        }
        self.init(ids: ids, typeCodes: typeCodes, members: members, latitudes: latitudes, longitudes: longitudes, popularity: popularity,
                  periodOffsets: periodOffsets, periodStarts: periodStarts, periodEnds: periodEnds, periodEveryYear: periodEveryYear,
                  periodSince: periodSince, tokens: tokens, grid: grid, types: types)
    }
}

extension TokenTable {
    func write(to w: inout SnapshotWriter) {
        w.append(bytes)
        w.append(offsets)
        w.append(postingStarts)
        w.append(postings.buffer)
        let shortKeys = shortPrefixes.keys.sorted()
        w.append(shortKeys)
        w.append(shortKeys.map { shortPrefixes[$0]!.lowerBound })
        w.append(shortKeys.map { shortPrefixes[$0]!.upperBound })
        w.append(shortPostings.buffer)
        let rankedKeys = rankedShortPrefixes.keys.sorted()
        w.append(rankedKeys)
        w.append(rankedKeys.map { rankedShortPrefixes[$0]!.range.lowerBound })
        w.append(rankedKeys.map { rankedShortPrefixes[$0]!.range.upperBound })
        w.append(rankedKeys.flatMap { rankedShortPrefixes[$0]!.countsByType })
        w.append(rankedPostings.buffer)
    }

    init(reading r: inout SnapshotReader, documents: Int, typeCount: Int) throws(SearchError) {
        let bytes = try r.array(of: UInt8.self), offsets = try r.array(of: UInt32.self), postingStarts = try r.array(of: UInt32.self)
        let postings = try r.frozen(of: UInt32.self)
        let shortKeys = try r.array(of: UInt32.self), shortLowers = try r.array(of: Int.self), shortUppers = try r.array(of: Int.self)
        let shortPostings = try r.frozen(of: UInt32.self)
        let rankedKeys = try r.array(of: UInt32.self), rankedLowers = try r.array(of: Int.self), rankedUppers = try r.array(of: Int.self)
        let counts = try r.array(of: Int.self)
        let rankedPostings = try r.frozen(of: UInt32.self)
        guard !offsets.isEmpty, offsets.count == postingStarts.count, offsets.last.map(Int.init) == bytes.count,
              postingStarts.last.map(Int.init) == postings.count,
              shortKeys.count == shortLowers.count, shortKeys.count == shortUppers.count,
              zip(shortLowers, shortUppers).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= shortPostings.count }),
              rankedKeys.count == rankedLowers.count, rankedKeys.count == rankedUppers.count, counts.count == rankedKeys.count * typeCount,
              zip(rankedLowers, rankedUppers).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= rankedPostings.count }),
              [postings, shortPostings, rankedPostings].allSatisfy({ $0.buffer.allSatisfy { Int($0 >> 2) < documents } }) else {
            throw .snapshot("word table inconsistent")
        }
        self.bytes = bytes; self.offsets = offsets; self.postingStarts = postingStarts; self.postings = postings
        self.shortPostings = shortPostings; self.rankedPostings = rankedPostings
        var short: [UInt32: Range<Int>] = [:]
        short.reserveCapacity(shortKeys.count)
        for (i, key) in shortKeys.enumerated() { short[key] = shortLowers[i]..<shortUppers[i] }
        shortPrefixes = short
        var ranked: [UInt32: RankedPostings] = [:]
        ranked.reserveCapacity(rankedKeys.count)
        for (i, key) in rankedKeys.enumerated() {
            ranked[key] = RankedPostings(range: rankedLowers[i]..<rankedUppers[i], countsByType: Array(counts[(i * typeCount)..<((i + 1) * typeCount)]))
        }
        rankedShortPrefixes = ranked
    }
}

extension SpatialGrid {
    func write(to w: inout SnapshotWriter) {
        let keys = cells.keys.sorted()
        w.append(keys)
        w.append(keys.map { cells[$0]!.ordinals.count })
        w.append(keys.flatMap { cells[$0]!.ordinals })
        w.append(keys.flatMap { cells[$0]!.latitudes })
        w.append(keys.flatMap { cells[$0]!.longitudes })
    }

    init(reading r: inout SnapshotReader, documents: Int) throws(SearchError) {
        let keys = try r.array(of: Int64.self), counts = try r.array(of: Int.self), flat = try r.array(of: UInt32.self)
        let lats = try r.array(of: Float.self), lons = try r.array(of: Float.self)
        guard keys.count == counts.count, counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) == flat.count,
              lats.count == flat.count, lons.count == flat.count, flat.allSatisfy({ Int($0) < documents }) else {
            throw .snapshot("spatial grid inconsistent")
        }
        var cells: [Int64: Cell] = [:]
        cells.reserveCapacity(keys.count)
        var start = 0
        for (key, count) in zip(keys, counts) {
            let range = start..<(start + count)
            cells[key] = Cell(ordinals: Array(flat[range]), latitudes: Array(lats[range]), longitudes: Array(lons[range]))
            start += count
        }
        self.init(cells: cells)
    }
}
