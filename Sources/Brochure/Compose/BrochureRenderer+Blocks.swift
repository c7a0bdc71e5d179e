import Foundation

extension BrochureRenderer {
    /// One record on a page: blocks top to bottom; the description takes what the blocks after
    /// it leave, cut with an ellipsis.
    func drawSheet(_ r: BrochureRecord, on canvas: PDFCanvas, in box: Rect) throws(BrochureError) {
        let heights = layout.blocks.map { blockHeight($0, r, width: box.width, canvas: canvas) + 6 }
        var y = box.y
        for (i, block) in layout.blocks.enumerated() {
            let left = box.y + box.height - y
            guard left > 12 else { break }
            var area = Rect(x: box.x, y: y, width: box.width, height: left)
            if case .description = block { area.height = max(24, left - heights[(i + 1)...].reduce(0, +)) }
            y += try draw(block, r, on: canvas, in: area) + 6
        }
    }

    /// A compact row: thumbnail on the left, key facts on the right.
    func drawRow(_ r: BrochureRecord, on canvas: PDFCanvas, in row: Rect) throws(BrochureError) {
        let thumb = Rect(x: row.x, y: row.y, width: min(row.height * 1.4, row.width * 0.3), height: row.height)
        try photo(r, on: canvas, in: thumb, fit: .cover)
        let textBox = Rect(x: thumb.x + thumb.width + 10, y: row.y, width: row.width - thumb.width - 10, height: row.height)
        var y = textBox.y
        for block in layout.blocks {
            if case .photo = block { continue }
            if case .qr = block { continue }
            let area = Rect(x: textBox.x, y: y, width: textBox.width, height: textBox.y + textBox.height - y)
            guard area.height > 8 else { break }
            var compact = block
            if case .description = block { compact = .description(lines: 2) }
            y += try draw(compact, r, on: canvas, in: area) + 2
        }
    }

    /// Draws one block at the top of `area`, tagged for screen readers (heading, paragraph,
    /// figure, list); returns the height used.
    func draw(_ block: Layout.Block, _ r: BrochureRecord, on canvas: PDFCanvas, in area: Rect) throws(BrochureError) -> Double {
        switch block {
        case let .photo(height, fit):
            let box = Rect(x: area.x, y: area.y, width: area.width, height: min(area.height, PDFCanvas.points(mm: height)))
            try canvas.figure(alt: r.photoAlt) { () throws(BrochureError) in try photo(r, on: canvas, in: box, fit: fit) }
            return box.height
        case let .title(size):
            return try canvas.tagged(layout.mode == .sheet ? "H1" : "H2") {
                canvas.draw(r.name, style: style(size: titleSize(size), bold: true), in: area, fonts: fonts).height
            }
        case .type:
            return try canvas.tagged("P") {
                canvas.draw(r.typeLabel.uppercased(), style: style(size: 8, bold: true, color: branding.primary), in: area, fonts: fonts).height
            }
        case let .description(lines):
            guard !r.description.isEmpty else { return 0 }
            var box = area
            if lines > 0 { box.height = min(area.height, descriptionLimit(lines, canvas: canvas)) }
            return try canvas.tagged("P") { canvas.draw(r.description, style: descriptionStyle, in: box, fonts: fonts).height }
        case .practical:
            return try drawPractical(r, on: canvas, in: area)
        case .opening:
            guard let text = openingMarkup(r) else { return 0 }
            return try canvas.tagged("P") { canvas.draw(text, markup: true, style: style(size: 9), in: area, fonts: fonts).height }
        case .prices:
            guard let text = pricesMarkup(r) else { return 0 }
            return try canvas.tagged("P") { canvas.draw(text, markup: true, style: style(size: 9), in: area, fonts: fonts).height }
        case let .qr(size):
            let side = min(PDFCanvas.points(mm: size), area.height)
            let code = try QRCode(r.qrURL)
            let box = Rect(x: area.x + area.width - side, y: area.y, width: side, height: side)
            try canvas.figure(alt: "QR code: \(r.qrURL)") { () throws(BrochureError) in
                if let uri = ContactLinks.website(r.qrURL) {
                    try canvas.link(uri: uri) { () throws(BrochureError) in canvas.draw(code, in: box) }
                } else {
                    canvas.draw(code, in: box)
                }
            }
            return side
        }
    }

    /// The contact block: its heading and address, then phone, email and website as a list whose
    /// items are links (`tel:` in E.164, `mailto:`, the site). Drawn line by line; the lines
    /// measure as the block does (`practical`).
    func drawPractical(_ r: BrochureRecord, on canvas: PDFCanvas, in area: Rect) throws(BrochureError) -> Double {
        guard practical(r) != nil else { return 0 }
        let head = (["<b>\(Labels.text("contact", language))</b>"] + r.addressLines.map(escape)).joined(separator: "\n")
        var y = area.y
        y += try canvas.tagged("P") {
            canvas.draw(head, markup: true, style: style(size: 9), in: Rect(x: area.x, y: y, width: area.width, height: area.height), fonts: fonts).height
        }
        let lines: [(String, String, String?)] = [
            r.phone.map { ("phone", $0, ContactLinks.phone($0)) }, r.email.map { ("email", $0, ContactLinks.email($0)) },
            r.website.map { ("website", $0, ContactLinks.website($0)) },
        ].compactMap { $0 }
        guard !lines.isEmpty else { return y - area.y }
        try canvas.tagged("L") { () throws(BrochureError) in
            for (label, value, uri) in lines {
                let box = Rect(x: area.x, y: y, width: area.width, height: max(0, area.y + area.height - y))
                let text = "\(Labels.text(label, language)) \(escape(value))"
                y += try canvas.tagged("LI") { () throws(BrochureError) -> Double in
                    guard let uri else { return canvas.draw(text, markup: true, style: style(size: 9), in: box, fonts: fonts).height }
                    return try canvas.link(uri: uri) { canvas.draw(text, markup: true, style: style(size: 9), in: box, fonts: fonts).height }
                }
            }
        }
        return y - area.y
    }

    func titleSize(_ size: Double) -> Double { layout.mode == .list ? min(size, 13) : size }

    /// The height of `lines` lines of description text.
    func descriptionLimit(_ lines: Int, canvas: PDFCanvas) -> Double {
        let one = canvas.measure("Xg", style: style(), width: 100, fonts: fonts)
        return one * Double(lines) + 1
    }

    func openingMarkup(_ r: BrochureRecord) -> String? {
        guard let text = r.opening, !text.isEmpty else { return nil }
        return "<b>\(Labels.text("opening", language))</b>  \(escape(text))"
    }

    func pricesMarkup(_ r: BrochureRecord) -> String? {
        guard let text = r.prices.flatMap({ $0.isEmpty ? nil : $0 }) ?? (r.isFree ? Labels.text("free", language) : nil) else { return nil }
        return "<b>\(Labels.text("prices", language))</b>  \(escape(text))"
    }

    func practical(_ r: BrochureRecord) -> String? {
        var lines = r.addressLines.map(escape)
        if let p = r.phone { lines.append("\(Labels.text("phone", language)) \(escape(p))") }
        if let e = r.email { lines.append("\(Labels.text("email", language)) \(escape(e))") }
        if let w = r.website { lines.append("\(Labels.text("website", language)) \(escape(w))") }
        guard !lines.isEmpty else { return nil }
        return "<b>\(Labels.text("contact", language))</b>\n" + lines.joined(separator: "\n")
    }

    func photo(_ r: BrochureRecord, on canvas: PDFCanvas, in box: Rect, fit: PDFCanvas.Fit) throws(BrochureError) {
        guard let data = r.photo else { canvas.drawPlaceholder(in: box); return }
        do { try canvas.drawImage(data, in: box, fit: fit) } catch .invalidImage { canvas.drawPlaceholder(in: box) }
    }

    func style(size: Double = 10, bold: Bool = false, italic: Bool = false, color: Color = .black,
               alignment: TextStyle.Alignment = .left) -> TextStyle {
        TextStyle(size: size, bold: bold, italic: italic, color: color, alignment: alignment, language: language)
    }

    /// Text for Pango markup.
    func escape(_ text: String) -> String {
        text.replacingEach(["&": "&amp;", "<": "&lt;", ">": "&gt;"])
    }
}
