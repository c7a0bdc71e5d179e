import Foundation

/// Two PDFs cairo 1.16 wrote for consecutive pages of one brochure (rendered at the same time on
/// two cores), joined into one file: the first file as it is, then an update holding the second's
/// objects numbered after the first's; one page tree, one structure tree (its parent tree's keys
/// moved along), one outline; the first file's catalog and document information. Photos and page
/// contents are copied, never decoded. Each half keeps its own font subsets.
///
/// Only what brochures of sheets and lists hold: no named destinations, no page labels, no forms
/// (a file with any of them is refused, and the brochure is rendered in one piece).
enum PDFJoin {
    /// Appends the pages of `secondPath` to the file at `firstPath`, as an incremental update
    /// (the first file's bytes are not copied: its objects stay where cairo wrote them).
    static func append(_ secondPath: String, to firstPath: String) throws(BrochureError) {
        let first = try mapped(firstPath), second = try mapped(secondPath)
        let firstTrailer = try PDFObjectTable.trailer(of: first), secondTrailer = try PDFObjectTable.trailer(of: second)
        guard let file = FileHandle(forWritingAtPath: firstPath) else { throw .invalidPDF(reason: "cannot write \(firstPath)") }
        defer { try? file.close() }
        do { try file.seekToEnd() } catch { throw .invalidPDF(reason: "cannot write \(firstPath): \(error.localizedDescription)") }
        let result = first.withUnsafeBytes { a in
            second.withUnsafeBytes { b in
                Result { () throws(BrochureError) in
                    var joiner = try Joiner(first: PDFObjectTable(a.bindMemory(to: UInt8.self), xref: firstTrailer.xref), firstTrailer,
                                            second: PDFObjectTable(b.bindMemory(to: UInt8.self), xref: secondTrailer.xref), secondTrailer)
                    try joiner.write(to: file)
                }
            }
        }
        try result.get()
    }

    static func mapped(_ path: String) throws(BrochureError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .invalidPDF(reason: "cannot read \(path): \(error.localizedDescription)")
        }
    }
}

/// The parts of one cairo file the join rewrites.
private struct PDFDocumentParts {
    let table: PDFObjectTable
    let trailer: PDFObjectTable.Trailer
    let pages: Int
    let kids: [Int]
    let structure: Int?
    let parentTree: Int?
    /// The parent tree's entries: key → the object it names.
    let parentEntries: [(key: Int, object: Int)]
    let outlines: Int?
    let outline: (first: Int, last: Int, count: Int)?

    init(_ table: PDFObjectTable, _ trailer: PDFObjectTable.Trailer) throws(BrochureError) {
        self.table = table
        self.trailer = trailer
        guard let catalog = table.text(of: trailer.root) else { throw .invalidPDF(reason: "no catalog") }
        for unsupported in ["/Names", "/Dests", "/PageLabels", "/AcroForm"] where catalog.contains(unsupported) {
            throw .invalidPDF(reason: "cannot join a file with \(unsupported)")
        }
        let reference = { (key: String, text: String) in PDFObjectTable.reference(after: key, in: Substring(text)) }
        guard let pages = reference("/Pages", catalog), let tree = table.text(of: pages) else { throw .invalidPDF(reason: "no page tree") }
        self.pages = pages
        kids = PDFDictionaryText.references("/Kids", in: tree)
        guard tree.contains("/Count \(kids.count)") else { throw .invalidPDF(reason: "a page tree of more than one level") }
        structure = reference("/StructTreeRoot", catalog)
        let structureText = structure.flatMap(table.text(of:))
        parentTree = structureText.flatMap { reference("/ParentTree", $0) }
        if let parentTree, let text = table.text(of: parentTree), let nums = text.range(of: "/Nums") {
            let tokens = text[nums.upperBound...].split(whereSeparator: { " \n\r[]".contains($0) })
            // `key object 0 R` after key, up to the dictionary's end.
            var entries: [(Int, Int)] = []
            var i = 0
            while i + 3 < tokens.count, tokens[i + 3] == "R", let key = Int(tokens[i]), let object = Int(tokens[i + 1]) {
                entries.append((key, object))
                i += 4
            }
            guard tokens.count - i <= 1 else { throw .invalidPDF(reason: "a parent tree entry that is not a reference") }
            parentEntries = entries
        } else {
            parentEntries = []
        }
        outlines = reference("/Outlines", catalog)
        if let outlines, let text = table.text(of: outlines), let firstItem = reference("/First", text), let last = reference("/Last", text) {
            let count = text.range(of: "/Count ").flatMap { Int(text[$0.upperBound...].prefix { $0 == "-" || $0.isNumber }) } ?? 0
            outline = (firstItem, last, count)
        } else {
            outline = nil
        }
    }
}

/// Writes the joined file (see `PDFJoin`).
private struct Joiner {
    let a: PDFDocumentParts, b: PDFDocumentParts
    /// Second file's object n → n + shift.
    let shift: Int
    let keyShift: Int
    var offsets: [Int: Int] = [:]
    var written = 0

    init(first: PDFObjectTable, _ firstTrailer: PDFObjectTable.Trailer, second: PDFObjectTable, _ secondTrailer: PDFObjectTable.Trailer) throws(BrochureError) {
        a = try PDFDocumentParts(first, firstTrailer)
        b = try PDFDocumentParts(second, secondTrailer)
        guard (a.structure == nil) == (b.structure == nil), (a.outline == nil) == (b.outline == nil) else {
            throw .invalidPDF(reason: "halves tagged differently")
        }
        shift = firstTrailer.size - 1
        keyShift = (a.parentEntries.map(\.key).max() ?? -1) + 1
    }

    /// Second file's object number → joined number (its catalog's parts become the first's).
    func renumber(_ object: Int) -> Int {
        switch object {
        case b.pages: a.pages
        case b.structure: a.structure ?? object + shift
        case b.outlines: a.outlines ?? object + shift
        default: object + shift
        }
    }

    /// The first file's objects the join replaces, with their new bodies.
    func replacedInFirst() throws(BrochureError) -> [Int: String] {
        var replaced: [Int: String] = [:]
        let kids = a.kids + b.kids.map(renumber)
        guard let tree = a.table.text(of: a.pages), let pages = PDFDictionaryText.replacing("/Kids", in: tree, with: kids) else {
            throw .invalidPDF(reason: "page tree unreadable")
        }
        replaced[a.pages] = pages.replacingOccurrences(of: "/Count \(a.kids.count)", with: "/Count \(kids.count)")
        if let structure = a.structure, let bStructure = b.structure {
            guard let text = a.table.text(of: structure), let bText = b.table.text(of: bStructure) else {
                throw .invalidPDF(reason: "structure root unreadable")
            }
            let elements = PDFDictionaryText.references("/K", in: text) + PDFDictionaryText.references("/K", in: bText).map(renumber)
            replaced[structure] = PDFDictionaryText.replacing("/K", in: text, with: elements)
            if let parentTree = a.parentTree {
                let entries = a.parentEntries + b.parentEntries.map { ($0.key + keyShift, renumber($0.object)) }
                replaced[parentTree] = "<< /Nums [\n" + entries.map { "   \($0.0) \($0.1) 0 R\n" }.joined() + "]\n>>"
            }
        }
        if let outlines = a.outlines, let first = a.outline, let second = b.outline {
            guard let last = a.table.text(of: first.last) else { throw .invalidPDF(reason: "bookmark \(first.last) unreadable") }
            let count = first.count < 0 || second.count < 0 ? -(abs(first.count) + abs(second.count)) : first.count + second.count
            replaced[outlines] = "<< /Type /Outlines\n   /First \(first.first) 0 R\n   /Last \(renumber(second.last)) 0 R\n   /Count \(count)\n>>"
            replaced[first.last] = PDFDictionaryText.inserting("/Next \(renumber(second.first)) 0 R", into: last)
        }
        return replaced
    }

    mutating func write(to file: FileHandle) throws(BrochureError) {
        var buffer = Data()
        buffer.reserveCapacity(1 << 20)
        func flush() throws(BrochureError) {
            do { try file.write(contentsOf: buffer) } catch { throw .invalidPDF(reason: "cannot write the joined PDF: \(error.localizedDescription)") }
            buffer.removeAll(keepingCapacity: true)
        }
        func append<C: Collection>(_ bytes: C) throws(BrochureError) where C.Element == UInt8 {
            buffer.append(contentsOf: bytes)
            written += bytes.count
            if buffer.count >= 1 << 20 { try flush() }
        }
        /// Large spans (photos) go to the file straight from the mapped input.
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) throws(BrochureError) {
            guard bytes.count >= 1 << 18, let base = bytes.baseAddress else { return try append(bytes) }
            try flush()
            do {
                try file.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
            } catch { throw .invalidPDF(reason: "cannot write the joined PDF: \(error.localizedDescription)") }
            written += bytes.count
        }
        // The first file stays as it is; its objects the join changes are defined again after it.
        written = a.table.pdf.count
        if a.table.pdf.last != UInt8(ascii: "\n") { try append([UInt8(ascii: "\n")]) }
        for (object, body) in try replacedInFirst().sorted(by: { $0.key < $1.key }) {
            offsets[object] = written
            try append("\(object) 0 obj\n\(body)\nendobj\n".utf8)
        }
        // The second file: renumbered; its catalog, information, page tree, structure root, parent
        // tree and outline root left out (the first file's stand for them).
        let dropped = Set([b.trailer.root, b.trailer.info, b.pages, b.structure, b.parentTree, b.outlines].compactMap { $0 })
        let references = PDFReferences(object: renumber, parentKey: { [keyShift] in $0 + keyShift })
        for (object, range) in Self.spans(b.table, xref: b.trailer.xref) where !dropped.contains(object) {
            guard let obj = b.table.firstIndex(of: PDFObjectTable.objKeyword, in: range) else { throw .invalidPDF(reason: "object \(object) unreadable") }
            let number = renumber(object)
            offsets[number] = written
            var (value, end) = try references.rewrite(b.table.pdf, from: obj + PDFObjectTable.objKeyword.count, limit: range.upperBound)
            if object == b.outline?.first, let last = a.outline?.last, let open = PDFObjectTable.firstIndex(of: Array("<<".utf8), in: value) {
                value.insert(contentsOf: " /Prev \(last) 0 R".utf8, at: open + 2)
            }
            var header: [UInt8] = []
            PDFReferences.appendDecimal(number, to: &header)
            header.append(contentsOf: " 0 obj".utf8)
            try append(header)
            try append(value)
            try copy(UnsafeBufferPointer(rebasing: b.table.pdf[end..<range.upperBound]))
        }
        // The update's cross-reference section, then its trailer.
        let section = PDFObjectTable.updateSection(offsets: offsets, at: written, size: shift + b.trailer.size, root: a.trailer.root,
                                                   info: a.trailer.info, previous: a.trailer.xref)
        try append(section.utf8)
        try flush()
    }

    /// Each object in use and its bytes, in file order: from `N 0 obj` to the next object (the
    /// last one to the cross-reference table). For a file as cairo wrote it, with one section: in a
    /// file with updates, older versions would lie between the objects.
    static func spans(_ table: PDFObjectTable, xref: Int) -> [(object: Int, range: Range<Int>)] {
        let ordered = table.offsets.sorted { $0.value < $1.value }
        return ordered.enumerated().map { i, entry in
            (entry.key, entry.value..<(i + 1 < ordered.count ? ordered[i + 1].value : xref))
        }
    }
}
