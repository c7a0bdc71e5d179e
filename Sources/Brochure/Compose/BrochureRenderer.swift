import Foundation

/// Lays records out according to a `Layout` and a member's `Branding`, and writes the PDF.
public struct BrochureRenderer {
    public let layout: Layout
    public internal(set) var fonts: FontLibrary
    public let language: String
    public let branding: Branding
    /// PDF documents whose pages follow the records' (an office's town map, its price list).
    public var appendix: [PDFPages] = []
    /// Structure tags, links, bookmarks and alternative texts, for screens and screen readers
    /// (about a seventh more render time with cairo 1.16, see the README); off for a brochure only printed.
    public var accessible = true
    /// Brochures of sheets or lists from this many pages are drawn in two halves at once (below,
    /// the second core's start costs more than it saves).
    var halvesFrom = 24

    public init(layout: Layout, fonts: FontLibrary, language: String, branding: Branding) {
        self.layout = layout; self.fonts = fonts; self.language = language; self.branding = branding
    }

    var pageWidth: Double { PDFCanvas.points(mm: layout.page.width) }
    var pageHeight: Double { PDFCanvas.points(mm: layout.page.height) }
    /// The page inside the margins.
    var content: Rect {
        let m = layout.margins
        return Rect(x: PDFCanvas.points(mm: m.left), y: PDFCanvas.points(mm: m.top),
                    width: PDFCanvas.points(mm: layout.page.width - m.left - m.right),
                    height: PDFCanvas.points(mm: layout.page.height - m.top - m.bottom))
    }
    /// Where records go: the content under the header band.
    var body: Rect {
        guard layout.header > 0 else { return content }
        let band = PDFCanvas.points(mm: layout.header) + 10
        return Rect(x: content.x, y: content.y + band, width: content.width, height: content.height - band)
    }

    /// Renders the records in the order given (grouped by category in booklets). Renders sharing
    /// one font library take turns (see `FontLibrary.exclusive`); callable from any thread. A long
    /// brochure of sheets or lists is drawn in two halves at once (see `renderHalves`).
    @discardableResult
    public func render(_ records: [BrochureRecord], to path: String) throws(BrochureError) -> RenderedBrochure {
        try fonts.exclusive { () throws(BrochureError) -> RenderedBrochure in
            if layout.mode != .booklet, pageCount(records) >= halvesFrom, ProcessInfo.processInfo.activeProcessorCount > 1,
               let joined = try renderHalves(records, to: path) {
                return joined
            }
            return try renderAlone(records, to: path)
        }
    }

    private func renderAlone(_ records: [BrochureRecord], to path: String) throws(BrochureError) -> RenderedBrochure {
        if layout.mode == .booklet {
            let canvas = try PDFCanvas(path: path, width: pageWidth, height: pageHeight)
            canvas.setMetadata(title: title, author: branding.office, subject: subject(records))
            // The whole brochure is one structure in reading order (its "Document" root added when the
            // file is completed); the pages' header and footer are not in it.
            if accessible { canvas.beginDocument() }
            return try renderBooklet(records, on: canvas)
        }
        let total = pageCount(records)
        let part = try renderPart(records, pages: 0..<total, of: total, to: path, last: true)
        if part.tagged { try PDFAccessibility.complete(path, language: language, figureAlternatives: part.figureAlternatives) }
        return RenderedBrochure(pages: part.pages, contents: [])
    }

    /// Pages of a brochure of sheets or lists.
    func pageCount(_ records: [BrochureRecord]) -> Int {
        max(1, (records.count + perPage - 1) / perPage)
    }

    var perPage: Int { layout.mode == .sheet ? 1 : layout.recordsPerPage }

    func subject(_ records: [BrochureRecord]) -> String { records.prefix(12).map(\.name).joined(separator: ", ") }

    /// Pages `pages` (0-based, of `total`) of a brochure of sheets or lists, written as cairo writes
    /// them; the appendix follows when `last`.
    func renderPart(_ records: [BrochureRecord], pages: Range<Int>, of total: Int, to path: String,
                    last: Bool) throws(BrochureError) -> Part {
        let canvas = try PDFCanvas(path: path, width: pageWidth, height: pageHeight)
        canvas.setMetadata(title: title, author: branding.office, subject: subject(records))
        if accessible { canvas.beginDocument() }
        let rowHeight = body.height / Double(perPage)
        let shown = (pages.lowerBound * perPage)..<min(records.count, pages.upperBound * perPage)
        for i in shown {  // one bookmark per record, all before the first page (see `bookmark`)
            canvas.bookmark(records[i].name, page: i / perPage - pages.lowerBound + 1, y: body.y + Double(i % perPage) * rowHeight)
        }
        for page in pages {
            if page > pages.lowerBound { try canvas.newPage() }
            try drawHeader(on: canvas)
            let slice = records[min(records.count, page * perPage)..<min(records.count, (page + 1) * perPage)]
            switch layout.mode {
            case .sheet:
                if let record = slice.first { try drawSheet(record, on: canvas, in: body) }
            case .booklet:
                break
            case .list:
                for (i, record) in slice.enumerated() {
                    let row = Rect(x: body.x, y: body.y + Double(i) * rowHeight, width: body.width, height: rowHeight - 6)
                    try drawRow(record, on: canvas, in: row)
                }
            }
            drawFooter(on: canvas, page: page + 1, pages: total)
        }
        let tagged = canvas.isTagged
        if tagged { canvas.endDocument() }
        if last { for document in appendix { try canvas.append(document) } }
        try canvas.finish()
        return Part(pages: pages.count + (last ? appendix.reduce(0) { $0 + $1.count } : 0),
                    figureAlternatives: canvas.figureAlternatives, tagged: tagged)
    }

    /// A part of a brochure as cairo wrote it, before the accessibility update.
    struct Part: Sendable {
        var pages: Int
        var figureAlternatives: [String]
        var tagged: Bool
    }

    /// "Votre sélection — Office de Tourisme …", in the brochure's language.
    var title: String { "\(layout.coverTitle ?? Labels.text("selection", language)) — \(branding.office)" }

    /// Appends the appendix's pages, writes the file, then adds what cairo cannot write (the
    /// language, the figures' alternative text); returns how many pages were appended.
    func finish(_ canvas: PDFCanvas) throws(BrochureError) -> Int {
        let tagged = canvas.isTagged
        if tagged { canvas.endDocument() }
        for document in appendix { try canvas.append(document) }
        try canvas.finish()
        if tagged { try PDFAccessibility.complete(canvas.path, language: language, figureAlternatives: canvas.figureAlternatives) }
        return appendix.reduce(0) { $0 + $1.count }
    }

    /// The branding band: logo on the left, office name and address on the right, a rule under.
    func drawHeader(on canvas: PDFCanvas) throws(BrochureError) {
        guard layout.header > 0 else { return }
        let band = Rect(x: content.x, y: content.y, width: content.width, height: PDFCanvas.points(mm: layout.header))
        try canvas.reusable("header", area: Rect(x: band.x, y: band.y, width: band.width, height: band.height + 6)) { () throws(BrochureError) in
            try drawHeaderBand(band, on: canvas)
        }
    }

    func drawHeaderBand(_ band: Rect, on canvas: PDFCanvas) throws(BrochureError) {
        var textBox = band
        if let logo = branding.logo {
            let ratio = canvas.aspectRatio(ofImage: logo) ?? 3
            let logoBox = Rect(x: band.x, y: band.y, width: min(band.width * 0.4, band.height * ratio) + 8, height: band.height)
            do { try canvas.drawImage(logo, in: logoBox, fit: .contain, anchor: .leading) } catch .invalidImage {}
            textBox = Rect(x: band.x + logoBox.width, y: band.y, width: band.width - logoBox.width, height: band.height)
        }
        let lines = ["<b>\(escape(branding.office))</b>", branding.address.map(escape)].compactMap { $0 }.joined(separator: "\n")
        // The largest size at which the lines fit the band.
        var size = 8.5, height = 0.0
        while true {
            height = canvas.measure(lines, markup: true, style: style(size: size, alignment: .right), width: textBox.width, fonts: fonts)
            if height <= textBox.height || size <= 6 { break }
            size -= 0.5
        }
        _ = canvas.draw(lines, markup: true, style: style(size: size, color: branding.muted, alignment: .right),
                        in: Rect(x: textBox.x, y: textBox.y + max(0, (textBox.height - height) / 2), width: textBox.width, height: textBox.height),
                        fonts: fonts)
        canvas.fill(Rect(x: band.x, y: band.y + band.height + 4, width: band.width, height: 1), branding.primary)
    }

    /// The layout's footer line (not on a cover), then the member's legal mention in small print.
    func drawFooter(on canvas: PDFCanvas, page: Int, pages: Int, cover: Bool = false) {
        var y = pageHeight - PDFCanvas.points(mm: layout.margins.bottom) + 8
        if !cover, let template = layout.footer {
            let text = template.replacingOccurrences(of: "{office}", with: branding.office)
                .replacingOccurrences(of: "{address}", with: branding.address ?? "")
                .replacingOccurrences(of: "{page}", with: String(page)).replacingOccurrences(of: "{pages}", with: String(pages))
            y += canvas.draw(text, style: style(size: 8, color: branding.muted, alignment: .center),
                             in: Rect(x: content.x, y: y, width: content.width, height: 14), fonts: fonts).height + 1
        }
        if let legal = branding.legal {
            let area = Rect(x: content.x, y: y, width: content.width, height: 18)
            try? canvas.reusable("legal \(y)", area: area) {
                _ = canvas.draw(legal, style: style(size: 6.5, color: branding.muted, alignment: .center), in: area, fonts: fonts)
            }
        }
    }
}
