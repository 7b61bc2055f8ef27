import BylineText

/// A small direct-mapped cache: one slot per hash value, the last key to land in a slot keeps it. The
/// matcher's caches in front of the gazetteer's tables are two of these (`TokenKeyCache`, `TrieEdgeCache`):
/// each full-table lookup misses the processor's caches, and a table this small stays in them. A slot
/// only ever holds what `ask` answered for its key, so answers are the same as asking directly.
struct DirectMappedCache<Key: Equatable, Value> {
    private var slots: [(key: Key, value: Value)]

    /// `count` slots (a power of two; 0 holds nothing and allocates nothing), each first holding
    /// `emptyKey`, a key never asked for.
    init(count: Int, emptyKey: Key, emptyValue: Value) {
        precondition(count & (count - 1) == 0, "a power of two")
        slots = Array(repeating: (emptyKey, emptyValue), count: count)
    }

    /// The value for `key` (whose hash is `hash`), from the cache or from `ask` (then kept).
    @inline(__always)
    mutating func value(for key: Key, hash: UInt64, ask: () -> Value) -> Value {
        let index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        return slots.withUnsafeMutableBufferPointer { slots in
            if slots[index].key == key { return slots[index].value }
            let value = ask()
            slots[index] = (key, value)
            return value
        }
    }
}

/// Token key (up to 16 bytes) → its id in the gazetteer's vocabulary and its child of the trie's root.
/// News repeats its common words ("the", "said", "minister") thousands of times.
struct TokenKeyCache {
    /// What the tables say of a key: its id (-1: not in the vocabulary) and the root's child for it
    /// (0: none).
    struct Answer: Equatable {
        var id: Int32
        var rootChild: Int32
    }

    /// A key's bytes (little-endian, zero-padded) and its length (0: no key).
    private struct PackedKey: Equatable {
        var low: UInt64, high: UInt64, length: Int
    }

    static let slotCount = 4096
    private var cache: DirectMappedCache<PackedKey, Answer>

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TokenKeyCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        cache = DirectMappedCache(count: slots, emptyKey: PackedKey(low: 0, high: 0, length: 0), emptyValue: Answer(id: -1, rootChild: 0))
    }

    /// The answer for `key`, from the cache or from `ask` (then kept; empty keys and keys over 16 bytes
    /// are not).
    @inline(__always)
    mutating func answer(_ key: UnsafeBufferPointer<UInt8>, ask: (UnsafeBufferPointer<UInt8>) -> Answer) -> Answer {
        guard !key.isEmpty, key.count <= TextNormalizer.packedKeyBytes else { return ask(key) }
        var a: UInt64 = 0, b: UInt64 = 0
        for (i, byte) in key.enumerated() {
            if i < 8 { a |= UInt64(byte) << UInt64(i * 8) } else { b |= UInt64(byte) << UInt64((i - 8) * 8) }
        }
        return answer(low: a, high: b, length: key.count, ask: ask)
    }

    /// The same for a key already packed: bytes 0–7 in `low`, 8–15 in `high` (little-endian, zero past
    /// `length`, which is 1…16).
    @inline(__always)
    mutating func answer(low: UInt64, high: UInt64, length: Int, ask: (UnsafeBufferPointer<UInt8>) -> Answer) -> Answer {
        let hash = ByteHash.mix(low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length))
        return cache.value(for: PackedKey(low: low, high: high, length: length), hash: hash) {
            withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { raw in
                ask(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length))
            }
        }
    }
}

/// (node, token id) → child below the trie's root (0: none). Most edges asked for do not exist ("the"
/// followed by an everyday word); pairs of words repeat enough for a small table to catch many.
struct TrieEdgeCache {
    static let slotCount = 8192
    private var cache: DirectMappedCache<UInt64, Int32>

    /// Holds nothing and allocates nothing (a placeholder while the matcher's own is in use).
    static let empty = TrieEdgeCache(slots: 0)

    init() { self.init(slots: Self.slotCount) }

    private init(slots: Int) {
        cache = DirectMappedCache(count: slots, emptyKey: .max, emptyValue: 0)
    }

    /// The child of `node` for token `id`, from the cache or from `ask` (then kept).
    @inline(__always)
    mutating func child(of node: Int32, token id: Int32, ask: () -> Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
        return cache.value(for: key, hash: ByteHash.mix(key), ask: ask)
    }
}
