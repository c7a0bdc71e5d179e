import Foundation

/// Finds the byte ranges of JSON values without building them, so each record's raw JSON is kept
/// verbatim and a truncated file still yields every complete record before the damage.
struct JSONScanner {
    let bytes: [UInt8]

    struct Failure: Error { var offset: Int; var reason: String }

    enum Kind { case object, array, string, number, literal }

    func skipWhitespace(_ i: inout Int) {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    func kind(at i: Int) -> Kind? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        default: return nil
        }
    }

    /// The end (exclusive) of the value starting at `start`. Checks nesting and strings only.
    func endOfValue(from start: Int) throws(Failure) -> Int {
        guard let k = kind(at: start) else {
            throw Failure(offset: start, reason: start < bytes.count ? "unexpected character" : "unexpected end of file")
        }
        var i = start
        switch k {
        case .string:
            return try endOfString(from: start)
        case .number, .literal:
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09: return i
                default: i += 1
                }
            }
            return i
        case .object, .array:
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i = try endOfString(from: i)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            throw Failure(offset: start, reason: "truncated JSON: value starting at byte \(start) never ends")
        }
    }

    /// The end (exclusive) of the string starting at `start`: the first quote after it preceded by
    /// an even number of backslashes, found with `memchr` (strings are most of a record's bytes).
    func endOfString(from start: Int) throws(Failure) -> Int {
        let end: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var i = start + 1
            while i < buffer.count {
                guard let found = memchr(base + i, Int32(UInt8(ascii: "\"")), buffer.count - i) else { return nil }
                let quote = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                var backslashes = 0
                while quote - backslashes - 1 > start, buffer[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return quote + 1 }
                i = quote + 1
            }
            return nil
        }
        guard let end else { throw Failure(offset: start, reason: "truncated JSON: unterminated string at byte \(start)") }
        return end
    }

    /// Calls `body` with the range of each element of the array starting at `start`. Returns the
    /// number of elements. A damaged tail throws after the complete elements were delivered.
    @discardableResult
    func forEachElement(ofArrayAt start: Int, _ body: (Range<Int>) throws -> Void) throws -> Int {
        guard kind(at: start) == .array else { throw Failure(offset: start, reason: "expected a JSON array") }
        var i = start + 1
        var count = 0
        skipWhitespace(&i)
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { return 0 }
        while true {
            skipWhitespace(&i)
            let end = try endOfValue(from: i)
            try body(i..<end)
            count += 1
            i = end
            skipWhitespace(&i)
            guard i < bytes.count else { throw Failure(offset: i, reason: "truncated JSON: array never closes after \(count) elements") }
            if bytes[i] == UInt8(ascii: "]") { return count }
            guard bytes[i] == UInt8(ascii: ",") else {
                throw Failure(offset: i, reason: "expected ',' or ']' after element \(count - 1), found '\(Character(Unicode.Scalar(bytes[i])))'")
            }
            i += 1
        }
    }

    /// The members of the object starting at `start`: raw key bytes (without quotes) → value range.
    func members(ofObjectAt start: Int) throws(Failure) -> [(key: String, value: Range<Int>)] {
        guard kind(at: start) == .object else { throw Failure(offset: start, reason: "expected a JSON object") }
        var i = start + 1
        var result: [(String, Range<Int>)] = []
        while true {
            skipWhitespace(&i)
            guard i < bytes.count else { throw Failure(offset: i, reason: "truncated JSON: object never closes") }
            if bytes[i] == UInt8(ascii: "}") { return result }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard kind(at: i) == .string else { throw Failure(offset: i, reason: "expected a member name") }
            let keyEnd = try endOfString(from: i)
            let key = String(decoding: bytes[(i + 1)..<(keyEnd - 1)], as: UTF8.self)
            i = keyEnd
            skipWhitespace(&i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Failure(offset: i, reason: "expected ':' after \"\(key)\"") }
            i += 1
            skipWhitespace(&i)
            let end = try endOfValue(from: i)
            result.append((key, i..<end))
            i = end
        }
    }
}
