import Dispatch
import Foundation

extension BrochureRenderer {
    /// Draws the first half of the pages here and the second on another core (with the font
    /// library's companion: Pango's font maps are not shared between threads), then joins the two
    /// files and completes the accessibility of the whole. Nil when the halves cannot be joined
    /// (the caller renders in one piece). Called while `fonts` is held exclusively.
    func renderHalves(_ records: [BrochureRecord], to path: String) throws(BrochureError) -> RenderedBrochure? {
        let companion = try fonts.companion()
        return try companion.exclusive { () throws(BrochureError) -> RenderedBrochure? in
            let total = pageCount(records)
            let middle = total / 2
            var second = self
            second.fonts = companion
            // The first half is written where the brochure goes; the second is appended to it.
            let paths = [path, path + ".2.part"]
            defer { try? FileManager.default.removeItem(atPath: paths[1]) }
            let halves = Halves()
            let renderers = [OneThread(self), OneThread(second)]
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let renderer = renderers[half].value
                let result = Result { () throws(BrochureError) -> Part in
                    try renderer.renderPart(records, pages: half == 0 ? 0..<middle : middle..<total, of: total,
                                            to: paths[half], last: half == 1)
                }
                halves.set(half, result)
            }
            let (a, b) = (try halves.get(0), try halves.get(1))
            do throws(BrochureError) {
                try PDFJoin.append(paths[1], to: path)
            } catch {
                guard case .invalidPDF = error else { throw error }
                return nil
            }
            if a.tagged {
                try PDFAccessibility.complete(path, language: language, figureAlternatives: a.figureAlternatives + b.figureAlternatives)
            }
            return RenderedBrochure(pages: a.pages + b.pages, contents: [])
        }
    }
}

/// A renderer handed to the one thread that draws with it: its font library is held for the
/// render, and its appendix's documents are read by that thread only.
private struct OneThread: @unchecked Sendable {
    let value: BrochureRenderer
    init(_ value: BrochureRenderer) { self.value = value }
}

/// The two halves' results, set from the threads that drew them.
private final class Halves: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<BrochureRenderer.Part, BrochureError>] = [:]

    func set(_ half: Int, _ result: Result<BrochureRenderer.Part, BrochureError>) {
        lock.withLock { results[half] = result }
    }

    func get(_ half: Int) throws(BrochureError) -> BrochureRenderer.Part {
        guard let result = lock.withLock({ results[half] }) else { throw .cairo(operation: "render half \(half + 1)", status: "not rendered") }
        return try result.get()
    }
}
