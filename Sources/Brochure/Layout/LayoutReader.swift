import Yams

/// Turns a parsed layout file into a `Layout`, checking every field.
struct LayoutReader {
    let file: String
    let root: Node

    func fail(_ field: String, _ reason: String) -> LayoutError { LayoutError(file: file, field: field, reason: reason) }

    func layout() throws(LayoutError) -> Layout {
        guard let map = root.mapping else { throw fail("-", "expected a mapping of fields at the top") }
        let known: Set<String> = ["name", "page", "margins", "mode", "recordsPerPage", "blocks", "footer", "coverTitle", "header", "columns", "columnGap"]
        for key in map.keys.compactMap(\.string) where !known.contains(key) {
            throw fail(key, "unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        let name = try string(map["name"], "name")
        let page = try pageSize(map["page"])
        let margins = try self.margins(map["margins"])
        guard margins.left + margins.right < page.width - 20, margins.top + margins.bottom < page.height - 20 else {
            throw fail("margins", "leave less than 20 mm of page")
        }
        let modeText = try string(map["mode"] ?? Node("sheet"), "mode")
        guard let mode = Layout.Mode(rawValue: modeText) else { throw fail("mode", "\"\(modeText)\" is not sheet, list or booklet") }
        let perPage = try map["recordsPerPage"].map { node throws(LayoutError) in try number(node, "recordsPerPage") }
        if let perPage, perPage < 1 || perPage > 20 || perPage != perPage.rounded() {
            throw fail("recordsPerPage", "must be a whole number from 1 to 20")
        }
        guard let blockNodes = map["blocks"]?.sequence, !blockNodes.isEmpty else { throw fail("blocks", "expected a non-empty list") }
        var blocks: [Layout.Block] = []
        for (i, node) in blockNodes.enumerated() { blocks.append(try block(node, "blocks[\(i)]")) }
        var layout = Layout(name: name, page: page, margins: margins, mode: mode, recordsPerPage: Int(perPage ?? (mode == .list ? 8 : 1)),
                            blocks: blocks, footer: try map["footer"].map { node throws(LayoutError) in try string(node, "footer") },
                            coverTitle: try map["coverTitle"].map { node throws(LayoutError) in try string(node, "coverTitle") })
        if let node = map["header"] {
            layout.header = try positive(node, "header")
            guard layout.header <= (page.height - margins.top - margins.bottom) / 4 else {
                throw fail("header", "must leave at least three quarters of the page to the records")
            }
        }
        if let node = map["columns"] {
            let columns = try number(node, "columns")
            guard (1...4).contains(columns), columns == columns.rounded() else { throw fail("columns", "must be a whole number from 1 to 4") }
            guard mode == .booklet || columns == 1 else { throw fail("columns", "only booklets flow through columns") }
            layout.columns = Int(columns)
        }
        if let node = map["columnGap"] { layout.columnGap = try positive(node, "columnGap") }
        let columnWidth = (page.width - margins.left - margins.right - layout.columnGap * Double(layout.columns - 1)) / Double(layout.columns)
        guard columnWidth >= 40 else { throw fail("columns", "leave columns narrower than 40 mm") }
        return layout
    }

    func string(_ node: Node?, _ field: String) throws(LayoutError) -> String {
        guard let node else { throw fail(field, "missing") }
        guard let s = node.scalar?.string, !s.isEmpty else { throw fail(field, "expected text") }
        return s
    }

    func number(_ node: Node, _ field: String) throws(LayoutError) -> Double {
        guard let s = node.scalar?.string, let v = Double(s), v.isFinite else { throw fail(field, "expected a number, got \(node.scalar?.string ?? "a list or mapping")") }
        return v
    }

    func positive(_ node: Node?, _ field: String, default value: Double? = nil) throws(LayoutError) -> Double {
        guard let node else {
            if let value { return value }
            throw fail(field, "missing")
        }
        let v = try number(node, field)
        guard v > 0 else { throw fail(field, "must be greater than 0, got \(v)") }
        return v
    }

    func pageSize(_ node: Node?) throws(LayoutError) -> Layout.PageSize {
        guard let node else { throw fail("page", "missing (A4, A5, A3 or [width, height] in mm)") }
        if let list = node.sequence {
            guard list.count == 2 else { throw fail("page", "expected [width, height] in mm") }
            return Layout.PageSize(width: try positive(list[0], "page[0]"), height: try positive(list[1], "page[1]"))
        }
        let name = try string(node, "page")
        guard let size = Layout.PageSize.named[name.uppercased()] else { throw fail("page", "unknown size \"\(name)\" (A4, A5, A3 or [width, height])") }
        return size
    }

    func margins(_ node: Node?) throws(LayoutError) -> Layout.Margins {
        guard let node else { return Layout.Margins(top: 15, right: 15, bottom: 15, left: 15) }
        if node.scalar != nil {
            let v = try number(node, "margins")
            guard v >= 0 else { throw fail("margins", "must not be negative") }
            return Layout.Margins(top: v, right: v, bottom: v, left: v)
        }
        guard let map = node.mapping else { throw fail("margins", "expected a number or {top, right, bottom, left}") }
        func side(_ key: String) throws(LayoutError) -> Double {
            guard let n = map[key] else { throw fail("margins.\(key)", "missing") }
            let v = try number(n, "margins.\(key)")
            guard v >= 0 else { throw fail("margins.\(key)", "must not be negative") }
            return v
        }
        return Layout.Margins(top: try side("top"), right: try side("right"), bottom: try side("bottom"), left: try side("left"))
    }

    /// `- title`, or `- photo: {height: 90, fit: cover}`.
    func block(_ node: Node, _ field: String) throws(LayoutError) -> Layout.Block {
        let kind: String
        var options: Node.Mapping?
        if let name = node.scalar?.string {
            kind = name
        } else if let map = node.mapping, map.count == 1, let key = map.keys.first?.string {
            kind = key
            options = map.values.first?.mapping
            if options == nil, map.values.first?.scalar?.string.isEmpty == false {
                throw fail("\(field).\(key)", "expected options as a mapping")
            }
        } else {
            throw fail(field, "expected a block name or {block: {options}}")
        }
        let path = "\(field).\(kind)"
        switch kind {
        case "photo":
            let fitText = try options?["fit"].map { n throws(LayoutError) in try string(n, "\(path).fit") } ?? "cover"
            guard let fit = PDFCanvas.Fit(rawValue: fitText) else { throw fail("\(path).fit", "\"\(fitText)\" is not cover or contain") }
            return .photo(height: try positive(options?["height"], "\(path).height", default: 80), fit: fit)
        case "title": return .title(size: try positive(options?["size"], "\(path).size", default: 20))
        case "type": return .type
        case "description":
            let lines = try options?["lines"].map { n throws(LayoutError) in try number(n, "\(path).lines") } ?? 0
            guard lines >= 0, lines == lines.rounded() else { throw fail("\(path).lines", "must be a whole number ≥ 0") }
            return .description(lines: Int(lines))
        case "practical": return .practical
        case "opening": return .opening
        case "prices": return .prices
        case "qr": return .qr(size: try positive(options?["size"], "\(path).size", default: 28))
        default:
            throw fail(field, "unknown block \"\(kind)\" (photo, title, type, description, practical, opening, prices, qr)")
        }
    }
}
