/// Copies one PDF object's value (a dictionary, an array, a number…) token by token, renumbering
/// the indirect references it holds: what joining two files needs, where the second file's objects
/// take numbers after the first's. Strings, names and comments are copied as they are (a `(1 0 R)`
/// inside a URL stays text).
struct PDFReferences {
    /// Object number in the source file → number in the joined file.
    var object: (Int) -> Int
    /// The integer after `/StructParents` or `/StructParent` (a key of the structure's parent
    /// tree) → its key in the joined file.
    var parentKey: (Int) -> Int

    /// The value starting at `start` (just after `N G obj`), rewritten, and where it ends.
    func rewrite(_ pdf: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) throws(BrochureError) -> (bytes: [UInt8], end: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var j = start, depth = 0, started = false, keyFollows = false
        func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: pdf[range])) }
        while j < limit {
            if started && depth == 0 { return (out, j) }
            let byte = pdf[j]
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00:
                out.append(byte)
                j += 1
            case UInt8(ascii: "%"):
                let end = Self.lineEnd(pdf, from: j, limit: limit)
                copy(j..<end)
                j = end
            case UInt8(ascii: "("):
                let end = try Self.literalEnd(pdf, from: j, limit: limit)
                copy(j..<end)
                j = end
                started = true
                keyFollows = false
            case UInt8(ascii: "<") where j + 1 < limit && pdf[j + 1] == UInt8(ascii: "<"):
                out.append(contentsOf: [byte, byte])
                j += 2
                depth += 1
                started = true
            case UInt8(ascii: "<"):
                var end = j
                while end < limit, pdf[end] != UInt8(ascii: ">") { end += 1 }
                guard end < limit else { throw .invalidPDF(reason: "unterminated hex string") }
                copy(j..<(end + 1))
                j = end + 1
                started = true
                keyFollows = false
            case UInt8(ascii: ">"):
                guard j + 1 < limit, pdf[j + 1] == UInt8(ascii: ">"), depth > 0 else { throw .invalidPDF(reason: "stray >") }
                out.append(contentsOf: [byte, byte])
                j += 2
                depth -= 1
            case UInt8(ascii: "["):
                out.append(byte)
                j += 1
                depth += 1
                started = true
            case UInt8(ascii: "]"):
                guard depth > 0 else { throw .invalidPDF(reason: "stray ]") }
                out.append(byte)
                j += 1
                depth -= 1
            case UInt8(ascii: "/"):
                let end = Self.tokenEnd(pdf, from: j + 1, limit: limit)
                copy(j..<end)
                let name = UnsafeBufferPointer(rebasing: pdf[j..<end])
                keyFollows = name.elementsEqual(Self.structParents) || name.elementsEqual(Self.structParent)
                j = end
                started = true
            case 0x30...0x39:
                let (value, end) = Self.integer(pdf, from: j, limit: limit)
                if let reference = Self.reference(pdf, after: end, limit: limit) {
                    Self.appendDecimal(object(value), to: &out)
                    out.append(0x20)
                    Self.appendDecimal(reference.generation, to: &out)
                    out.append(contentsOf: [0x20, UInt8(ascii: "R")])
                    j = reference.end
                } else if keyFollows && (end >= limit || pdf[end] != UInt8(ascii: ".")) {
                    Self.appendDecimal(parentKey(value), to: &out)
                    j = end
                } else {
                    let tokenEnd = Self.tokenEnd(pdf, from: j, limit: limit)
                    copy(j..<tokenEnd)
                    j = tokenEnd
                }
                keyFollows = false
                started = true
            default:  // other numbers (-1, .5), keywords (true, null)
                let end = max(j + 1, Self.tokenEnd(pdf, from: j, limit: limit))
                copy(j..<end)
                j = end
                keyFollows = false
                started = true
            }
        }
        guard started && depth == 0 else { throw .invalidPDF(reason: "an object runs past its end") }
        return (out, j)
    }

    /// `value` (not negative: an object number, a generation, a key) in decimal digits, with no
    /// String made: the join writes tens of thousands of them.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(0x30 + value % 10))
    }

    static let structParents = Array("/StructParents".utf8), structParent = Array("/StructParent".utf8)

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00, UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "%"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    static func tokenEnd(_ pdf: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var j = start
        while j < limit, !isDelimiter(pdf[j]) { j += 1 }
        return j
    }

    static func lineEnd(_ pdf: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var j = start
        while j < limit, pdf[j] != 0x0A, pdf[j] != 0x0D { j += 1 }
        return j
    }

    /// Past the `)` that closes the literal string opening at `start` (nested parentheses, `\` escapes).
    static func literalEnd(_ pdf: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) throws(BrochureError) -> Int {
        var j = start + 1, open = 1
        while j < limit {
            switch pdf[j] {
            case UInt8(ascii: "\\"): j += 1
            case UInt8(ascii: "("): open += 1
            case UInt8(ascii: ")"):
                open -= 1
                if open == 0 { return j + 1 }
            default: break
            }
            j += 1
        }
        throw .invalidPDF(reason: "unterminated string")
    }

    static func integer(_ pdf: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> (value: Int, end: Int) {
        var j = start, value = 0
        while j < limit, pdf[j] >= 0x30, pdf[j] <= 0x39 { value = value * 10 + Int(pdf[j] - 0x30); j += 1 }
        return (value, j)
    }

    /// ` G R` after an object number: the generation and where the reference ends; nil when the
    /// number is a plain number.
    static func reference(_ pdf: UnsafeBufferPointer<UInt8>, after end: Int, limit: Int) -> (generation: Int, end: Int)? {
        guard end < limit, !(pdf[end] >= 0x30 && pdf[end] <= 0x39), pdf[end] != UInt8(ascii: ".") else { return nil }
        var j = end
        while j < limit, PDFObjectTable.isSpace(pdf[j]) { j += 1 }
        guard j > end, j < limit, pdf[j] >= 0x30, pdf[j] <= 0x39 else { return nil }
        let (generation, afterGeneration) = integer(pdf, from: j, limit: limit)
        var k = afterGeneration
        guard k < limit, PDFObjectTable.isSpace(pdf[k]) else { return nil }
        while k < limit, PDFObjectTable.isSpace(pdf[k]) { k += 1 }
        guard k < limit, pdf[k] == UInt8(ascii: "R"), k + 1 >= limit || isDelimiter(pdf[k + 1]) else { return nil }
        return (generation, k + 1)
    }
}
