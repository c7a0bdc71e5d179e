import Foundation
import Records
import Synchronization

/// The names, communes and photos of records recently shown, by language, kept in memory for the
/// life of one search engine (a change to the cache makes a new engine, with an empty one) and a
/// minute at most (popularity moves without a new engine). Typing in the search box asks the same
/// records again and again: on PostgreSQL each page of suggestions was a round trip to the server.
final class SummaryCache: Sendable {
    private struct Key: Hashable { var id: Int; var language: String }
    private let entries = Mutex<[Key: (summary: RecordSummary, until: Date)]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 60, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The summaries of `ids` in their order (those the cache no longer has left out), reading
    /// only the ones not kept through `load`.
    func summaries(ids: [Int], language: String, load: ([Int]) throws(RecordsError) -> [RecordSummary]) throws(RecordsError) -> [RecordSummary] {
        let now = Date()
        var found: [Int: RecordSummary] = [:]
        let missing: [Int] = entries.withLock { kept in
            ids.filter { id in
                guard let hit = kept[Key(id: id, language: language)], hit.until > now else { return true }
                found[id] = hit.summary
                return false
            }
        }
        if !missing.isEmpty {
            let loaded = try load(missing)
            let until = now.addingTimeInterval(lifetime)
            entries.withLock { kept in
                if kept.count + loaded.count > capacity { kept.removeAll(keepingCapacity: true) }
                for summary in loaded { kept[Key(id: summary.id, language: language)] = (summary, until) }
            }
            for summary in loaded { found[summary.id] = summary }
        }
        return ids.compactMap { found[$0] }
    }
}
