import Foundation

/// Lays records out according to a `Layout` and writes the PDF.
public struct BrochureRenderer {
    public let layout: Layout
    public let fonts: FontLibrary
    public let language: String
    /// Printed in the footer (`{office}`).
    public let office: String

    public init(layout: Layout, fonts: FontLibrary, language: String, office: String) {
        self.layout = layout; self.fonts = fonts; self.language = language; self.office = office
    }

    var pageWidth: Double { PDFCanvas.points(mm: layout.page.width) }
    var pageHeight: Double { PDFCanvas.points(mm: layout.page.height) }
    var content: Rect {
        let m = layout.margins
        return Rect(x: PDFCanvas.points(mm: m.left), y: PDFCanvas.points(mm: m.top),
                    width: PDFCanvas.points(mm: layout.page.width - m.left - m.right),
                    height: PDFCanvas.points(mm: layout.page.height - m.top - m.bottom))
    }

    /// Renders the records in the order given (grouped by category in booklets).
    @discardableResult
    public func render(_ records: [BrochureRecord], to path: String) throws(BrochureError) -> RenderedBrochure {
        let canvas = try PDFCanvas(path: path, width: pageWidth, height: pageHeight)
        if layout.mode == .booklet { return try renderBooklet(records, on: canvas) }
        let perPage = layout.mode == .sheet ? 1 : layout.recordsPerPage
        let pages = max(1, (records.count + perPage - 1) / perPage)
        for page in 0..<pages {
            if page > 0 { try canvas.newPage() }
            let slice = records[(page * perPage)..<min(records.count, (page + 1) * perPage)]
            switch layout.mode {
            case .sheet:
                if let record = slice.first { try drawSheet(record, on: canvas, in: content) }
            case .booklet:
                break
            case .list:
                let rowHeight = content.height / Double(perPage)
                for (i, record) in slice.enumerated() {
                    let row = Rect(x: content.x, y: content.y + Double(i) * rowHeight, width: content.width, height: rowHeight - 6)
                    try drawRow(record, on: canvas, in: row)
                }
            }
            drawFooter(on: canvas, page: page + 1, pages: pages)
        }
        try canvas.finish()
        return RenderedBrochure(pages: pages, contents: [])
    }

    func drawFooter(on canvas: PDFCanvas, page: Int, pages: Int) {
        guard let template = layout.footer else { return }
        let text = template.replacingOccurrences(of: "{office}", with: office)
            .replacingOccurrences(of: "{page}", with: String(page)).replacingOccurrences(of: "{pages}", with: String(pages))
        let y = pageHeight - PDFCanvas.points(mm: layout.margins.bottom) + 8
        _ = canvas.draw(text, style: TextStyle(size: 8, color: Palette.muted, alignment: .center, language: language),
                        in: Rect(x: content.x, y: y, width: content.width, height: 14), fonts: fonts)
    }
}

enum Palette {
    static let muted = Color(red: 0.35, green: 0.38, blue: 0.42)
    static let accent = Color(red: 0.12, green: 0.36, blue: 0.55)
}
