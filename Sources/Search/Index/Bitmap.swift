/// A set of document ordinals as bits.
struct Bitmap: Sendable {
    var words: [UInt64]

    init(count: Int) { words = Array(repeating: 0, count: count / 64 + 1) }

    @inline(__always) mutating func insert(_ i: UInt32) {
        words.withUnsafeMutableBufferPointer { $0[Int(i >> 6)] |= 1 << UInt64(i & 63) }
    }
    @inline(__always) func contains(_ i: UInt32) -> Bool {
        words.withUnsafeBufferPointer { $0[Int(i >> 6)] & (1 << UInt64(i & 63)) != 0 }
    }

    /// Calls `body` with each member in ascending order.
    func forEach(_ body: (UInt32) -> Void) {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                body(UInt32(w << 6 | bit))
                bits &= bits - 1
            }
        }
    }
}
