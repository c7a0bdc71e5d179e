import Foundation

extension BrochureRenderer {
    /// One thing placed in a frame (a column of a page), at `y` from the frame's top.
    struct Placed {
        enum Item {
            case heading(String)
            /// "Name (continued)" at the top of a frame a record flows into.
            case continued(BrochureRecord)
            case block(Layout.Block, BrochureRecord)
            /// Part of a description; `continues` when the rest follows in the next frame.
            case text(String, continues: Bool)
        }
        var item: Item
        var y: Double
        var height: Double
    }

    struct FlowPlan {
        /// Frames in reading order: page after page, column after column.
        var frames: [[Placed]] = [[]]
        /// Contents entries (page still unknown) with the frame where each starts.
        var contents: [(entry: ContentsEntry, frame: Int)] = []
    }

    static let blockGap = 4.0
    static let cardGap = 10.0

    var descriptionStyle: TextStyle { style(alignment: .justify) }
    var headingStyle: TextStyle { style(size: 15, bold: true, color: branding.primary) }
    var continuedStyle: TextStyle { style(size: 9, italic: true, color: branding.muted) }

    func continuedTitle(_ r: BrochureRecord) -> String { "\(r.name) (\(Labels.text("continued", language)))" }

    /// Places headings and record blocks through the frames. A record stays in one frame when it
    /// fits in one; a longer one starts where it is and its description flows on into the next
    /// frames, each continuation headed by the record's name. Other blocks are never split.
    func planFlow(_ groups: [(label: String, records: [BrochureRecord])], canvas: PDFCanvas) -> FlowPlan {
        let width = frameRect(column: 0).width, limit = body.height
        var plan = FlowPlan()
        var y = 0.0
        func nextFrame() { plan.frames.append([]); y = 0 }
        func place(_ item: Placed.Item, _ height: Double) {
            plan.frames[plan.frames.count - 1].append(Placed(item: item, y: y, height: height))
            y += height
        }
        func startContinuation(_ r: BrochureRecord) {
            nextFrame()
            place(.continued(r), canvas.measure(continuedTitle(r), style: continuedStyle, width: width, fonts: fonts) + 2)
        }
        let headingHeight = canvas.measure("Xg", style: headingStyle, width: width, fonts: fonts) + 8
        for group in groups {
            if y > 0, y + headingHeight + lead(group.records[0], width: width, limit: limit, canvas: canvas) > limit { nextFrame() }
            plan.contents.append((ContentsEntry(title: group.label, level: 0, page: 0), plan.frames.count - 1))
            place(.heading(group.label), headingHeight)
            for r in group.records {
                if y > 0, y + lead(r, width: width, limit: limit, canvas: canvas) > limit { nextFrame() }
                plan.contents.append((ContentsEntry(title: r.name, level: 1, page: 0), plan.frames.count - 1))
                for block in layout.blocks {
                    let h = blockHeight(block, r, width: width, canvas: canvas)
                    guard h > 0 else { continue }
                    if y + h <= limit {
                        place(.block(block, r), h)
                    } else if case .description(lines: 0) = block {
                        var rest = r.description
                        while true {
                            let part = canvas.split(rest, style: descriptionStyle, width: width, height: limit - y, fonts: fonts)
                            if !part.kept.isEmpty { place(.text(part.kept, continues: part.remainder != nil), part.height) }
                            guard let remainder = part.remainder else { break }
                            rest = remainder
                            startContinuation(r)
                        }
                    } else {
                        startContinuation(r)
                        place(.block(block, r), min(h, limit - y))
                    }
                    y += Self.blockGap
                }
                y += Self.cardGap - Self.blockGap
            }
        }
        if plan.frames.last?.isEmpty == true, plan.frames.count > 1 { plan.frames.removeLast() }
        return plan
    }

    /// What must fit where a record starts: all of it when it fits in one frame (records are kept
    /// whole), else the blocks before its flowing description and three lines of it.
    func lead(_ r: BrochureRecord, width: Double, limit: Double, canvas: PDFCanvas) -> Double {
        let height = cardHeight(r, width: width, canvas: canvas)
        guard height > limit else { return height }
        var head = 0.0
        for block in layout.blocks {
            if case .description(lines: 0) = block, !r.description.isEmpty { return head + descriptionLimit(3, canvas: canvas) }
            let h = blockHeight(block, r, width: width, canvas: canvas)
            head += h > 0 ? h + Self.blockGap : 0
        }
        return min(head, limit)
    }

    /// The height of a record's blocks one under the other.
    func cardHeight(_ r: BrochureRecord, width: Double, canvas: PDFCanvas) -> Double {
        layout.blocks.reduce(0) { total, block in
            let h = blockHeight(block, r, width: width, canvas: canvas)
            return total + (h > 0 ? h + Self.blockGap : 0)
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
            let full = canvas.measure(r.description, style: descriptionStyle, width: width, fonts: fonts)
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
