import ArgumentParser
import Brochure
import DemoData
import Foundation
import Records
import Workflows

/// `guichet bench brochure`: the same brochure (one A4 sheet per record, one photo each) rendered
/// by Guichet, by WeasyPrint (HTML + CSS) and by Typst, with wall time, pages/s and output size;
/// then a 500-record brochure by Guichet with its memory.
struct BrochureBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "brochure", abstract: "Brochure rendering benchmark.")

    @Option(help: "Records in the compared brochure.") var records = 50
    @Option(help: "Records in the large brochure (Guichet only).") var large = 500
    @Option(help: "Where generated records, photos and PDFs live.") var dir = "bench-data/brochure"
    @Option(help: "Python environment holding WeasyPrint and Typst (default: .bench-venv in Guichet's home, made by scripts/bench-setup.sh).")
    var venv: String?
    @Option(help: "Guichet's folder with Layouts/, Branding/, Fonts/files/ (default: $GUICHET_HOME, else the checkout it was built from).")
    var home: String?
    @Flag(help: "Time Guichet only.") var guichetOnly = false
    @Option(help: "Pairs of renders of the large brochure with and without accessibility, in turn.") var accessibilityRounds = 5

    func run() throws {
        let folder = URL(fileURLWithPath: dir)
        let started = Date()
        let objects = try BrochureBenchData.objects(count: max(records, large), in: folder)
        let photos = try BenchPhotos.make(count: max(records, large), in: folder.appendingPathComponent("photos"))
        say("data: \(objects.count) demo records and \(photos.count) photos (1200×800 JPEG) ready in \(BenchData.seconds(since: started)) s")
        let home = try GuichetHome.locate(flag: home)
        let layout = try Layout.named("fiche-a4", in: home.layouts)
        let fonts = try FontLibrary(folder: home.fonts, required: ["Lato"])
        let branding = try Branding.forMember("1001", in: home.branding) ?? Branding(office: "Office de Tourisme")

        // The compared brochure, after one of 30 records: a server renders with its fonts loaded (the
        // first render of a process loads them: fontconfig, Pango), both font libraries once it has
        // drawn a long brochure in halves (the second's first use costs ~13 ms).
        let small = try BrochureBenchData.records(objects.prefix(records), photos: photos)
        _ = try timeGuichet(Array(small.prefix(30)), layout: layout, fonts: fonts, branding: branding, to: folder.appendingPathComponent("guichet-warm-up.pdf"))
        let photoBytes = photos.prefix(records).reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        // The median of five renders: one render of a tenth of a second varies by a fifth on this kind of machine.
        var renders = try (0..<5).map { _ in
            try timeGuichet(small, layout: layout, fonts: fonts, branding: branding, to: folder.appendingPathComponent("guichet-\(records).pdf"))
        }
        renders.sort { $0.render < $1.render }
        let ours = renders[2]
        say("Guichet, \(records) records, five renders: " + renders.map { String(format: "%.3f", $0.render) }.joined(separator: ", ") + " s (the median is compared)")
        var results = [ours]
        if !guichetOnly {
            let python = try BrochureBenchOthers.python(venv: venv ?? home.folder.appendingPathComponent(".bench-venv").path, home: home)
            let others = BrochureBenchOthers(folder: folder, python: python, fonts: home.fonts, branding: branding)
            results.append(try others.weasyPrint(small, photos: Array(photos.prefix(records))))
            results.append(try others.typst(small, photos: Array(photos.prefix(records))))
        }
        say("")
        say("Brochure of \(records) records, one A4 page and one photo each (photos: \(mb(photoBytes)) MB)")
        say("renderer".padding(toLength: 14, withPad: " ", startingAt: 0) + "pages  render s  process s  pages/s   size MB  size/photos")
        say("(render: the render call alone, timed inside each renderer's process; process: the whole command)")
        for r in results {
            say(r.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "%5d  %8.3f  ", r.pages, r.render)
                + (r.process.map { String(format: "%9.2f", $0) } ?? "        –")
                + String(format: "  %7.1f  %8.2f  %10.2f", Double(r.pages) / r.render, Double(r.bytes) / 1e6, Double(r.bytes) / Double(photoBytes)))
        }
        for other in results.dropFirst() {
            say(String(format: "Guichet vs %@: %.1f× faster (render time; %.2f ms per page against %.2f)", other.name,
                       other.render / ours.render, ours.render * 1000 / Double(ours.pages), other.render * 1000 / Double(other.pages)))
        }
        say("targets: ≥ 20× faster than WeasyPrint, at least as fast as Typst, output ≤ photos + 10% (≤ 1.10)")

        // The large brochure, Guichet only: wall time and memory.
        let big = try BrochureBenchData.records(objects.prefix(large), photos: photos)
        let before = BrochureBenchData.residentMB()
        let largeResult = try timeGuichet(big, layout: layout, fonts: fonts, branding: branding, to: folder.appendingPathComponent("guichet-\(large).pdf"))
        let bigPhotoBytes = photos.prefix(large).reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        say("")
        say(String(format: "Guichet, %d records: %d pages in %.2f s (%.0f pages/s), %.1f MB (photos %.1f MB, ratio %.2f)",
                   large, largeResult.pages, largeResult.render, Double(largeResult.pages) / largeResult.render, Double(largeResult.bytes) / 1e6,
                   Double(bigPhotoBytes) / 1e6, Double(largeResult.bytes) / Double(bigPhotoBytes)))
        say(String(format: "memory: %.0f MB resident before rendering, %.0f MB peak (target: peak ≤ 300 MB)", before, BrochureBenchData.peakMB()))

        // What accessibility costs (tags, links, bookmarks, alternative texts): the same brochure
        // printed only, alternately, in the same run.
        guard accessibilityRounds > 0 else { return }
        var tagged: [Double] = [], untagged: [Double] = []
        for round in 0..<accessibilityRounds {
            // Each pair in turn order (tagged first, then untagged first): a drift of the machine's
            // speed weighs on both sides alike.
            for accessible in round % 2 == 0 ? [true, false] : [false, true] {
                let result = try timeGuichet(big, layout: layout, fonts: fonts, branding: branding,
                                             to: folder.appendingPathComponent("guichet-\(large)-\(accessible ? "tagged" : "untagged").pdf"), accessible: accessible)
                if accessible { tagged.append(result.render) } else { untagged.append(result.render) }
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let pairs = zip(tagged, untagged).map { $0 / $1 }
        say(String(format: "accessibility, %d records, %d pairs of runs: tagged %@ s, untagged %@ s; medians %.2f against %.2f s: %+.0f %%, median of the pairs' ratios %+.0f %% (target ≤ +5 %%)",
                   large, accessibilityRounds, tagged.map { String(format: "%.2f", $0) }.joined(separator: "/"),
                   untagged.map { String(format: "%.2f", $0) }.joined(separator: "/"), median(tagged), median(untagged),
                   (median(tagged) / median(untagged) - 1) * 100, (median(pairs) - 1) * 100))
    }

    func timeGuichet(_ records: [BrochureRecord], layout: Layout, fonts: FontLibrary, branding: Branding, to file: URL,
                     accessible: Bool = true) throws -> BrochureBenchResult {
        var renderer = BrochureRenderer(layout: layout, fonts: fonts, language: "fr", branding: branding)
        renderer.accessible = accessible
        // Removed, not overwritten: truncating the previous run's file waits for the disk to finish
        // writing it back (seen as renders taking 1.6 s instead of 1.0 s every other run).
        try? FileManager.default.removeItem(at: file)
        let started = Date()
        let rendered = try renderer.render(records, to: file.path)
        let seconds = Date().timeIntervalSince(started)
        let bytes = (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        return BrochureBenchResult(name: "Guichet", pages: rendered.pages, render: seconds, process: nil, bytes: bytes)
    }

    func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
}

struct BrochureBenchResult {
    var name: String
    var pages: Int
    /// Seconds spent rendering, inside the renderer's process.
    var render: Double
    /// Seconds of the whole command, interpreter start-up and imports included (nil for Guichet,
    /// whose server process is already running when it renders).
    var process: Double?
    var bytes: Int
}

enum BrochureBenchData {
    /// Demo records imported into a cache of their own, as the brochure command reads them.
    static func objects(count: Int, in folder: URL) throws -> [TouristObject] {
        let data = folder.appendingPathComponent("records-\(count)")
        if !FileManager.default.fileExists(atPath: data.appendingPathComponent("communes.json").path) {
            try DemoGenerator(records: count).write(to: data)
        }
        let dbPath = data.path + ".sqlite"
        let store = try RecordStore(path: dbPath)
        if try store.countsByType().values.reduce(0, +) < count { _ = try Importer(store: store).importPaths([data.path]) }
        var ids: [Int] = []
        try store.forEachIndexRow { ids.append($0.id) }
        return try ids.sorted().prefix(count).map { try store.object(id: $0) }
    }

    static func records(_ objects: ArraySlice<TouristObject>, photos: [URL]) throws -> [BrochureRecord] {
        try objects.enumerated().map { i, o in
            BrochureRecord(object: o, language: "fr", photo: try Data(contentsOf: photos[i % photos.count]))
        }
    }

    static func residentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }

    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
