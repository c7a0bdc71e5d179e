import ArgumentParser
import DemoData
import Foundation
import GRDB
import Histogram
import Records
import Search

/// `guichet bench search`: import rate, index memory per record, and autocomplete latency against a
/// naive SQLite baseline (FTS5 prefix query + R*Tree box + exact distance) on the same data.
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search benchmark.")

    @Option(help: "Records to generate (or reuse).") var records = 1_000_000
    @Option(help: "Where generated data and the bench database live.") var dir = "bench-data"
    @Option(help: "Autocomplete queries to time.") var queries = 1000
    @Option(help: "How many of the queries the naive baseline runs (default: all).") var baselineQueries: Int?
    @Flag(help: "Reuse the database of an earlier run (the import rate is then not measured).") var reuseDb = false
    @Option(help: "Run the five slowest queries this many times more, after the timings (for a profiler).") var repeatSlowest = 0
    @Option(help: "La Poste CSV to place records in real communes (default: ../shared/data/gazetteer/… when present).")
    var gazetteer: String?

    func run() throws {
        let folder = URL(fileURLWithPath: dir).appendingPathComponent("records-\(records)")
        let gazetteerPath = gazetteer ?? BenchData.sharedGazetteer
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("communes.json").path) {
            let communes = try gazetteerPath.map { try Commune.laPosteGazetteer(at: $0) } ?? []
            let started = Date()
            try DemoGenerator(records: records, communes: communes).write(to: folder)
            say("generated \(records) records in \(BenchData.seconds(since: started)) s → \(folder.path)")
        }
        let dbPath = folder.path + ".sqlite"
        let reuse = reuseDb && FileManager.default.fileExists(atPath: dbPath)
        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) } }
        let store = try RecordStore(path: dbPath)

        // Import.
        var started = Date()
        var importRate = Double.nan
        if !reuse {
            let report = try Importer(store: store).importPaths([folder.path])
            let importSeconds = Date().timeIntervalSince(started)
            importRate = Double(report.inserted) / importSeconds
            say("import: \(report.summary) in \(String(format: "%.1f", importSeconds)) s")
            try BenchData.assignPopularity(store: store)
        }

        // Index.
        started = Date()
        let engine = try SearchEngine(store: store)
        let indexSeconds = Date().timeIntervalSince(started)
        let perRecord = Double(engine.index.memoryBytes) / Double(engine.index.count)

        // The snapshot a server keeps next to the cache, and a start-up reading it.
        let snapshot = SearchEngine.snapshotURL(forDatabase: dbPath)
        started = Date()
        try engine.index.writeSnapshot(to: snapshot, version: try store.indexVersion())
        let writeSeconds = Date().timeIntervalSince(started)
        let snapshotBytes = (try FileManager.default.attributesOfItem(atPath: snapshot.path)[.size] as? Int) ?? 0
        started = Date()
        let (reopened, origin, _) = try SearchEngine.open(store: RecordStore(path: dbPath), snapshot: snapshot)
        let startSeconds = Date().timeIntervalSince(started)
        guard case .snapshot = origin, reopened.index.count == engine.index.count else {
            throw ValidationError("the snapshot was not read back: \(origin)")
        }
        say(String(format: "snapshot: %.0f MB written in %.2f s, start-up from it in %.2f s (index build: %.2f s)",
                   Double(snapshotBytes) / 1e6, writeSeconds, startSeconds, indexSeconds))

        // Baseline tables, built outside the timings.
        started = Date()
        let baseline = try NaiveSearch(path: dbPath, rebuild: !reuse)
        say("baseline FTS5 + R*Tree built in \(BenchData.seconds(since: started)) s")

        let workload = try BenchData.queries(count: queries, engine: engine)
        // Warm both once.
        for q in workload.prefix(20) { _ = try engine.search(q.query); _ = try baseline.search(q.query) }
        var ours = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var theirs = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var oursFiltered = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var theirsFiltered = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var ourTotals: [Int] = []
        var slowest: [(micros: UInt64, query: SearchQuery, total: Int)] = []
        for q in workload {
            let t = DispatchTime.now().uptimeNanoseconds
            ourTotals.append(try engine.search(q.query).total)
            let micros = (DispatchTime.now().uptimeNanoseconds - t) / 1000
            slowest.append((micros, q.query, ourTotals.last!))
            ours.record(micros)
            if q.filtered { oursFiltered.record(micros) }
        }
        for s in slowest.sorted(by: { $0.micros > $1.micros }).prefix(5) {
            say(String(format: "slow: %.2f ms for \"%@\" types %@%@ → %d", Double(s.micros) / 1000, s.query.text,
                       s.query.types.map(\.apidaeCode).sorted().joined(separator: "+"),
                       s.query.radiusKm.map { " within \($0) km" } ?? "", s.total))
        }
        // The same queries as suggestions (what the desk asks while the agent types: the page,
        // without the total and the facets), checked against the search's page.
        var suggestAll = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var suggestFiltered = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var suggestDiffers = 0
        for q in workload {
            let t = DispatchTime.now().uptimeNanoseconds
            let page = try engine.suggest(q.query)
            let micros = (DispatchTime.now().uptimeNanoseconds - t) / 1000
            suggestAll.record(micros)
            if q.filtered { suggestFiltered.record(micros) }
            if page.map(\.id) != (try engine.search(q.query)).results.map(\.id) { suggestDiffers += 1 }
        }
        if repeatSlowest > 0 {
            let queries = slowest.sorted(by: { $0.micros > $1.micros }).prefix(5).map(\.query)
            say("repeating the 5 slowest queries \(repeatSlowest) times (pid \(getpid()))")
            let started = Date()
            for _ in 0..<repeatSlowest { for q in queries { _ = try engine.search(q) } }
            say(String(format: "%.3f ms per query", Date().timeIntervalSince(started) * 1000 / Double(repeatSlowest * queries.count)))
        }
        // The index read from its snapshot answers exactly as the one just built.
        var snapshotDiffers = 0
        for (q, ourTotal) in zip(workload, ourTotals) where try reopened.matchingIds(q.query).count != ourTotal
            || reopened.search(q.query).results.map(\.id) != engine.search(q.query).results.map(\.id) {
            snapshotDiffers += 1
        }
        say("index read from the snapshot: \(snapshotDiffers) of \(workload.count) queries answered differently")
        let changes = try IndexChangesBench.measure(engine: engine, store: store, workload: workload)
        say(String(format: "changes: %d records renamed and moved, applied in %.0f ms (id lookup made once per built index: %.0f ms); %d of %d looked for by their new name not found",
                   changes.changed, changes.applySeconds * 1000, changes.lookupSeconds * 1000, changes.missed, changes.changed / 10))
        var mismatches = 0, explainedByCommunes = 0
        for (q, ourTotal) in zip(workload, ourTotals).prefix(baselineQueries ?? workload.count) {
            let t = DispatchTime.now().uptimeNanoseconds
            let theirTotal = try baseline.search(q.query)
            let micros = (DispatchTime.now().uptimeNanoseconds - t) / 1000
            theirs.record(micros)
            if q.filtered { theirsFiltered.record(micros) }
            if theirTotal != ourTotal {
                mismatches += 1
                // Guichet places a record without coordinates at its commune (flagged approximate);
                // the baseline's R*Tree holds only records with their own.
                let ids = try engine.matchingIds(q.query)
                let placed = try store.summaries(ids: ids).filter { $0.latitude == nil }.count
                if ourTotal - placed == theirTotal { explainedByCommunes += 1 }
                if mismatches <= 12 || ourTotal - placed != theirTotal {
                    say(String(format: "differs: \"%@\" types %@%@ → Guichet %d (%d placed at their commune), naive %d", q.query.text,
                               q.query.types.map(\.apidaeCode).sorted().joined(separator: "+"),
                               q.query.radiusKm.map { " within \($0) km" } ?? "", ourTotal, placed, theirTotal))
                }
            }
        }
        let p = { (h: Histogram<UInt64>, q: Double) in Double(h.valueAtPercentile(q)) / 1000 }
        say("")
        say("records: \(engine.index.count), queries: \(workload.count) (\(workload.filter(\.filtered).count) with type and/or radius filters), baseline ran \(min(baselineQueries ?? workload.count, workload.count))")
        say("figure                         Guichet        naive SQLite    target")
        say(BenchData.row("import (records/s)", importRate, nil, "≥ 40,000", format: "%.0f"))
        say(BenchData.row("index build (s)", indexSeconds, nil, "", format: "%.2f"))
        say(BenchData.row("start-up from snapshot (s)", startSeconds, nil, "≤ 1", format: "%.2f"))
        say(BenchData.row("index memory (bytes/record)", perRecord, nil, "≤ 1,024", format: "%.0f"))
        say(BenchData.row("1,000 changes applied (ms)", changes.applySeconds * 1000, nil, "≤ 100", format: "%.0f"))
        say(BenchData.row("p50 all, with them (ms)", changes.p50, nil, String(format: "without: %.3f", changes.p50Before)))
        say(BenchData.row("p99 all, with them (ms)", changes.p99, nil, String(format: "without: %.3f", changes.p99Before)))
        say(BenchData.row("p50 all (ms)", p(ours, 50), p(theirs, 50), ""))
        say(BenchData.row("p99 all (ms)", p(ours, 99), p(theirs, 99), "≤ ⅓ of naive"))
        say(BenchData.row("p50 filtered (ms)", p(oursFiltered, 50), p(theirsFiltered, 50), ""))
        say(BenchData.row("p99 filtered (ms)", p(oursFiltered, 99), p(theirsFiltered, 99), "≤ 5 ms"))
        say(BenchData.row("suggest p50 all (ms)", p(suggestAll, 50), nil, "≤ 0.5"))
        say(BenchData.row("suggest p99 all (ms)", p(suggestAll, 99), nil, ""))
        say(BenchData.row("suggest p99 filtered (ms)", p(suggestFiltered, 99), nil, "≤ 2 ms"))
        say("suggestions that differ from the search's first page: \(suggestDiffers) of \(workload.count)")
        say(String(format: "p99 ratio naive/Guichet: %.1f×; result counts that differ: %d of %d (%d by the records placed at their commune, %d otherwise)",
                     p(theirs, 99) / max(p(ours, 99), 0.001), mismatches, min(baselineQueries ?? workload.count, workload.count),
                     explainedByCommunes, mismatches - explainedByCommunes))
    }
}
