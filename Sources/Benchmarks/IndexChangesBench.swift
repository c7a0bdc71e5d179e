import Foundation
import Histogram
import Records
import Search

/// What applying a sync's changes to a running index costs, measured on the bench database and
/// undone (the database stays as generated).
struct IndexChangesFigures {
    /// Making the id → ordinal lookup, once per built index (the first change after a start).
    var lookupSeconds: Double
    /// Applying 1,000 changed records to the index.
    var applySeconds: Double
    /// Searches on the index with the changes applied, and on the index alone (same queries).
    var p50, p99, p50Before, p99Before: Double
    /// Queries whose answer differs from what the changed records say (checked on the records
    /// changed: each renamed record is found by its new name, not by its old one).
    var missed: Int
    var changed: Int
}

enum IndexChangesBench {
    /// The rollback of the changes, once measured.
    struct Undo: Error {}

    /// 1,000 records spread over the index, renamed and moved as a sync would change them, in a
    /// transaction that is rolled back after the measures.
    static func measure(engine: SearchEngine, store: RecordStore, workload: [BenchData.Query]) throws -> IndexChangesFigures {
        var figures: IndexChangesFigures?
        do {
            try store.generation {
                let step = max(1, engine.index.count / 1000)
                let ids = stride(from: 0, to: engine.index.count, by: step).prefix(1000).map { engine.index.recordId(at: $0) }
                var edited: [ImportedRecord] = []
                for (n, id) in ids.enumerated() {
                    var object = try store.object(id: id)
                    object.name = LocalizedText(["fr": "Quetzal \(n) " + (object.name.text("fr") ?? "")])
                    object.location = object.location.map { GeoPoint(latitude: $0.latitude + 0.01, longitude: $0.longitude - 0.01) }
                    object.modified = Date(timeIntervalSince1970: 4_000_000_000)
                    edited.append(ImportedRecord(object: object, raw: try store.rawJSON(id: id) ?? Data(), source: "bench"))
                }
                let revision = try store.revision()
                _ = try store.upsert(edited)
                guard let changes = try store.changes(since: revision) else { throw Undo() }
                var started = Date()
                let ready = try engine.applying([])
                let lookupSeconds = Date().timeIntervalSince(started)
                started = Date()
                let updated = try ready.applying(changes.ids)
                let applySeconds = Date().timeIntervalSince(started)
                var after = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
                var before = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
                // Alternately first: the second of a pair finds the page's rows in SQLite's cache.
                for (n, q) in workload.enumerated() {
                    for withChanges in n % 2 == 0 ? [true, false] : [false, true] {
                        let t = DispatchTime.now().uptimeNanoseconds
                        _ = try (withChanges ? updated : engine).search(q.query)
                        let micros = (DispatchTime.now().uptimeNanoseconds - t) / 1000
                        if withChanges { after.record(micros) } else { before.record(micros) }
                    }
                }
                var missed = 0
                for (n, id) in ids.enumerated() where n % 10 == 0 {
                    if try !updated.matchingIds(SearchQuery(text: "quetzal \(n)")).contains(id) { missed += 1 }
                }
                let p = { (h: Histogram<UInt64>, q: Double) in Double(h.valueAtPercentile(q)) / 1000 }
                figures = IndexChangesFigures(lookupSeconds: lookupSeconds, applySeconds: applySeconds, p50: p(after, 50), p99: p(after, 99),
                                              p50Before: p(before, 50), p99Before: p(before, 99), missed: missed, changed: changes.ids.count)
                throw Undo()
            }
        } catch {
            guard let figures else { throw error }
            return figures
        }
        throw Undo()
    }
}
