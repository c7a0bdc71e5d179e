import Foundation

/// A file's bytes read straight into the array the import's scanner walks: one copy from the
/// kernel's cache (reading into `Data`, then copying that into an array, made two — 2.6 GB each
/// for a million records).
enum FileBytes {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ code: Int32) { description = String(cString: strerror(code)) }
    }

    static func read(_ url: URL) throws(Failure) -> [UInt8] {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw Failure(EISDIR) }
        let size = Int(info.st_size)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size, let base = buffer.baseAddress {
                let n = Foundation.read(fd, base + count, size - count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { return }
                count += n
            }
        }
        // What a file growing while it is read has more.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while failure == 0 {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { failure = errno }
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        guard failure == 0 else { throw Failure(failure) }
        return bytes
    }
}
