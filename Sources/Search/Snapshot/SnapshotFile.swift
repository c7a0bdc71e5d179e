import Crypto
import Foundation

/// The search index's file next to the cache: `GUICHIDX`, the format version, the payload's
/// length, the payload (sections of fixed-width values, each 8-byte aligned), then the payload's
/// SHA-256. Anything short, longer, of another format or failing its checksum is corrupt.
enum SnapshotFile {
    static let magic = Array("GUICHIDX".utf8)
    /// Raised whenever the payload's layout changes: an older file is rebuilt, never misread.
    static let formatVersion: UInt64 = 2
    static let headerSize = 24, checksumSize = 32

    /// Writes `payload` to `url` atomically (a temporary file renamed over it).
    static func write(_ payload: SnapshotWriter, to url: URL) throws(SearchError) {
        var file = Data(capacity: headerSize + payload.data.count + checksumSize)
        file.append(contentsOf: magic)
        withUnsafeBytes(of: formatVersion.littleEndian) { file.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(payload.data.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(payload.data)
        file.append(contentsOf: SHA256.hash(data: payload.data))
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do { try file.write(to: temporary) } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .snapshot("cannot write \(url.path): \(error.localizedDescription)")
        }
        // rename(2) replaces the old file in one step: a reader sees the old snapshot or the new one.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .snapshot("cannot replace \(url.path): \(reason)")
        }
    }

    /// The payload of the file at `url`, checked; nil when there is no file.
    static func read(_ url: URL) throws(SearchError) -> Data? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file: Data
        do { file = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw .snapshot("cannot read \(url.path): \(error.localizedDescription)")
        }
        guard file.count >= headerSize + checksumSize, Array(file.prefix(magic.count)) == magic else {
            throw .snapshot("not a search index file")
        }
        let version = file.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        guard version == formatVersion else { throw .snapshot("format \(version), this version reads \(formatVersion)") }
        let length = file.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) }
        guard length == UInt64(file.count - headerSize - checksumSize) else { throw .snapshot("truncated or overlong") }
        let payload = file[headerSize..<(file.count - checksumSize)]
        guard Array(SHA256.hash(data: payload)) == Array(file.suffix(checksumSize)) else { throw .snapshot("checksum mismatch") }
        return payload
    }
}

/// Builds a snapshot's payload: counts, strings and arrays of fixed-width values.
struct SnapshotWriter {
    private(set) var data = Data()

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int) { append(UInt64(bitPattern: Int64(value))) }

    mutating func append(_ text: String) {
        append(Array(text.utf8))
    }

    /// The count, the values' bytes, then zeros up to the next multiple of 8.
    mutating func append<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>) {
        append(values.count)
        data.append(UnsafeRawBufferPointer(values).bindMemory(to: UInt8.self))
        let padding = (8 - data.count % 8) % 8
        if padding > 0 { data.append(contentsOf: [UInt8](repeating: 0, count: padding)) }
    }

    mutating func append<T: BitwiseCopyable>(_ values: [T]) {
        values.withUnsafeBufferPointer { append($0) }
    }
}

/// Reads a payload in the order it was written; running past its end is corruption.
struct SnapshotReader {
    let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var isAtEnd: Bool { offset == data.endIndex }

    mutating func uint64() throws(SearchError) -> UInt64 {
        guard offset + 8 <= data.endIndex else { throw .snapshot("ends too early") }
        let value = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset - data.startIndex, as: UInt64.self) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func int() throws(SearchError) -> Int {
        let value = Int64(bitPattern: try uint64())
        guard value >= 0, value <= Int64(Int32.max) * 64 else { throw .snapshot("count out of range") }
        return Int(value)
    }

    mutating func string() throws(SearchError) -> String {
        String(decoding: try array(of: UInt8.self), as: UTF8.self)
    }

    /// Calls `body` with the next array's bytes, typed; the reader moves past it and its padding.
    mutating func withNext<T: BitwiseCopyable, R>(_ type: T.Type, _ body: (UnsafeRawBufferPointer, Int) -> R) throws(SearchError) -> R {
        let count = try int()
        let bytes = count * MemoryLayout<T>.stride
        guard offset + bytes <= data.endIndex else { throw .snapshot("ends too early") }
        let start = offset - data.startIndex
        let result = data.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + bytes)]), count) }
        offset += bytes + (8 - bytes % 8) % 8
        guard offset <= data.endIndex else { throw .snapshot("ends too early") }
        return result
    }

    mutating func array<T: BitwiseCopyable>(of type: T.Type) throws(SearchError) -> [T] {
        try withNext(T.self) { raw, count in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = count
            }
        }
    }

    mutating func frozen<T: BitwiseCopyable>(of type: T.Type) throws(SearchError) -> FrozenArray<T> {
        try withNext(T.self) { raw, count in FrozenArray<T>(copying: raw, count: count) }
    }
}
