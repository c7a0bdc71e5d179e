/// An immutable array in memory the index owns, read without bounds or uniqueness checks in the
/// per-candidate loop. Freed with its owner.
///
/// `@unchecked Sendable`: written once in `init`, only read afterwards.
final class FrozenArray<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>

    init(_ array: [Element]) {
        let storage = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = storage.initialize(from: array)
        buffer = UnsafeBufferPointer(rebasing: storage[0..<array.count])
    }

    /// `count` values copied from `raw` (a snapshot's bytes).
    init(copying raw: UnsafeRawBufferPointer, count: Int) where Element: BitwiseCopyable {
        let storage = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, count))
        UnsafeMutableRawBufferPointer(storage).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw.prefix(count * MemoryLayout<Element>.stride)))
        buffer = UnsafeBufferPointer(rebasing: storage[0..<count])
    }

    deinit {
        UnsafeMutableBufferPointer(mutating: buffer).deinitialize()
        UnsafeMutableBufferPointer(mutating: buffer).deallocate()
    }

    var count: Int { buffer.count }
    var memoryBytes: Int { buffer.count * MemoryLayout<Element>.stride }

    @inline(__always) subscript(i: Int) -> Element { buffer[i] }
}
