import Records

/// The in-memory index the counter's searches run on, built from the record cache.
///
/// Documents are numbered (ordinals) in name order, so ties resolve alphabetically for free. Per
/// document it keeps only what filtering and ranking read — type, owner, position, popularity,
/// periods — in flat arrays; names and photos for the page of results come from the cache.
public final class SearchIndex: Sendable {
    let ids: [Int]
    let typeCodes: FrozenArray<UInt8>
    let members: FrozenArray<Int32>
    let latitudes: FrozenArray<Double>
    let longitudes: FrozenArray<Double>
    let popularity: FrozenArray<Int32>
    /// Periods of document d: `periodStarts[periodOffsets[d]..<periodOffsets[d+1]]`, same for ends.
    let periodOffsets: [UInt32]
    let periodStarts: [Int32]
    let periodEnds: [Int32]
    /// Every-year periods are stored as slots of a 366-day year, marked here; they recur from
    /// their first day (`periodSince`, days since 1970) on.
    let periodEveryYear: [Bool]
    let periodSince: [Int32]
    let tokens: TokenTable
    let grid: SpatialGrid
    /// Type code → type; code 255 is never used.
    let types: [ObjectType]

    static let noMember: Int32 = -1

    public var count: Int { ids.count }

    /// The record of a document (ordinals run in name order).
    public func recordId(at ordinal: Int) -> Int { ids[ordinal] }

    /// Bytes held by the index structures (not the cache), for the benchmark's memory per record.
    public var memoryBytes: Int {
        ids.capacity * 8 + typeCodes.memoryBytes + members.memoryBytes + latitudes.memoryBytes + longitudes.memoryBytes
            + popularity.memoryBytes + periodOffsets.capacity * 4 + periodStarts.capacity * 4 + periodEnds.capacity * 4
            + periodEveryYear.capacity + periodSince.capacity * 4 + tokens.memoryBytes + grid.memoryBytes
    }

    /// Reads the whole cache. About 1 s per 200,000 records in a release build.
    public convenience init(store: RecordStore) throws(SearchError) {
        var builder = Builder()
        do {
            try store.forEachIndexRow { builder.add($0) }
            try store.forEachPeriod { builder.add($0) }
        } catch {
            throw .wrapping(error)
        }
        self.init(builder)
    }

    init(ids: [Int], typeCodes: FrozenArray<UInt8>, members: FrozenArray<Int32>, latitudes: FrozenArray<Double>,
         longitudes: FrozenArray<Double>, popularity: FrozenArray<Int32>, periodOffsets: [UInt32], periodStarts: [Int32],
         periodEnds: [Int32], periodEveryYear: [Bool], periodSince: [Int32], tokens: TokenTable, grid: SpatialGrid, types: [ObjectType]) {
        self.ids = ids; self.typeCodes = typeCodes; self.members = members; self.latitudes = latitudes; self.longitudes = longitudes
        self.popularity = popularity; self.periodOffsets = periodOffsets; self.periodStarts = periodStarts; self.periodEnds = periodEnds
        self.periodEveryYear = periodEveryYear; self.periodSince = periodSince; self.tokens = tokens; self.grid = grid; self.types = types
    }

    init(_ b: Builder) {
        ids = b.ids
        typeCodes = FrozenArray(b.typeCodes)
        members = FrozenArray(b.members)
        latitudes = FrozenArray(b.latitudes)
        longitudes = FrozenArray(b.longitudes)
        popularity = FrozenArray(b.popularity)
        types = b.types
        var offsets: [UInt32] = [0]
        var starts: [Int32] = []
        var ends: [Int32] = []
        var everyYear: [Bool] = []
        var since: [Int32] = []
        offsets.reserveCapacity(b.ids.count + 1)
        for d in 0..<b.ids.count {
            for p in b.periods[UInt32(d)] ?? [] {
                if p.everyYear {
                    starts.append(Int32(CalendarDay(daysSinceEpoch: p.start).slotOfYear))
                    ends.append(Int32(CalendarDay(daysSinceEpoch: p.end).slotOfYear))
                } else {
                    starts.append(Int32(clamping: p.start))
                    ends.append(Int32(clamping: p.end))
                }
                everyYear.append(p.everyYear)
                since.append(Int32(clamping: p.start))
            }
            offsets.append(UInt32(starts.count))
        }
        periodOffsets = offsets
        periodStarts = starts
        periodEnds = ends
        periodEveryYear = everyYear
        periodSince = since
        tokens = TokenTable(words: b.words, popularity: b.popularity, typeCodes: b.typeCodes, typeCount: b.types.count)
        grid = SpatialGrid(latitudes: b.latitudes, longitudes: b.longitudes)
    }

    /// Collects documents in cache order; tokenizes names into the word table.
    struct Builder {
        var ids: [Int] = []
        var typeCodes: [UInt8] = []
        var members: [Int32] = []
        var latitudes: [Double] = []
        var longitudes: [Double] = []
        var popularity: [Int32] = []
        var types: [ObjectType] = []
        var typeCodeByName: [String: UInt8] = [:]
        var ordinalsById: [Int: UInt32] = [:]
        var words: [String: [UInt32]] = [:]
        var periods: [UInt32: [StoredPeriod]] = [:]

        mutating func add(_ row: IndexRow) {
            let ordinal = UInt32(ids.count)
            ids.append(row.id)
            ordinalsById[row.id] = ordinal
            if typeCodeByName[row.type] == nil {
                typeCodeByName[row.type] = UInt8(types.count)
                types.append(ObjectType(apidae: row.type))
            }
            typeCodes.append(typeCodeByName[row.type]!)
            members.append(row.memberId.map { Int32(clamping: $0) } ?? SearchIndex.noMember)
            latitudes.append(row.location?.latitude ?? .nan)
            longitudes.append(row.location?.longitude ?? .nan)
            popularity.append(Int32(clamping: row.popularity))
            var seen: [String: UInt32] = [:]
            // The first name is the French one (or the fallback): only its start ranks as "start of name".
            for (nameIndex, name) in row.names.split(separator: "\n").enumerated() {
                for (position, word) in TextFolding.tokens(String(name)).enumerated() {
                    let flag = position == 0 && nameIndex == 0 ? TokenTable.startFlag : 0
                    seen[word] = (seen[word] ?? 0) | flag
                }
            }
            for (word, flags) in seen { words[word, default: []].append(ordinal << 2 | flags) }
        }

        mutating func add(_ period: StoredPeriod) {
            guard let ordinal = ordinalsById[period.objectId] else { return }
            periods[ordinal, default: []].append(period)
        }
    }
}
