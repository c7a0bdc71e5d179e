import CCairo
import Foundation

/// How a brochure's pages are laid on the sheets that come out of the printer.
public enum Imposition: String, Sendable, CaseIterable {
    /// One page per sheet, in reading order: for screens and emails.
    case none
    /// Two pages side by side on each side of a landscape sheet twice their width (A5 on A4), in
    /// saddle-stitch order: printed double-sided (flipped on the short edge) and folded in the
    /// middle, the sheets read as a booklet. Blank pages complete it to a multiple of 4.
    case booklet

    /// For `pages` pages, the sheet sides in print order, each a (left, right) pair of 0-based page
    /// indices; nil is a blank page.
    public static func saddleStitch(pages: Int) -> [(left: Int?, right: Int?)] {
        let total = max(4, (pages + 3) / 4 * 4)
        func page(_ i: Int) -> Int? { i < pages ? i : nil }
        var sides: [(Int?, Int?)] = []
        for sheet in 0..<(total / 4) {
            sides.append((page(total - 1 - 2 * sheet), page(2 * sheet)))  // front: last … first
            sides.append((page(2 * sheet + 1), page(total - 2 - 2 * sheet)))  // back
        }
        return sides
    }

    /// Writes `source` imposed as a booklet to `path`: each side of each sheet draws two of its
    /// pages, vector as they are (text stays text, photos are not re-encoded). Returns the sheet
    /// sides written.
    @discardableResult
    public static func impose(_ source: PDFPages, to path: String) throws(BrochureError) -> Int {
        guard source.count > 0 else { throw .invalidPDF(reason: "nothing to impose") }
        let page = source.size(page: 0)
        let canvas = try PDFCanvas(path: path, width: page.width * 2, height: page.height)
        let sides = saddleStitch(pages: source.count)
        for (i, side) in sides.enumerated() {
            if i > 0 { try canvas.newPage() }
            for (slot, index) in [side.left, side.right].enumerated() {
                guard let index else { continue }
                let size = source.size(page: index)
                cairo_save(canvas.cr)
                // Each page centred in its half (a page of another size is not stretched).
                cairo_translate(canvas.cr, Double(slot) * page.width + (page.width - size.width) / 2, (page.height - size.height) / 2)
                try source.draw(page: index, on: canvas.cr)
                cairo_restore(canvas.cr)
                try canvas.check("impose page \(index + 1)")
            }
        }
        try canvas.finish()
        return sides.count
    }
}
