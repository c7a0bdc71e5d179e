import Foundation

/// The dictionary objects of a PDF as cairo 1.16 writes it (one cross-reference table, no object
/// streams), read in place: where each object's dictionary lies, and which objects the
/// accessibility update needs. Nothing becomes a string until asked for: a 500-page brochure has
/// tens of thousands of structure objects.
struct PDFObjectTable {
    let pdf: UnsafeBufferPointer<UInt8>
    /// Object number → the bytes between `N 0 obj` and `endobj`, for objects without a stream.
    private(set) var dictionaries: [Int: Range<Int>] = [:]
    /// The structure elements of figures (`/S /Figure`), in object order.
    private(set) var figures: [Int] = []
    /// Object number → where `N 0 obj` starts, for every object in use.
    private(set) var offsets: [Int: Int] = [:]

    /// Reads the cross-reference table at `xref`, then those its trailer's `/Prev` chain names (a
    /// file with incremental updates; the newest definition of an object wins); empty when there
    /// is no table there.
    init(_ pdf: UnsafeBufferPointer<UInt8>, xref: Int) {
        self.pdf = pdf
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
        dictionaries.reserveCapacity(32_768)
        offsets.reserveCapacity(32_768)
        var sections = Set<Int>(), decided = Set<Int>()
        while sections.insert(i).inserted, starts(line(), with: Self.xrefKeyword) {
            while i < pdf.count {
                let header = line()
                guard let first = number(in: header, at: 0), let count = number(in: header, at: 1) else {
                    i = header.lowerBound
                    break
                }
                for n in 0..<count.value {
                    let entry = line()
                    let object = first.value + n
                    // An older section's entry for an object a newer one defines or frees is out of date.
                    guard decided.insert(object).inserted else { continue }
                    // `0000001234 00000 n`: in use ("f": free).
                    guard entry.count >= 18, pdf[entry.lowerBound + 17] == UInt8(ascii: "n"),
                          let offset = number(in: entry, at: 0), offset.value < pdf.count else { continue }
                    offsets[object] = offset.value
                    guard let body = dictionary(at: offset.value) else { continue }
                    dictionaries[object] = body
                    if firstIndex(of: Self.figureMark, in: body) != nil { figures.append(object) }
                }
            }
            // The trailer after the table: `/Prev` names the previous section.
            let end = min(pdf.count, i + 1024)
            guard let prev = firstIndex(of: Self.prevKey, in: i..<end),
                  let previous = number(in: (prev + Self.prevKey.count)..<end, at: 0), previous.value < pdf.count else { break }
            i = previous.value
        }
    }

    /// An object's dictionary as bytes, without the whitespace around it.
    func bytes(of object: Int) -> ArraySlice<UInt8>? {
        guard var range = dictionaries[object] else { return nil }
        while let first = range.first, Self.isSpace(pdf[first]) { range = range.dropFirst() }
        while let last = range.last, Self.isSpace(pdf[last]) { range = range.dropLast() }
        return Array(UnsafeBufferPointer(rebasing: pdf[range]))[...]
    }

    func text(of object: Int) -> String? {
        bytes(of: object).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes between `N 0 obj` and `endobj` of the object at `offset`; nil for a stream (a
    /// photo's, a page's content) or anything else than an object.
    func dictionary(at offset: Int) -> Range<Int>? {
        // No size limit: the structure root of a 1,000-page brochure names 11,000 elements (100 KB).
        let limit = pdf.count
        // One scan to whichever comes first: `stream` (a photo's or a page's: never read through) or
        // `endobj`, past literal strings (a bookmark titled "Livestream" is text, not a keyword).
        var j = offset
        var end: Int?
        while j + Self.endobjKeyword.count <= limit {
            let byte = pdf[j]
            if byte == UInt8(ascii: "(") {
                guard let after = try? PDFReferences.literalEnd(pdf, from: j, limit: limit) else { return nil }
                j = after
                continue
            }
            if byte == UInt8(ascii: "s"), starts(j..<limit, with: Self.streamKeyword) { return nil }
            if byte == UInt8(ascii: "e"), starts(j..<limit, with: Self.endobjKeyword) { end = j; break }
            j += 1
        }
        guard let end, let obj = firstIndex(of: Self.objKeyword, in: offset..<end) else { return nil }
        return (obj + Self.objKeyword.count)..<end
    }

    func firstIndex(of needle: [UInt8], in range: Range<Int>) -> Int? {
        Self.firstIndex(of: needle, in: UnsafeBufferPointer(rebasing: pdf[range])).map { range.lowerBound + $0 }
    }

    func starts(_ range: Range<Int>, with prefix: [UInt8]) -> Bool {
        range.count >= prefix.count && pdf[range.lowerBound..<(range.lowerBound + prefix.count)].elementsEqual(prefix)
    }

    /// The `index`-th decimal number of a line whose fields are separated by spaces, and where it ends.
    func number(in range: Range<Int>, at index: Int) -> (value: Int, end: Int)? {
        var j = range.lowerBound, seen = 0
        while j < range.upperBound {
            while j < range.upperBound, pdf[j] == 0x20 { j += 1 }
            var value = 0, digits = 0
            while j < range.upperBound, pdf[j] >= 0x30, pdf[j] <= 0x39 {
                value = value * 10 + Int(pdf[j] - 0x30)
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if seen == index { return (value, j) }
            seen += 1
        }
        return nil
    }

    /// The structure elements `/K` names, in order: `/K 12 0 R`, `/K [ 12 0 R 3 13 0 R ]` (bare
    /// numbers are marked content; references inside `<< >>` are annotations or content items).
    func children(of object: Int) -> [Int] {
        guard let range = dictionaries[object], let k = firstIndex(of: Self.kidsKey, in: range) else { return [] }
        var j = k + Self.kidsKey.count, depth = 0, inArray = false
        var numbers: [Int] = [], children: [Int] = []
        while j < range.upperBound {
            let byte = pdf[j]
            switch byte {
            case UInt8(ascii: "["):
                if !inArray && depth == 0 { inArray = true } else { depth += 1 }
                j += 1
            case UInt8(ascii: "]"):
                if depth == 0 { return children }
                depth -= 1
                j += 1
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                depth += byte == UInt8(ascii: "<") ? 1 : -1
                j += 2
            case 0x30...0x39:
                var value = 0
                while j < range.upperBound, pdf[j] >= 0x30, pdf[j] <= 0x39 { value = value * 10 + Int(pdf[j] - 0x30); j += 1 }
                if depth == 0 { numbers.append(value) }
            case UInt8(ascii: "R"):
                if depth == 0, numbers.count >= 2 { children.append(numbers[numbers.count - 2]) }
                numbers.removeAll(keepingCapacity: true)
                j += 1
            case UInt8(ascii: "/"):
                if depth == 0 && !inArray { return children }  // the next key: `/K` held one value
                j += 1
                while j < range.upperBound, !Self.isSpace(pdf[j]), pdf[j] != UInt8(ascii: "/"), pdf[j] != UInt8(ascii: "<") { j += 1 }
            default:
                j += 1
            }
            if !inArray && depth == 0 && !children.isEmpty { return children }
        }
        return children
    }

    /// The structure elements under `roots`, in reading order: depth first, each before its children.
    func readingOrder(from roots: [Int]) -> [Int] {
        var order: [Int] = [], stack = Array(roots.reversed())
        var seen = Set<Int>()
        while let element = stack.popLast() {
            guard seen.insert(element).inserted else { continue }
            order.append(element)
            stack.append(contentsOf: children(of: element).reversed())
        }
        return order
    }

    /// What a file's last trailer says: where its cross-reference table is, how many objects it
    /// numbers, its catalog and information dictionary.
    struct Trailer {
        var xref: Int
        var size: Int
        var root: Int
        var info: Int?
    }

    /// The trailer at the end of `data` (the last kilobytes only are read).
    static func trailer(of data: Data) throws(BrochureError) -> Trailer {
        let text = String(decoding: data.suffix(4096), as: UTF8.self)
        guard let trailerRange = text.range(of: "trailer", options: .backwards),
              let startxref = text.range(of: "startxref", options: .backwards),
              let xref = Int(text[startxref.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").first ?? ""),
              let size = reference(after: "/Size", in: text[trailerRange.upperBound...]),
              let root = reference(after: "/Root", in: text[trailerRange.upperBound...]) else {
            throw .invalidPDF(reason: "no trailer in the PDF cairo wrote")
        }
        return Trailer(xref: xref, size: size, root: root, info: reference(after: "/Info", in: text[trailerRange.upperBound...]))
    }

    /// The object number after `key` in `text` (`/Root 33 0 R` → 33), or the number itself (`/Size 34`).
    static func reference(after key: String, in text: Substring) -> Int? {
        guard let range = text.range(of: key + " ") else { return nil }
        return text[range.upperBound...].prefix { $0.isNumber }.isEmpty ? nil : Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// `0000001234 00000 n \n`: an object in use at `offset` (String(format:) took a third of the
    /// accessibility update's time).
    static func xrefEntry(offset: Int) -> String {
        let digits = String(offset)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
    }

    /// The cross-reference section and trailer ending an incremental update: a subsection per run
    /// of consecutive object numbers (`offsets`: where each object written starts), then the
    /// trailer naming the section before (`previous`).
    static func updateSection(offsets: [Int: Int], at xref: Int, size: Int, root: Int, info: Int?, previous: Int) -> String {
        var section = "xref\n"
        let numbers = offsets.keys.sorted()
        var start = 0
        while start < numbers.count {
            var end = start + 1
            while end < numbers.count, numbers[end] == numbers[end - 1] + 1 { end += 1 }
            section += "\(numbers[start]) \(end - start)\n"
            for number in numbers[start..<end] { section += xrefEntry(offset: offsets[number] ?? 0) }
            start = end
        }
        return section + "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n" + (info.map { "   /Info \($0) 0 R\n" } ?? "")
            + "   /Prev \(previous)\n>>\nstartxref\n\(xref)\n%%EOF\n"
    }

    // MARK: Bytes

    static func firstIndex<C: RandomAccessCollection>(of needle: [UInt8], in haystack: C) -> Int?
    where C.Element == UInt8, C.Index == Int {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var j = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while j <= last {
            if haystack[j] == first {
                var k = 1
                while k < needle.count, haystack[j + k] == needle[k] { k += 1 }
                if k == needle.count { return j - haystack.startIndex }
            }
            j += 1
        }
        return nil
    }

    /// The number after `key` (`/Pg 12 0 R` → 12), or the first number of a `/K` array (`[ 3 4 ]` → 3).
    static func number(after key: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard let found = firstIndex(of: key, in: bytes) else { return nil }
        var j = bytes.startIndex + found + key.count
        while j < bytes.endIndex, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "[") { j += 1 }
        var value = 0, digits = 0
        while j < bytes.endIndex, bytes[j] >= 0x30, bytes[j] <= 0x39 {
            value = value * 10 + Int(bytes[j] - 0x30)
            digits += 1
            j += 1
        }
        return digits > 0 ? value : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    static let xrefKeyword = Array("xref".utf8), endobjKeyword = Array("endobj".utf8), streamKeyword = Array("stream".utf8)
    static let kidsKey = Array("/K ".utf8), prevKey = Array("/Prev ".utf8)
    static let objKeyword = Array("obj".utf8), figureMark = Array("/S /Figure".utf8)
}
