/// The hashing the engine's own tables share: FNV-1a over bytes, a byte at a time, and a 64-bit finaliser
/// (MurmurHash3's fmix64) that spreads every input bit over the output, so the low bits that pick a slot
/// depend on every byte. Fast and deterministic across runs (unlike `Hasher`), which the compiled
/// gazetteer cache relies on; not meant to resist crafted collisions.
enum ByteHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The FNV-1a state after one more byte.
    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The hash of a byte string.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for byte in bytes { h = step(h, byte) }
        return mix(h)
    }
}
