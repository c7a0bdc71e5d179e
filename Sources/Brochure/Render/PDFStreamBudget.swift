import CZStream
import Foundation

/// How much a PDF's streams decode to, measured before poppler is ever asked to draw it: a 200 KB
/// file can hold a page whose compressed content stream inflates to hundreds of megabytes of
/// operators (seconds to minutes of rendering on a shared thread). Every stream is inflated
/// through a small buffer that is thrown away, and the count stops as soon as a bound is passed,
/// so measuring a bomb costs a few milliseconds, never its decoded size in memory.
///
/// Content and other non-image streams (pages, forms, fonts, object streams) and images have bounds
/// of their own: images decode to what their declared size says, which the renderer handles as
/// pixels, while operators are interpreted one by one.
public struct PDFStreamBudget: Sendable, Hashable {
    /// The most one non-image stream may decode to.
    public var streamBytes: Int
    /// The most all non-image streams together may decode to.
    public var contentBytes: Int
    /// The most all image streams together may decode to.
    public var imageBytes: Int

    public init(streamBytes: Int = 16 << 20, contentBytes: Int = 50 << 20, imageBytes: Int = 512 << 20) {
        self.streamBytes = streamBytes; self.contentBytes = contentBytes; self.imageBytes = imageBytes
    }

    /// The bound a file went past: which one, and the bound in bytes.
    public enum Excess: Error, Sendable, Hashable, CustomStringConvertible {
        case stream(object: String, limit: Int)
        case content(limit: Int)
        case images(limit: Int)

        public var description: String {
            switch self {
            case let .stream(object, limit): "stream of object \(object) decodes to more than \(limit >> 20) MB"
            case let .content(limit): "page contents decode to more than \(limit >> 20) MB"
            case let .images(limit): "images decode to more than \(limit >> 20) MB"
            }
        }
    }

    /// What was measured in a file that stays within the bounds.
    public struct Measure: Sendable, Hashable {
        public var contentBytes = 0
        public var imageBytes = 0
        public var streams = 0
    }

    /// Measures `data`; throws the first bound passed.
    public func check(_ data: Data) throws(Excess) -> Measure {
        var measure = Measure()
        let bytes = [UInt8](data)
        var position = 0
        while let start = Self.nextStream(in: bytes, from: position) {
            measure.streams += 1
            let dictionary = Self.dictionary(before: start.keyword, in: bytes)
            position = start.data
            guard dictionary.contains("/FlateDecode") || dictionary.contains("/Fl ") || dictionary.contains("/Fl]") else { continue }
            let isImage = dictionary.contains("/Image")
            let left = isImage ? imageBytes - measure.imageBytes : min(streamBytes, contentBytes - measure.contentBytes)
            let (decoded, consumed) = Self.inflatedSize(bytes, from: start.data, stoppingAfter: left)
            position = start.data + max(consumed, 0)
            if isImage {
                measure.imageBytes += decoded
                if measure.imageBytes > imageBytes { throw .images(limit: imageBytes) }
            } else {
                measure.contentBytes += decoded
                if decoded > streamBytes { throw .stream(object: Self.objectName(before: start.keyword, in: bytes), limit: streamBytes) }
                if measure.contentBytes > contentBytes { throw .content(limit: contentBytes) }
            }
        }
        return measure
    }

    /// The next `stream` keyword that ends a dictionary (`>>`, then blanks) and the offset of its
    /// data (after the end of line that must follow it).
    static func nextStream(in bytes: [UInt8], from position: Int) -> (keyword: Int, data: Int)? {
        let keyword = Array("stream".utf8)
        var i = position
        while i + keyword.count < bytes.count {
            guard let found = firstIndex(of: keyword, in: bytes, from: i) else { return nil }
            i = found + keyword.count
            // "endstream" is not a start.
            if found >= 3, bytes[found - 3] == UInt8(ascii: "e"), bytes[found - 2] == UInt8(ascii: "n"), bytes[found - 1] == UInt8(ascii: "d") { continue }
            var before = found - 1
            while before > 0, [0x20, 0x0A, 0x0D, 0x09, 0x0C].contains(bytes[before]) { before -= 1 }
            guard before > 0, bytes[before] == UInt8(ascii: ">"), bytes[before - 1] == UInt8(ascii: ">") else { continue }
            var data = i
            if data < bytes.count, bytes[data] == 0x0D { data += 1 }
            if data < bytes.count, bytes[data] == 0x0A { data += 1 }
            return (found, data)
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var from = start
            while from + needle.count <= buffer.count {
                guard let hit = memchr(buffer.baseAddress! + from, Int32(needle[0]), buffer.count - from) else { return nil }
                let index = buffer.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if index + needle.count <= buffer.count, memcmp(buffer.baseAddress! + index, needle, needle.count) == 0 { return index }
                from = index + 1
            }
            return nil
        }
    }

    /// The stream's dictionary as text: from its object's `obj` keyword (at most 4 KB back) to the
    /// `stream` keyword.
    static func dictionary(before keyword: Int, in bytes: [UInt8]) -> String {
        let from = max(0, keyword - 4096)
        var text = String(decoding: bytes[from..<keyword], as: UTF8.self)
        if let obj = text.range(of: " obj", options: .backwards) { text = String(text[obj.upperBound...]) }
        // Names may be written with or without blanks: "/Subtype/Image", "/Filter /FlateDecode".
        return text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    /// "12 0" for the object whose dictionary precedes `keyword`, for the reason given.
    static func objectName(before keyword: Int, in bytes: [UInt8]) -> String {
        let from = max(0, keyword - 4096)
        let text = String(decoding: bytes[from..<keyword], as: UTF8.self)
        guard let obj = text.range(of: " obj", options: .backwards) else { return "?" }
        let head = text[..<obj.lowerBound].split(whereSeparator: { $0.isWhitespace }).suffix(2)
        return head.joined(separator: " ")
    }

    /// Inflates from `offset` until the deflate stream ends, fails, or more than `limit` bytes came
    /// out; returns the bytes out (at most `limit` + one buffer) and the bytes read.
    static func inflatedSize(_ bytes: [UInt8], from offset: Int, stoppingAfter limit: Int) -> (decoded: Int, consumed: Int) {
        var stream = z_stream()
        guard czlib_inflate_init(&stream) == Z_OK else { return (0, 0) }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: 64 * 1024)
        var decoded = 0
        return bytes.withUnsafeBufferPointer { input -> (Int, Int) in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
            stream.avail_in = UInt32(clamping: input.count - offset)
            while true {
                let status = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                decoded += out.count - Int(stream.avail_out)
                if decoded > limit || status == Z_STREAM_END { break }
                // A damaged stream or one cut short: poppler reads what inflates; so did we.
                if status != Z_OK { break }
            }
            return (decoded, Int(stream.total_in))
        }
    }
}
