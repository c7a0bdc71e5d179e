import Foundation
import GRDB
import Records
import Search

enum BenchData {
    static var sharedGazetteer: String? {
        let path = "../shared/data/gazetteer/jaco60-zipcodes__laposte_hexasmal.csv"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }

    static func row(_ label: String, _ ours: Double, _ theirs: Double?, _ target: String, format: String = "%.3f") -> String {
        label.padding(toLength: 31, withPad: " ", startingAt: 0)
            + String(format: format, ours).padding(toLength: 15, withPad: " ", startingAt: 0)
            + (theirs.map { String(format: format, $0) } ?? "-").padding(toLength: 16, withPad: " ", startingAt: 0)
            + target
    }

    /// Popularity as baskets would make it: most records rarely chosen, a few often.
    static func assignPopularity(store: RecordStore) throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE tourist_object SET popularity = ((id * 2654435761) % 1000) * ((id * 2654435761) % 1000) / 10000")
        }
    }

    struct Query {
        var query: SearchQuery
        var filtered: Bool
    }

    /// Autocomplete as typed at the counter: 1 to 4 letters of a word of a real name, a third of them
    /// alone, a third with a type, a third with a type and a radius of 10–30 km around a commune.
    static func queries(count: Int, engine: SearchEngine) throws -> [Query] {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let sample = try engine.store.summaries(ids: (0..<500).map { _ in 100_000 + Int(next() % UInt64(engine.index.count)) })
        let communes = try engine.store.allCommunes().filter { $0.location != nil }
        let used = Set(sample.compactMap(\.insee))
        let centres = communes.filter { used.contains($0.insee) }
        let types: [[ObjectType]] = [[.hotellerie], [.hebergementLocatif, .hebergementCollectif], [.feteEtManifestation], [.restauration], [.activite, .equipement]]
        var result: [Query] = []
        for i in 0..<count {
            let record = sample[Int(next() % UInt64(sample.count))]
            let words = TextFolding.tokens(record.name).filter { $0.count >= 2 }
            let word = words.isEmpty ? "a" : words[Int(next() % UInt64(words.count))]
            let text = String(word.prefix(1 + Int(next() % 4)))
            var q = SearchQuery(text: text)
            switch i % 3 {
            case 1:
                q.types = Set(types[Int(next() % UInt64(types.count))])
            case 2:
                q.types = Set(types[Int(next() % UInt64(types.count))])
                if let c = centres.isEmpty ? nil : centres[Int(next() % UInt64(centres.count))], let p = c.location {
                    q.centre = p
                    q.radiusKm = Double(10 + next() % 21)
                }
            default: break
            }
            result.append(Query(query: q, filtered: i % 3 != 0))
        }
        return result
    }
}

/// Prints a line at once, so a long benchmark's progress shows in a log file too.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
