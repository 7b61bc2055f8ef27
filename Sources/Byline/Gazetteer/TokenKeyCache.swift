/// A small direct-mapped cache in front of the gazetteer's vocabulary for one matcher: token key (up to
/// 16 bytes) → its id and its child of the trie's root. News repeats its common words ("the", "said",
/// "minister") thousands of times, and each lookup in the full tables (hundreds of thousands of keys)
/// misses the processor's caches several times; this table is small enough to stay in them.
/// Results are the same as asking the tables: an entry is only ever what they answered for its key.
struct TokenKeyCache {
    /// What the tables say of a key: its id (-1: not in the vocabulary) and the root's child for it
    /// (0: none).
    struct Answer: Equatable {
        var id: Int32
        var rootChild: Int32
    }

    static let slotCount = 4096
    /// Per slot: the key's bytes (little-endian, zero-padded), its length + 1 (0: empty) and the answer.
    private var low: [UInt64]
    private var high: [UInt64]
    private var lengths: [UInt8]
    private var answers: [Answer]

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TokenKeyCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        low = [UInt64](repeating: 0, count: slots)
        high = low
        lengths = [UInt8](repeating: 0, count: slots)
        answers = [Answer](repeating: Answer(id: -1, rootChild: 0), count: slots)
    }

    /// The answer for `key`, from the cache or from `ask` (then kept; keys over 16 bytes are not).
    @inline(__always)
    mutating func answer(_ key: UnsafeBufferPointer<UInt8>, ask: (UnsafeBufferPointer<UInt8>) -> Answer) -> Answer {
        guard key.count <= 16 else { return ask(key) }
        var a: UInt64 = 0, b: UInt64 = 0
        for (i, byte) in key.enumerated() {
            if i < 8 { a |= UInt64(byte) << UInt64(i * 8) } else { b |= UInt64(byte) << UInt64((i - 8) * 8) }
        }
        let slot = Int(truncatingIfNeeded: ByteHash.mix(a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.count))) & (Self.slotCount - 1)
        if lengths[slot] == UInt8(key.count + 1) && low[slot] == a && high[slot] == b { return answers[slot] }
        let answer = ask(key)
        low[slot] = a
        high[slot] = b
        lengths[slot] = UInt8(key.count + 1)
        answers[slot] = answer
        return answer
    }
}

/// The same for the trie's edges beyond the root: (node, token id) → child (0: none). Most edges asked
/// for do not exist ("the" followed by an everyday word), and each answer from the full table is a
/// miss of the processor's caches; pairs of words repeat enough for a small table to catch many.
struct TrieEdgeCache {
    static let slotCount = 8192
    private var keys: [UInt64]
    private var children: [Int32]

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TrieEdgeCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        keys = [UInt64](repeating: .max, count: slots)
        children = [Int32](repeating: 0, count: slots)
    }

    /// The child of `node` for token `id`, from the cache or from `ask` (then kept).
    @inline(__always)
    mutating func child(of node: Int32, token id: Int32, ask: () -> Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
        let slot = Int(truncatingIfNeeded: ByteHash.mix(key)) & (Self.slotCount - 1)
        if keys[slot] == key { return children[slot] }
        let child = ask()
        keys[slot] = key
        children[slot] = child
        return child
    }
}
