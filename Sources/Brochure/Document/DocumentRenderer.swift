import Foundation

/// Prints a `Document` on A4 pages: the office's band (logo and name in its colour) on the first
/// page, headings in the office's colour, each field's label above its text, text that flows on to
/// the next page, the footer and page number on every page.
public struct DocumentRenderer: Sendable {
    public let fonts: FontLibrary
    public let branding: Branding

    public init(fonts: FontLibrary, branding: Branding) { self.fonts = fonts; self.branding = branding }

    static let width = PDFCanvas.points(mm: 210), height = PDFCanvas.points(mm: 297), margin = PDFCanvas.points(mm: 18)

    /// Writes the PDF; returns its page count. Callable from any thread (the fonts take turns).
    public func render(_ document: Document, to path: String) throws(BrochureError) -> Int {
        try fonts.exclusive { () throws(BrochureError) -> Int in try renderAlone(document, to: path) }
    }

    private func renderAlone(_ document: Document, to path: String) throws(BrochureError) -> Int {
        let canvas = try PDFCanvas(path: path, width: Self.width, height: Self.height)
        let m = Self.margin, contentWidth = Self.width - 2 * m, bottom = Self.height - m - 18
        let language = document.language
        let body = TextStyle(size: 10, language: language)
        let label = TextStyle(size: 8.5, bold: true, color: branding.muted, language: language)
        let heading = TextStyle(size: 13, bold: true, color: branding.primary, language: language)
        var page = 1
        var y = m

        func footer() {
            let style = TextStyle(size: 8, color: branding.muted, language: language)
            _ = canvas.draw(document.footer, style: style, in: Rect(x: m, y: Self.height - m, width: contentWidth - 40, height: 12), fonts: fonts)
            var right = style
            right.alignment = .right
            _ = canvas.draw(String(page), style: right, in: Rect(x: m, y: Self.height - m, width: contentWidth, height: 12), fonts: fonts)
        }
        func newPage() throws(BrochureError) {
            footer()
            try canvas.newPage()
            page += 1
            y = m
        }
        /// Room for `height` points, else a new page.
        func room(_ height: Double) throws(BrochureError) {
            if y + height > bottom { try newPage() }
        }

        // The band: logo and office name on the office's colour.
        let band = PDFCanvas.points(mm: 22)
        canvas.fill(Rect(x: 0, y: 0, width: Self.width, height: band), branding.primary)
        var nameX = m
        if let logo = branding.logo {
            let box = Rect(x: m, y: 8, width: PDFCanvas.points(mm: 40), height: band - 16)
            canvas.fill(Rect(x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8), Color(red: 1, green: 1, blue: 1))
            do { try canvas.drawImage(logo, in: box, fit: .contain, anchor: .leading) } catch .invalidImage {}
            nameX += box.width + 16
        }
        let white = Color(red: 1, green: 1, blue: 1)
        _ = canvas.draw(branding.office, style: TextStyle(size: 14, bold: true, color: white, language: language),
                        in: Rect(x: nameX, y: band / 2 - 9, width: Self.width - nameX - m, height: 20), fonts: fonts)
        y = band + 16
        y += canvas.draw(document.title, style: TextStyle(size: 20, bold: true, language: language),
                         in: Rect(x: m, y: y, width: contentWidth, height: 60), fonts: fonts).height + 4
        if let subtitle = document.subtitle {
            y += canvas.draw(subtitle, style: TextStyle(size: 10, color: branding.muted, language: language),
                             in: Rect(x: m, y: y, width: contentWidth, height: 60), fonts: fonts).height
        }
        y += 12

        for section in document.sections {
            // A heading never ends a page: it keeps its first field's label and a line with it.
            try room(canvas.measure(section.heading, style: heading, width: contentWidth, fonts: fonts) + 40)
            canvas.fill(Rect(x: m, y: y, width: contentWidth, height: 1), branding.primary)
            y += 6
            y += canvas.draw(section.heading, style: heading, in: Rect(x: m, y: y, width: contentWidth, height: 80), fonts: fonts).height + 6
            for field in section.fields where !field.text.isEmpty {
                try room(28)
                y += canvas.draw(field.label, style: label, in: Rect(x: m, y: y, width: contentWidth, height: 30), fonts: fonts).height + 2
                var rest: String? = field.text
                while let text = rest {
                    if bottom - y < 14 { try newPage() }
                    let fit = canvas.draw(text, style: body, in: Rect(x: m, y: y, width: contentWidth, height: bottom - y), fonts: fonts, overflow: .flow)
                    y += fit.height
                    rest = fit.remainder
                    if rest != nil { try newPage() }
                }
                y += 8
            }
            y += 10
        }
        footer()
        try canvas.finish()
        return page
    }
}
