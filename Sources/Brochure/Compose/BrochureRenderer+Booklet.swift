import Foundation

/// What a render produced: its page count and, for booklets, the table of contents as printed.
public struct RenderedBrochure: Sendable, Hashable {
    public var pages: Int
    public var contents: [ContentsEntry]
}

public struct ContentsEntry: Sendable, Hashable {
    public var title: String
    /// 0 for a category, 1 for a record.
    public var level: Int
    /// 1-based page number, the cover being page 1.
    public var page: Int
}

extension BrochureRenderer {
    /// Cover, contents, then the records grouped by regional category, flowing through the
    /// layout's columns and pages. Pages are planned by measuring with the very functions that
    /// draw, so the contents' page numbers are exact.
    func renderBooklet(_ records: [BrochureRecord], on canvas: PDFCanvas) throws(BrochureError) -> RenderedBrochure {
        var groups: [(label: String, records: [BrochureRecord])] = []
        for r in records {
            if let i = groups.firstIndex(where: { $0.label == r.group }) { groups[i].records.append(r) } else { groups.append((r.group, [r])) }
        }
        let lineHeight = canvas.measure("Xg", style: style(size: 9), width: 100, fonts: fonts) + 3
        let tocTitle = canvas.measure(Labels.text("contents", language), style: style(size: 18, bold: true), width: body.width, fonts: fonts) + 12
        let perTocPage = max(1, Int((body.height - tocTitle) / lineHeight))
        let tocPages = (groups.count + records.count + perTocPage - 1) / perTocPage
        let firstContentPage = 2 + tocPages

        let plan = planFlow(groups, canvas: canvas)
        let columns = layout.columns
        let contentPages = max(1, (plan.frames.count + columns - 1) / columns)
        let contents = plan.contents.map { entry, frame in
            ContentsEntry(title: entry.title, level: entry.level, page: firstContentPage + frame / columns)
        }
        let total = 1 + tocPages + contentPages

        // The outline mirrors the contents: each category, its records under it.
        var category: Int?
        for entry in contents {
            if entry.level == 0 {
                category = canvas.bookmark(entry.title, page: entry.page, y: body.y, open: true)
            } else {
                canvas.bookmark(entry.title, page: entry.page, y: body.y, parent: category)
            }
        }
        try drawCover(on: canvas)
        for tocPage in 0..<tocPages {
            try canvas.newPage()
            try drawHeader(on: canvas)
            var lineY = body.y
            if tocPage == 0 {
                _ = try canvas.tagged("H1") {
                    canvas.draw(Labels.text("contents", language), style: style(size: 18, bold: true),
                                in: Rect(x: body.x, y: lineY, width: body.width, height: tocTitle), fonts: fonts)
                }
                lineY += tocTitle
            }
            // Each line of the contents is an entry of the document's table of contents and a link to its page.
            try canvas.tagged("TOC") { () throws(BrochureError) in
                for entry in contents.dropFirst(tocPage * perTocPage).prefix(perTocPage) {
                    let indent = entry.level == 0 ? 0.0 : 10.0
                    let line = Rect(x: body.x + indent, y: lineY, width: body.width - indent - 30, height: lineHeight)
                    try canvas.tagged("TOCI") { () throws(BrochureError) in
                        try canvas.link(page: entry.page, y: body.y) { () throws(BrochureError) in
                            _ = canvas.draw(entry.title, style: style(size: 9, bold: entry.level == 0), in: line, fonts: fonts)
                            _ = canvas.draw(String(entry.page), style: style(size: 9, bold: entry.level == 0, alignment: .right),
                                            in: Rect(x: body.x + body.width - 30, y: lineY, width: 30, height: lineHeight), fonts: fonts)
                        }
                    }
                    lineY += lineHeight
                }
            }
            drawFooter(on: canvas, page: 2 + tocPage, pages: total)
        }
        for page in 0..<contentPages {
            try canvas.newPage()
            try drawHeader(on: canvas)
            for column in 0..<columns where page * columns + column < plan.frames.count {
                let frame = frameRect(column: column)
                for placed in plan.frames[page * columns + column] {
                    try drawPlaced(placed, on: canvas, in: frame)
                }
            }
            drawFooter(on: canvas, page: firstContentPage + page, pages: total)
        }
        return RenderedBrochure(pages: total + (try finish(canvas)), contents: contents)
    }

    func drawCover(on canvas: PDFCanvas) throws(BrochureError) {
        var y = content.y + content.height * 0.22
        if let logo = branding.logo {
            let height = min(PDFCanvas.points(mm: 35), content.height * 0.2)
            do { try canvas.drawImage(logo, in: Rect(x: content.x, y: y, width: content.width, height: height), fit: .contain) } catch .invalidImage {}
            y += height + 18
        } else {
            y += content.height * 0.12
        }
        y += canvas.draw(branding.office, style: style(size: 14, color: branding.primary, alignment: .center),
                         in: Rect(x: content.x, y: y, width: content.width, height: 40), fonts: fonts).height + 10
        canvas.fill(Rect(x: content.x + content.width * 0.35, y: y, width: content.width * 0.3, height: 1.5), branding.primary)
        y += 14
        y += try canvas.tagged("H1") {
            canvas.draw(layout.coverTitle ?? Labels.text("selection", language), style: style(size: 26, bold: true, alignment: .center),
                        in: Rect(x: content.x, y: y, width: content.width, height: 80), fonts: fonts).height
        } + 10
        let date = Date().formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: language)))
        _ = canvas.draw(date, style: style(size: 11, color: branding.muted, alignment: .center),
                        in: Rect(x: content.x, y: y, width: content.width, height: 20), fonts: fonts)
        if let address = branding.address {
            _ = canvas.draw(address, style: style(size: 9, color: branding.muted, alignment: .center),
                            in: Rect(x: content.x, y: content.y + content.height - 24, width: content.width, height: 24), fonts: fonts)
        }
        drawFooter(on: canvas, page: 1, pages: 0, cover: true)
    }

    /// One column of one page.
    func frameRect(column: Int) -> Rect {
        let gap = PDFCanvas.points(mm: layout.columnGap)
        let width = (body.width - gap * Double(layout.columns - 1)) / Double(layout.columns)
        return Rect(x: body.x + Double(column) * (width + gap), y: body.y, width: width, height: body.height)
    }

    func drawPlaced(_ placed: Placed, on canvas: PDFCanvas, in frame: Rect) throws(BrochureError) {
        let box = Rect(x: frame.x, y: frame.y + placed.y, width: frame.width, height: placed.height)
        switch placed.item {
        case .heading(let label):
            canvas.fill(Rect(x: box.x, y: box.y + box.height - 5, width: box.width, height: 1.2), branding.primary)
            _ = try canvas.tagged("H1") { canvas.draw(label, style: headingStyle, in: box, fonts: fonts) }
        case .continued(let r):
            _ = try canvas.tagged("P") { canvas.draw(continuedTitle(r), style: continuedStyle, in: box, fonts: fonts) }
        case let .block(block, r):
            _ = try draw(block, r, on: canvas, in: box)
        case let .text(text, continues):
            // A paragraph that goes on in the next frame is justified to its last line here; the
            // paragraphs before it end as usual.
            guard continues, let end = text.lastIndex(of: "\n") else {
                var style = descriptionStyle
                style.justifyLastLine = continues
                _ = try canvas.tagged("P") { canvas.draw(text, style: style, in: box, fonts: fonts) }
                return
            }
            let head = String(text[..<end]), tail = String(text[text.index(after: end)...])
            let headHeight = try canvas.tagged("P") { canvas.draw(head, style: descriptionStyle, in: box, fonts: fonts).height }
            var style = descriptionStyle
            style.justifyLastLine = true
            _ = try canvas.tagged("P") {
                canvas.draw(tail, style: style, in: Rect(x: box.x, y: box.y + headHeight, width: box.width,
                                                         height: max(0, box.height - headHeight)), fonts: fonts)
            }
        }
    }
}
