import Foundation

/// What cairo 1.16 cannot write into a tagged PDF, added as an incremental update (the file as
/// cairo wrote it, then the changed objects, a new cross-reference section and trailer): the
/// document's language (`/Lang`), the title shown instead of the file name
/// (`/ViewerPreferences /DisplayDocTitle`), each figure's alternative text (`/Alt`), matched to
/// the figures in the order they were drawn (the structure tree's reading order), and the "Document"
/// element every other goes in (see `PDFCanvas.beginDocument`), with the mark that says the file
/// is tagged (`/MarkInfo`).
public enum PDFAccessibility {
    public static func complete(_ path: String, language: String, figureAlternatives: [String]) throws(BrochureError) {
        // Mapped, not read: the photos' bytes are never copied; the update is appended.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
              let file = FileHandle(forWritingAtPath: path) else { throw .invalidPDF(reason: "cannot open \(path)") }
        defer { try? file.close() }
        let update = try update(data, language: language, figureAlternatives: figureAlternatives)
        do {
            try file.seekToEnd()
            try file.write(contentsOf: update)
        } catch {
            throw .invalidPDF(reason: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// The incremental update to append to `data` (the file as cairo wrote it).
    static func update(_ data: Data, language: String, figureAlternatives: [String]) throws(BrochureError) -> Data {
        let trailer = try PDFObjectTable.trailer(of: data)
        let (previous, root, info) = (trailer.xref, trailer.root, trailer.info)
        let changed = data.withUnsafeBytes { raw -> Result<(objects: [Int: [UInt8]], size: Int), BrochureError> in
            let table = PDFObjectTable(raw.bindMemory(to: UInt8.self), xref: previous)
            do throws(BrochureError) {
                return .success(try changedObjects(table, root: root, size: trailer.size, language: language, figureAlternatives: figureAlternatives))
            } catch {
                return .failure(error)
            }
        }
        let (objects, size) = try changed.get()
        var output = Data()
        output.reserveCapacity(objects.values.reduce(0) { $0 + $1.count + 48 } + 32 * objects.count + 256)
        if data.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        var offsets: [Int: Int] = [:]
        for (number, body) in objects.sorted(by: { $0.key < $1.key }) {
            offsets[number] = data.count + output.count
            output.append(contentsOf: "\(number) 0 obj\n".utf8)
            output.append(contentsOf: body)
            output.append(contentsOf: "\nendobj\n".utf8)
        }
        let section = PDFObjectTable.updateSection(offsets: offsets, at: data.count + output.count, size: size, root: root,
                                                   info: info, previous: previous)
        output.append(contentsOf: section.utf8)
        return output
    }

    /// The objects the update rewrites or adds, by number, and the new `/Size`.
    static func changedObjects(_ table: PDFObjectTable, root: Int, size writtenSize: Int, language: String,
                               figureAlternatives: [String]) throws(BrochureError) -> (objects: [Int: [UInt8]], size: Int) {
        guard var catalog = table.text(of: root), catalog.hasPrefix("<<") else { throw .invalidPDF(reason: "no catalog object \(root)") }
        var changed: [Int: [UInt8]] = [:]
        catalog = PDFDictionaryText.inserting("/Lang \(literal(language))\n   /ViewerPreferences << /DisplayDocTitle true >>", into: catalog)
        if !catalog.contains("/MarkInfo") { catalog = PDFDictionaryText.inserting("/MarkInfo << /Marked true >>", into: catalog) }
        changed[root] = Array(catalog.utf8)
        var size = writtenSize
        var rootKids: [Int] = []
        if let structure = PDFObjectTable.reference(after: "/StructTreeRoot", in: Substring(catalog)), let tree = table.text(of: structure) {
            // The "Document" element: the structure root's children become its own.
            let document = size
            size += 1
            let kids = PDFDictionaryText.references("/K", in: tree)
            rootKids = kids
            guard !kids.isEmpty, let root = PDFDictionaryText.replacing("/K", in: tree, with: [document]) else {
                throw .invalidPDF(reason: "an empty structure tree")
            }
            changed[structure] = Array(root.utf8)
            changed[document] = Array(("<< /Type /StructElem\n   /S /Document\n   /P \(structure) 0 R\n   /K [ "
                                       + kids.map { "\($0) 0 R" }.joined(separator: " ") + " ]\n>>").utf8)
            let parent = Array("/P \(structure) 0 R".utf8), newParent = Array("/P \(document) 0 R".utf8)
            for kid in kids {
                guard let body = table.bytes(of: kid) else { throw .invalidPDF(reason: "structure element \(kid) not found") }
                guard let at = PDFObjectTable.firstIndex(of: parent, in: body) else { changed[kid] = Array(body); continue }
                changed[kid] = Array(body.prefix(at)) + newParent + Array(body.dropFirst(at + parent.count))
            }
        }
        // Figures in reading order (depth first from the root: the order their tags were begun, which
        // is the order they were drawn).
        let isFigure = Set(table.figures)
        let figures = table.readingOrder(from: rootKids).filter(isFigure.contains)
        let open = Array("<<".utf8)
        guard figures.count == figureAlternatives.count else {
            throw .invalidPDF(reason: "\(figures.count) figures in the structure for \(figureAlternatives.count) drawn")
        }
        for (figure, alt) in zip(figures, figureAlternatives) {
            guard let body = changed[figure].map({ $0[...] }) ?? table.bytes(of: figure),
                  let at = PDFObjectTable.firstIndex(of: open, in: body) else { continue }
            let rest = body.dropFirst(at + open.count).drop(while: PDFObjectTable.isSpace)
            changed[figure] = open + Array(" /Alt \(hexText(alt))\n   ".utf8) + Array(rest)
        }
        return (changed, size)
    }

    /// A PDF literal string of ASCII text.
    static func literal(_ text: String) -> String {
        "(" + text.unicodeScalars.filter { $0.isASCII && $0.value >= 32 }.map { "()\\".unicodeScalars.contains($0) ? "\\\($0)" : String($0) }.joined() + ")"
    }

    /// A PDF text string in UTF-16BE with its byte order mark, as hex.
    static func hexText(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes = Array("<FEFF".utf8)
        bytes.reserveCapacity(6 + text.utf16.count * 4)
        for unit in text.utf16 {
            for shift in [12, 8, 4, 0] { bytes.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        bytes.append(UInt8(ascii: ">"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
