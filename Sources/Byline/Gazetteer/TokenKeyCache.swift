/// A small direct-mapped cache in front of the gazetteer's vocabulary for one matcher: token key (up to
/// 16 bytes) → its id and its child of the trie's root. News repeats its common words ("the", "said",
/// "minister") thousands of times, and each lookup in the full tables (hundreds of thousands of keys)
/// misses the processor's caches several times; this table is small enough to stay in them, one slot
/// to a cache line's half. Results are the same as asking the tables: a slot only ever holds what they
/// answered for its key.
struct TokenKeyCache {
    /// What the tables say of a key: its id (-1: not in the vocabulary) and the root's child for it
    /// (0: none).
    struct Answer: Equatable {
        var id: Int32
        var rootChild: Int32
    }

    /// A key's bytes (little-endian, zero-padded), its length + 1 (0: an empty slot) and its answer.
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length: UInt32 = 0
        var answer = Answer(id: -1, rootChild: 0)
    }

    static let slotCount = 4096
    private var slots: [Slot]

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TokenKeyCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        self.slots = [Slot](repeating: Slot(), count: slots)
    }

    /// The answer for `key`, from the cache or from `ask` (then kept; keys over 16 bytes are not).
    @inline(__always)
    mutating func answer(_ key: UnsafeBufferPointer<UInt8>, ask: (UnsafeBufferPointer<UInt8>) -> Answer) -> Answer {
        guard key.count <= 16 else { return ask(key) }
        var a: UInt64 = 0, b: UInt64 = 0
        for (i, byte) in key.enumerated() {
            if i < 8 { a |= UInt64(byte) << UInt64(i * 8) } else { b |= UInt64(byte) << UInt64((i - 8) * 8) }
        }
        let index = Int(truncatingIfNeeded: ByteHash.mix(a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.count))) & (Self.slotCount - 1)
        return slots.withUnsafeMutableBufferPointer { slots in
            let slot = slots[index]
            if slot.length == UInt32(key.count + 1) && slot.low == a && slot.high == b { return slot.answer }
            let answer = ask(key)
            slots[index] = Slot(low: a, high: b, length: UInt32(key.count + 1), answer: answer)
            return answer
        }
    }
}

/// The same for the trie's edges beyond the root: (node, token id) → child (0: none). Most edges asked
/// for do not exist ("the" followed by an everyday word), and each answer from the full table is a
/// miss of the processor's caches; pairs of words repeat enough for a small table to catch many.
struct TrieEdgeCache {
    private struct Slot {
        var key: UInt64 = .max
        var child: Int32 = 0
    }

    static let slotCount = 8192
    private var slots: [Slot]

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TrieEdgeCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        self.slots = [Slot](repeating: Slot(), count: slots)
    }

    /// The child of `node` for token `id`, from the cache or from `ask` (then kept).
    @inline(__always)
    mutating func child(of node: Int32, token id: Int32, ask: () -> Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
        let index = Int(truncatingIfNeeded: ByteHash.mix(key)) & (Self.slotCount - 1)
        return slots.withUnsafeMutableBufferPointer { slots in
            if slots[index].key == key { return slots[index].child }
            let child = ask()
            slots[index] = Slot(key: key, child: child)
            return child
        }
    }
}
