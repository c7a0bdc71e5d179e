import Foundation

/// A strict JSON parser over UTF-8 bytes (RFC 8259), several times faster than `JSONDecoder` for
/// the import's purpose: one value tree per record — or only its selected parts (`JSONSelection`) —
/// mapped by hand.
public struct JSONParser {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    /// Parses a whole document (surrounding whitespace allowed).
    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
        try parse(bytes, keeping: .all)
    }

    /// Parses a whole document, building only the parts `selection` names; the others are checked
    /// as strictly (the same failures at the same offsets) but not built.
    public static func parse(_ bytes: some Collection<UInt8>, keeping selection: JSONSelection) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(Failure) {
                parser.skipWhitespace()
                let value = try parser.value(selection)
                parser.skipWhitespace()
                guard parser.i == buffer.count else { throw parser.fail("unexpected data after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), keeping: selection)
    }

    func fail(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

    mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// The value at `i`, built as far as `selection` says (`.nothing`: checked, answered as null).
    mutating func value(_ selection: JSONSelection) throws(Failure) -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of input") }
        let build = selection.builds
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(selection)
        case UInt8(ascii: "["): return try array(selection)
        case UInt8(ascii: "\""):
            if build { return .string(try string()) }
            try skipString()
            return .null
        case UInt8(ascii: "t"): try literal("true"); return build ? .bool(true) : .null
        case UInt8(ascii: "f"): try literal("false"); return build ? .bool(false) : .null
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let scanned = try scanNumber()
            return build ? try number(scanned) : .null
        default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'")
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("unexpected end of input") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("invalid literal") }
        i += n
    }

    mutating func object(_ selection: JSONSelection) throws(Failure) -> JSONValue {
        depth += 1
        guard depth < 512 else { throw fail("nesting too deep") }
        defer { depth -= 1 }
        i += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return selection.builds ? .object(members) : .null }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let key: String?
            let inner: JSONSelection
            switch selection {
            case .all:
                key = try string()
                inner = .all
            case .nothing:
                try skipString()
                key = nil
                inner = .nothing
            case .members(let wanted):
                (key, inner) = try selectedMember(wanted)
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
            skipWhitespace()
            let value = try value(inner)
            if let key { members.append((key, value)) }
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input in an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return selection.builds ? .object(members) : .null }
            throw fail("expected ',' or '}'")
        }
    }

    /// Reads a member name at `i`: the wanted member it names and its selection, or nil and
    /// `.nothing`. A plain name is compared as bytes, without making a string.
    mutating func selectedMember(_ wanted: JSONSelection.Members) throws(Failure) -> (String?, JSONSelection) {
        let start = i + 1
        try skipString()
        let end = i - 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !raw.contains(UInt8(ascii: "\\")) {
            for entry in wanted.entries where entry.utf8.count == raw.count && entry.utf8.withUnsafeBufferPointer({ name in
                raw.isEmpty || memcmp(name.baseAddress!, raw.baseAddress!, raw.count) == 0  // swiftlint:disable:this force_unwrapping
            }) {
                return (entry.name, entry.selection)
            }
            return (nil, .nothing)
        }
        i = start - 1
        let name = try string()
        for entry in wanted.entries where entry.name == name { return (name, entry.selection) }
        return (nil, .nothing)
    }

    mutating func array(_ selection: JSONSelection) throws(Failure) -> JSONValue {
        depth += 1
        guard depth < 512 else { throw fail("nesting too deep") }
        defer { depth -= 1 }
        i += 1
        let build = selection.builds
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return build ? .array(elements) : .null }
        while true {
            skipWhitespace()
            let element = try value(selection)
            if build { elements.append(element) }
            skipWhitespace()
            guard i < bytes.count else { throw fail("unexpected end of input in an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return build ? .array(elements) : .null }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func string() throws(Failure) -> String {
        // swiftlint:disable:next force_unwrapping
        try scanString(build: true)!
    }

    /// Checks the string at `i` and moves past it without making it.
    mutating func skipString() throws(Failure) {
        _ = try scanString(build: false)
    }

    mutating func scanString(build: Bool) throws(Failure) -> String? {
        i += 1
        let start = i
        while i < bytes.count {
            skipPlainBytes()
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return build ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self) : nil
            }
            if b == UInt8(ascii: "\\") {
                var out: [UInt8]? = build ? Array(UnsafeBufferPointer(rebasing: bytes[start..<i])) : nil
                try scanEscapedRest(into: &out)
                return out.map { String(decoding: $0, as: UTF8.self) }
            }
            if b < 0x20 { throw fail("control character in a string") }
            i += 1
        }
        throw fail("unterminated string")
    }

    /// Moves `i` eight bytes at a time while none is a quote, a backslash or a control character
    /// (most of a record's bytes are text).
    mutating func skipPlainBytes() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            // A byte of zero (a quote or a backslash) or below 0x20 sets its high bit here.
            let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20) & ~w) & highs
            if special != 0 { return }
            i += 8
        }
    }

    /// The rest of a string from its first backslash, its bytes unescaped into `out` when given.
    mutating func scanEscapedRest(into out: inout [UInt8]?) throws(Failure) {
        while i < bytes.count {
            let plain = i
            skipPlainBytes()
            if i > plain { out?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i])) }
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b < 0x20 { throw fail("control character in a string") }
            guard b == UInt8(ascii: "\\") else { out?.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out?.append(0x22)
            case UInt8(ascii: "\\"): out?.append(0x5C)
            case UInt8(ascii: "/"): out?.append(0x2F)
            case UInt8(ascii: "b"): out?.append(0x08)
            case UInt8(ascii: "f"): out?.append(0x0C)
            case UInt8(ascii: "n"): out?.append(0x0A)
            case UInt8(ascii: "r"): out?.append(0x0D)
            case UInt8(ascii: "t"): out?.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out?.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x37)
            case 0x61...0x66: d = UInt32(c - 0x57)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// A number's syntax, checked; its integer value when it has no fraction or exponent.
    struct ScannedNumber {
        var start: Int
        var integer: Int?
    }

    mutating func scanNumber() throws(Failure) -> ScannedNumber {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var integer = 0
        var digits = 0
        var overflow = false
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (m, o1) = integer.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] - 0x30))
            integer = s
            overflow = overflow || o1 || o2
            digits += 1
            i += 1
        }
        guard digits > 0 else { throw fail("invalid number") }
        // RFC 8259: no leading zero ("007").
        if digits > 1, bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0") { throw fail("invalid number: leading zero") }
        var isInteger = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let fractionStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > fractionStart else { throw fail("invalid number") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let expStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > expStart else { throw fail("invalid number") }
        }
        return ScannedNumber(start: start, integer: isInteger && !overflow ? (negative ? -integer : integer) : nil)
    }

    /// The value of the number just scanned (it ends at `i`).
    func number(_ scanned: ScannedNumber) throws(Failure) -> JSONValue {
        if let integer = scanned.integer { return .int(integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[scanned.start..<i]), as: UTF8.self)
        guard let d = Double(text) else { throw fail("invalid number") }
        return .double(d)
    }
}
