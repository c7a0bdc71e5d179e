import Records

/// The index searches run on: the one built from the whole cache (or read from its snapshot) and
/// the records changed since, indexed apart in a small index of their own. A query runs on both —
/// the built index leaving out its copies of the changed records — and the answers are merged: the
/// same answer as an index built again from the cache, for the cost of indexing the changes.
///
/// Immutable: applying changes makes a new generation, so a search sees one generation whole.
public final class IndexGeneration: Sendable {
    /// The index built from the whole cache.
    public let base: SearchIndex
    let changes: Changes?
    /// Base ordinals by record id, made for the first change and shared by later generations.
    let lookup: OrdinalLookup?

    /// The records changed since `base` was built.
    struct Changes: Sendable {
        /// Their current state (the removed ones absent), in name order.
        let index: SearchIndex
        /// Their former state in `base`.
        let excluded: Exclusion
        /// For each document of `index`, how many documents of `base` come before it in name order.
        let positions: [UInt32]
        /// Every record changed since `base`, ascending.
        let ids: [Int]
    }

    public init(base: SearchIndex) {
        self.base = base
        changes = nil
        lookup = nil
    }

    init(base: SearchIndex, changes: Changes?, lookup: OrdinalLookup) {
        self.base = base
        self.changes = changes
        self.lookup = lookup
    }

    /// Records searched.
    public var count: Int { base.count - (changes?.excluded.count ?? 0) + (changes?.index.count ?? 0) }

    /// Records changed since the base was built.
    public var changedSinceBuilt: Int { changes?.ids.count ?? 0 }

    /// The most changes a generation keeps apart before the index is better built again whole
    /// (each query reads past them).
    public var changeLimit: Int { max(10_000, base.count / 20) }

    /// Whether `ids` can be applied to this generation (else build again whole).
    public func canApply(_ ids: [Int]) -> Bool {
        Set(changes?.ids ?? []).union(ids).count <= changeLimit
    }

    /// This generation with the records of `ids` as the cache has them now (changed, added or
    /// removed), read from `store`.
    public func applying(_ ids: [Int], from store: RecordStore) throws(SearchError) -> IndexGeneration {
        let all = Array(Set(changes?.ids ?? []).union(ids)).sorted()
        let lookup = self.lookup ?? OrdinalLookup(base.ids)
        guard !all.isEmpty else { return IndexGeneration(base: base, changes: nil, lookup: lookup) }
        // Where each changed record goes among the built index's documents: after the nearest
        // unchanged one before it in name order — or, when a changed record comes first, at the
        // same place as that one (placed already: they come in name order).
        let changed = Set(all)
        let read: IndexChanges
        do {
            read = try store.indexChanges(ids: all) { id in !changed.contains(id) && lookup.ordinal(of: id) != nil }
        } catch {
            throw .wrapping(error)
        }
        var builder = SearchIndex.Builder()
        for row in read.rows { builder.add(row) }
        for period in read.periods { builder.add(period) }
        let index = SearchIndex(builder)
        let inChanges = Dictionary(uniqueKeysWithValues: index.ids.enumerated().map { ($1, $0) })
        var positions: [UInt32] = []
        positions.reserveCapacity(index.count)
        for id in index.ids {
            switch read.before[id] {
            case .none: positions.append(0)
            case .some(let b): positions.append(inChanges[b].map { positions[$0] } ?? lookup.ordinal(of: b)! + 1)
            }
        }
        let excluded = base.exclusion(of: all.compactMap(lookup.ordinal(of:)))
        return IndexGeneration(base: base, changes: Changes(index: index, excluded: excluded, positions: positions, ids: all),
                               lookup: lookup)
    }

    /// Whether changes are applied without first making the id lookup of the built index (a
    /// tenth of a second for a million records: made ahead while the server is idle).
    public var isPreparedForChanges: Bool { lookup != nil }

    /// Bytes held by the indexes.
    public var memoryBytes: Int {
        base.memoryBytes + (changes.map { $0.index.memoryBytes + $0.excluded.count * 4 + $0.positions.count * 4 + $0.ids.count * 8 } ?? 0)
            + (lookup?.memoryBytes ?? 0)
    }
}

/// The ordinals of an index by record id: ordinals sorted by their id, searched by halving.
struct OrdinalLookup: Sendable {
    let ids: [Int]
    let byId: [UInt32]

    init(_ ids: [Int]) {
        self.ids = ids
        byId = (0..<UInt32(ids.count)).sorted { ids[Int($0)] < ids[Int($1)] }
    }

    func ordinal(of id: Int) -> UInt32? {
        var lo = 0, hi = byId.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[Int(byId[mid])] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < byId.count && ids[Int(byId[lo])] == id ? byId[lo] : nil
    }

    var memoryBytes: Int { byId.capacity * 4 }
}
