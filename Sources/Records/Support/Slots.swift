/// Results of parallel work, one slot per item, each slot written by exactly one worker and read
/// once all are done. The slots live in memory of their own: workers write through the pointer and
/// never mutate a shared Array (which several threads at once would race on, corrupting the heap).
///
/// `@unchecked Sendable`: each slot is written by one worker only, and `values` is read after every
/// worker is done (the caller waits on them), so no two threads touch one slot at once.
public final class Slots<Element>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Element?>

    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    public func set(_ index: Int, _ value: Element?) { storage[index] = value }

    /// Read after the workers are done.
    public var values: [Element?] { Array(storage) }
}
