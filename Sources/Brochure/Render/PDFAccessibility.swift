import Foundation

/// What cairo 1.16 cannot write into a tagged PDF, added as an incremental update (the file as
/// cairo wrote it, then the changed objects, a new cross-reference section and trailer): the
/// document's language (`/Lang`), the title shown instead of the file name
/// (`/ViewerPreferences /DisplayDocTitle`), each figure's alternative text (`/Alt`), matched to
/// the figures in the order they were drawn (page, then marked-content order), and the "Document"
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
        // The trailer is at the end: read the last kilobytes only.
        let text = String(decoding: data.suffix(4096), as: UTF8.self)
        guard let trailerRange = text.range(of: "trailer", options: .backwards),
              let startxref = text.range(of: "startxref", options: .backwards),
              let previous = Int(text[startxref.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").first ?? ""),
              let writtenSize = Self.reference(after: "/Size", in: text[trailerRange.upperBound...]),
              let root = Self.reference(after: "/Root", in: text[trailerRange.upperBound...]) else {
            throw .invalidPDF(reason: "no trailer in the PDF cairo wrote")
        }
        let info = Self.reference(after: "/Info", in: text[trailerRange.upperBound...])
        let (objects, offsets) = data.withUnsafeBytes { Self.objects(in: $0.bindMemory(to: UInt8.self), xref: previous, root: root) }
        guard var catalog = objects[root] else { throw .invalidPDF(reason: "no catalog object \(root)") }
        var changed: [Int: String] = [:]
        catalog = Self.insert("/Lang \(literal(language))\n   /ViewerPreferences << /DisplayDocTitle true >>", into: catalog)
        if !catalog.contains("/MarkInfo") { catalog = Self.insert("/MarkInfo << /Marked true >>", into: catalog) }
        changed[root] = catalog
        var size = writtenSize
        if let structure = Self.reference(after: "/StructTreeRoot", in: Substring(catalog)), let tree = objects[structure] {
            // The "Document" element: the structure root's children become its own.
            let document = size
            size += 1
            let kids = Self.kids(of: tree)
            guard !kids.isEmpty, let k = tree.range(of: "/K ") else { throw .invalidPDF(reason: "an empty structure tree") }
            let afterK = tree[k.upperBound...]
            let valueEnd = afterK.hasPrefix("[") ? afterK.firstIndex(of: "]").map { afterK.index(after: $0) } : afterK.range(of: " R")?.upperBound
            guard let valueEnd else { throw .invalidPDF(reason: "unreadable structure root") }
            changed[structure] = String(tree[..<k.upperBound]) + "[ \(document) 0 R ]" + String(tree[valueEnd...])
            changed[document] = "<< /Type /StructElem\n   /S /Document\n   /P \(structure) 0 R\n   /K [ " + kids.map { "\($0) 0 R" }.joined(separator: " ") + " ]\n>>"
            for kid in kids {
                guard let body = objects[kid] ?? offsets[kid].flatMap({ offset in
                    data.withUnsafeBytes { raw -> String? in
                        let pdf = raw.bindMemory(to: UInt8.self)
                        return Self.dictionary(in: pdf, at: offset).map {
                            String(decoding: UnsafeBufferPointer(rebasing: pdf[$0]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                        }
                    }
                }) else { throw .invalidPDF(reason: "structure element \(kid) not found") }
                changed[kid] = body.replacingOccurrences(of: "/P \(structure) 0 R", with: "/P \(document) 0 R")
            }
        }
        // Figures in drawing order: their page's position in the page tree, then their first marked content.
        let pageOrder = Self.pageOrder(objects)
        let figures = objects.filter { $0.value.contains("/S /Figure") }.map { number, body -> (Int, Int, Int, String) in
            let page = Self.reference(after: "/Pg", in: Substring(body)).flatMap { pageOrder[$0] } ?? Int.max
            let mcid = Self.firstMCID(body) ?? Int.max
            return (page, mcid, number, body)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (figure, alt) in zip(figures, figureAlternatives) {
            changed[figure.2] = Self.insert("/Alt \(hexText(alt))", into: changed[figure.2] ?? figure.3)
        }
        var output = Data()
        if data.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        var written: [(Int, Int)] = []
        for (number, body) in changed.sorted(by: { $0.key < $1.key }) {
            written.append((number, data.count + output.count))
            output.append(Data("\(number) 0 obj\n\(body)\nendobj\n".utf8))
        }
        let xref = data.count + output.count
        var section = "xref\n"
        for (number, offset) in written { section += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset) }
        section += "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n" + (info.map { "   /Info \($0) 0 R\n" } ?? "") + "   /Prev \(previous)\n>>\n"
        section += "startxref\n\(xref)\n%%EOF\n"
        output.append(Data(section.utf8))
        return output
    }

    /// The dictionary objects (no stream) the update reads — the catalog `root`, the page tree,
    /// the structure root, the figures — by number, each found from its offset in the
    /// cross-reference table at `xref`, and every object's offset. Only those become text: a
    /// 500-page brochure has tens of thousands of structure objects.
    static func objects(in pdf: UnsafeBufferPointer<UInt8>, xref: Int, root: Int) -> (objects: [Int: String], offsets: [Int: Int]) {
        var objects: [Int: String] = [:]
        var offsets: [Int: Int] = [:]
        var i = xref
        /// The next line's bytes; `i` moves past it and its line ends.
        func line() -> Range<Int> {
            var end = i
            while end < pdf.count, pdf[end] != 0x0A, pdf[end] != 0x0D { end += 1 }
            defer {
                i = end
                while i < pdf.count, pdf[i] == 0x0A || pdf[i] == 0x0D { i += 1 }
            }
            return i..<end
        }
        guard Self.starts(pdf, line(), with: Self.xrefKeyword) else { return ([:], [:]) }
        while i < pdf.count {
            let header = Self.numbers(pdf, line())
            guard header.count == 2 else { break }
            for n in 0..<header[1] {
                let entry = line()
                let fields = Self.numbers(pdf, entry)
                // `0000001234 00000 n`: in use ("f": free).
                let kind = entry.first { pdf[$0] != 0x20 && !(0x30...0x39).contains(pdf[$0]) }.map { pdf[$0] }
                guard fields.count == 2, kind == UInt8(ascii: "n"), fields[0] < pdf.count,
                      let body = dictionary(in: pdf, at: fields[0]) else { continue }
                let number = header[0] + n
                offsets[number] = fields[0]
                guard number == root || Self.find(Self.pagesMark, in: pdf, body) || Self.find(Self.figureMark, in: pdf, body)
                        || Self.find(Self.structureRootMark, in: pdf, body) else { continue }
                let text = String(decoding: UnsafeBufferPointer(rebasing: pdf[body]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if text.hasPrefix("<<") && text.hasSuffix(">>") { objects[number] = text }
            }
        }
        return (objects, offsets)
    }

    /// The objects a structure element's (or the root's) `/K` names: `/K 12 0 R` or `/K [ 12 0 R 13 0 R ]`.
    static func kids(of body: String) -> [Int] {
        guard let k = body.range(of: "/K ") else { return [] }
        let rest = body[k.upperBound...]
        let value = rest.hasPrefix("[") ? rest.dropFirst().prefix { $0 != "]" } : rest.prefix { $0 != "R" }
        let numbers = value.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "R" }).compactMap { Int($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { numbers[$0] }
    }

    static let structureRootMark = Array("/Type /StructTreeRoot".utf8)
    static let xrefKeyword = Array("xref".utf8), endobjKeyword = Array("endobj".utf8), streamKeyword = Array("stream".utf8)
    static let objKeyword = Array("obj".utf8), pagesMark = Array("/Type /Pages".utf8), figureMark = Array("/S /Figure".utf8)

    /// The bytes between `N 0 obj` and `endobj` of the object at `offset`; nil for a stream (a
    /// photo's, a page's content) or anything else than an object.
    static func dictionary(in pdf: UnsafeBufferPointer<UInt8>, at offset: Int) -> Range<Int>? {
        let limit = min(pdf.count, offset + 65_536)  // dictionaries here are small
        // One scan to whichever comes first: `stream` (a photo's or a page's: never read through) or `endobj`.
        var j = offset
        var end: Int?
        while j + endobjKeyword.count <= limit {
            let byte = pdf[j]
            if byte == UInt8(ascii: "s"), Self.starts(pdf, j..<limit, with: streamKeyword) { return nil }
            if byte == UInt8(ascii: "e"), Self.starts(pdf, j..<limit, with: endobjKeyword) { end = j; break }
            j += 1
        }
        guard let end, let obj = Self.firstIndex(of: objKeyword, in: pdf, offset..<end) else { return nil }
        return (obj + objKeyword.count)..<end
    }

    static func firstIndex(of needle: [UInt8], in pdf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let first = needle.first, range.count >= needle.count else { return nil }
        var j = range.lowerBound
        let last = range.upperBound - needle.count
        while j <= last {
            if pdf[j] == first {
                var k = 1
                while k < needle.count, pdf[j + k] == needle[k] { k += 1 }
                if k == needle.count { return j }
            }
            j += 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in pdf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        firstIndex(of: needle, in: pdf, range) != nil
    }

    static func starts(_ pdf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, with prefix: [UInt8]) -> Bool {
        range.count >= prefix.count && pdf[range.lowerBound..<(range.lowerBound + prefix.count)].elementsEqual(prefix)
    }

    /// The leading decimal numbers of a line, separated by spaces (`0000001234 00000 n` → [1234, 0]).
    static func numbers(_ pdf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Int] {
        var numbers: [Int] = []
        var value = 0, digits = 0
        for j in range {
            let byte = pdf[j]
            if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            } else {
                if digits > 0 { numbers.append(value) }
                value = 0
                digits = 0
                if byte != 0x20 { return numbers }
            }
        }
        if digits > 0 { numbers.append(value) }
        return numbers
    }

    /// Page object number → its index in the page tree (the tree cairo writes is one level deep).
    static func pageOrder(_ objects: [Int: String]) -> [Int: Int] {
        guard let pages = objects.values.first(where: { $0.contains("/Type /Pages") }),
              let kids = pages.range(of: "/Kids") else { return [:] }
        let list = pages[kids.upperBound...].prefix { $0 != "]" }.split(separator: " ").compactMap { Int($0) }
        var order: [Int: Int] = [:]
        for (i, number) in stride(from: 0, to: list.count, by: 3).map({ list[$0] }).enumerated() { order[number] = i }
        return order
    }

    static func firstMCID(_ body: String) -> Int? {
        guard let k = body.range(of: "/K ") else { return nil }
        var rest = body[k.upperBound...]
        if rest.hasPrefix("[") { rest = rest.dropFirst() }
        return rest.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "]" }).first.flatMap { Int($0) }
    }

    /// The object number after `key` in `text` (`/Root 33 0 R` → 33), or the number itself (`/Size 34`).
    static func reference(after key: String, in text: Substring) -> Int? {
        guard let range = text.range(of: key + " ") else { return nil }
        return text[range.upperBound...].prefix { $0.isNumber }.isEmpty ? nil : Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// `entry` added as the dictionary's first entry.
    static func insert(_ entry: String, into dictionary: String) -> String {
        "<< " + entry + "\n   " + dictionary.dropFirst(2).trimmingCharacters(in: .whitespaces)
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
