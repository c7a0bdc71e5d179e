import Records

/// A date window as the index compares it: days since 1970 for dated periods, slots of the year
/// for periods that recur every year.
struct DateWindow {
    let start: Int32
    let end: Int32
    /// The window's slots of the year as one or two segments; nil when it covers a whole year.
    let slotSegments: [(Int32, Int32)]?

    init(from: CalendarDay?, to: CalendarDay?) {
        start = from.map { Int32(clamping: $0.daysSinceEpoch) } ?? .min
        end = to.map { Int32(clamping: $0.daysSinceEpoch) } ?? .max
        if let from, let to, to.daysSinceEpoch - from.daysSinceEpoch < 365 {
            slotSegments = Self.segments(Int32(from.slotOfYear), Int32(to.slotOfYear))
        } else {
            slotSegments = nil
        }
    }

    /// A range of slots, split in two when it runs over the new year.
    static func segments(_ a: Int32, _ b: Int32) -> [(Int32, Int32)] {
        a <= b ? [(a, b)] : [(a, Int32(365)), (Int32(0), b)]
    }
}

extension SearchIndex {
    /// Whether document `o` is open (or takes place) during the window. Events need a period that
    /// overlaps it; other records without any period are taken as open (their opening is unknown,
    /// which at a counter is not the same as closed).
    @inline(__always)
    func isOpen(_ o: Int, during w: DateWindow, eventCode: UInt8?) -> Bool {
        let lo = Int(periodOffsets[o]), hi = Int(periodOffsets[o + 1])
        if lo == hi { return typeCodes[o] != eventCode }
        for p in lo..<hi {
            if periodEveryYear[p] {
                guard periodSince[p] <= w.end else { continue }
                guard let window = w.slotSegments else { return true }
                for (a, b) in DateWindow.segments(periodStarts[p], periodEnds[p]) {
                    for (c, d) in window where a <= d && c <= b { return true }
                }
            } else if periodStarts[p] <= w.end && periodEnds[p] >= w.start {
                return true
            }
        }
        return false
    }
}
