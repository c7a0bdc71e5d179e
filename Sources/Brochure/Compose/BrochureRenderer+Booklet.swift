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
    /// One thing placed on a booklet page, at `y` from the content top.
    struct Placed {
        enum Item { case heading(String), card(BrochureRecord) }
        var item: Item
        var y: Double
        var height: Double
    }

    /// Cover, contents, then the records grouped by regional category. Pages are planned by
    /// measuring with the very functions that draw, so the contents' page numbers are exact.
    func renderBooklet(_ records: [BrochureRecord], on canvas: PDFCanvas) throws(BrochureError) -> RenderedBrochure {
        var groups: [(label: String, records: [BrochureRecord])] = []
        for r in records {
            if let i = groups.firstIndex(where: { $0.label == r.group }) { groups[i].records.append(r) } else { groups.append((r.group, [r])) }
        }
        let lineHeight = canvas.measure("Xg", style: style(size: 9), width: 100, fonts: fonts) + 3
        let tocTitle = canvas.measure(Labels.text("contents", language), style: style(size: 18, bold: true), width: content.width, fonts: fonts) + 12
        let perTocPage = max(1, Int((content.height - tocTitle) / lineHeight))
        let tocPages = (groups.count + records.count + perTocPage - 1) / perTocPage
        let firstContentPage = 2 + tocPages

        // Plan.
        var pages: [[Placed]] = [[]]
        var contents: [ContentsEntry] = []
        var y = 0.0
        let limit = content.height
        let headingHeight = canvas.measure("Xg", style: style(size: 15, bold: true), width: content.width, fonts: fonts) + 8
        func newPage() { pages.append([]); y = 0 }
        for group in groups {
            let firstCard = min(cardHeight(group.records[0], canvas: canvas), limit - headingHeight)
            if y > 0, y + headingHeight + firstCard > limit { newPage() }
            pages[pages.count - 1].append(Placed(item: .heading(group.label), y: y, height: headingHeight))
            contents.append(ContentsEntry(title: group.label, level: 0, page: firstContentPage + pages.count - 1))
            y += headingHeight
            for r in group.records {
                var height = cardHeight(r, canvas: canvas)
                if y > 0, y + height > limit { newPage() }
                height = min(height, limit - y)
                pages[pages.count - 1].append(Placed(item: .card(r), y: y, height: height))
                contents.append(ContentsEntry(title: r.name, level: 1, page: firstContentPage + pages.count - 1))
                y += height + 10
            }
        }
        let total = 1 + tocPages + pages.count

        // Draw.
        drawCover(on: canvas)
        for tocPage in 0..<tocPages {
            try canvas.newPage()
            var lineY = content.y
            if tocPage == 0 {
                _ = canvas.draw(Labels.text("contents", language), style: style(size: 18, bold: true),
                                in: Rect(x: content.x, y: lineY, width: content.width, height: tocTitle), fonts: fonts)
                lineY += tocTitle
            }
            for entry in contents.dropFirst(tocPage * perTocPage).prefix(perTocPage) {
                let indent = entry.level == 0 ? 0.0 : 10.0
                let line = Rect(x: content.x + indent, y: lineY, width: content.width - indent - 30, height: lineHeight)
                _ = canvas.draw(entry.title, style: style(size: 9, bold: entry.level == 0), in: line, fonts: fonts)
                _ = canvas.draw(String(entry.page), style: style(size: 9, bold: entry.level == 0, alignment: .right),
                                in: Rect(x: content.x + content.width - 30, y: lineY, width: 30, height: lineHeight), fonts: fonts)
                lineY += lineHeight
            }
            drawFooter(on: canvas, page: 2 + tocPage, pages: total)
        }
        for (i, page) in pages.enumerated() {
            try canvas.newPage()
            for placed in page {
                switch placed.item {
                case .heading(let label):
                    canvas.fill(Rect(x: content.x, y: content.y + placed.y + headingHeight - 5, width: content.width, height: 1.2), Palette.accent)
                    _ = canvas.draw(label, style: style(size: 15, bold: true, color: Palette.accent),
                                    in: Rect(x: content.x, y: content.y + placed.y, width: content.width, height: headingHeight), fonts: fonts)
                case .card(let r):
                    try drawCard(r, on: canvas, in: Rect(x: content.x, y: content.y + placed.y, width: content.width, height: placed.height))
                }
            }
            drawFooter(on: canvas, page: firstContentPage + i, pages: total)
        }
        try canvas.finish()
        return RenderedBrochure(pages: total, contents: contents)
    }

    func drawCover(on canvas: PDFCanvas) {
        let middle = content.y + content.height * 0.35
        _ = canvas.draw(office, style: style(size: 14, color: Palette.accent, alignment: .center),
                        in: Rect(x: content.x, y: middle, width: content.width, height: 40), fonts: fonts)
        _ = canvas.draw(layout.coverTitle ?? Labels.text("selection", language), style: style(size: 26, bold: true, alignment: .center),
                        in: Rect(x: content.x, y: middle + 40, width: content.width, height: 80), fonts: fonts)
        let date = Date().formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: language)))
        _ = canvas.draw(date, style: style(size: 11, color: Palette.muted, alignment: .center),
                        in: Rect(x: content.x, y: middle + 130, width: content.width, height: 20), fonts: fonts)
    }

    /// The height of a record's blocks one under the other.
    func cardHeight(_ r: BrochureRecord, canvas: PDFCanvas) -> Double {
        layout.blocks.reduce(0) { total, block in
            let h = blockHeight(block, r, width: content.width, canvas: canvas)
            return total + (h > 0 ? h + 4 : 0)
        }
    }

    /// Draws the blocks at their measured heights, never past `box`.
    func drawCard(_ r: BrochureRecord, on canvas: PDFCanvas, in box: Rect) throws(BrochureError) {
        var y = box.y
        for block in layout.blocks {
            let h = min(blockHeight(block, r, width: box.width, canvas: canvas), box.y + box.height - y)
            guard h > 0 else { continue }
            _ = try draw(block, r, on: canvas, in: Rect(x: box.x, y: y, width: box.width, height: h))
            y += h + 4
        }
    }

    /// Exactly the height `draw` uses for the block at this width.
    func blockHeight(_ block: Layout.Block, _ r: BrochureRecord, width: Double, canvas: PDFCanvas) -> Double {
        switch block {
        case let .photo(height, _): return PDFCanvas.points(mm: height)
        case let .title(size): return canvas.measure(r.name, style: style(size: titleSize(size), bold: true), width: width, fonts: fonts)
        case .type: return canvas.measure(r.typeLabel.uppercased(), style: style(size: 8, bold: true), width: width, fonts: fonts)
        case let .description(lines):
            guard !r.description.isEmpty else { return 0 }
            let full = canvas.measure(r.description, style: style(alignment: .justify), width: width, fonts: fonts)
            return lines > 0 ? min(full, descriptionLimit(lines, canvas: canvas)) : full
        case .practical:
            return practical(r).map { canvas.measure($0, markup: true, style: style(size: 9), width: width, fonts: fonts) } ?? 0
        case .opening:
            return openingMarkup(r).map { canvas.measure($0, markup: true, style: style(size: 9), width: width, fonts: fonts) } ?? 0
        case .prices:
            return pricesMarkup(r).map { canvas.measure($0, markup: true, style: style(size: 9), width: width, fonts: fonts) } ?? 0
        case let .qr(size): return PDFCanvas.points(mm: size)
        }
    }
}
