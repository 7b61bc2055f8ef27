/// Open-addressing hash tables for the gazetteer's hot path: token keys and trie edges are looked up
/// once or more per document token, and Swift's `Dictionary` (SipHash, `String` keys) costs more than the
/// rest of matching together.

/// Token key bytes → token id. Keys are stored once, back to back; lookups take bytes, not `String`s.
struct TokenKeyTable {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int32] = [0]
    /// Slot → id + 1 (0: empty). Its size is a power of two, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { keyStarts.count - 1 }

    init() {}

    /// Writes the keys in id order, for the compiled cache (the slots are rebuilt on reading).
    func write(to writer: inout BinaryWriter) {
        writer.write(keyBytes)
        writer.write(keyStarts)
    }

    /// Reads the keys `write(to:)` wrote, checking their bounds, and places them in fresh slots.
    init(reading reader: inout BinaryReader) throws {
        keyBytes = try reader.readArray()
        keyStarts = try reader.readArray()
        let ids = keyStarts.count - 1
        guard ids >= 0, keyStarts.first == 0, zip(keyStarts, keyStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              Int(keyStarts[ids]) == keyBytes.count else {
            throw BinaryReader.Malformed(offset: reader.offset, what: "inconsistent token key table")
        }
        var size = 1024
        while ids * 2 > size { size *= 2 }
        slots = Array(repeating: 0, count: size)
        for id in 0..<ids {
            let hash = keyBytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[Int(keyStarts[id])..<Int(keyStarts[id + 1])]))
            }
            place(Int32(id), hash: hash)
        }
    }

    /// The id of `key`, adding it when new.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let known = id(of: key) { return known }
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        keyBytes.append(contentsOf: key)
        keyStarts.append(Int32(keyBytes.count))
        place(id, hash: Self.hash(key))
        return id
    }

    /// The id of `key`, or nil.
    @inline(__always) func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return keyBytes.withUnsafeBufferPointer { stored in
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                let id = Int(entry - 1)
                let start = Int(keyStarts[id]), end = Int(keyStarts[id + 1])
                if end - start == key.count && memcmpEqual(stored.baseAddress! + start, key.baseAddress, key.count) {
                    return Int32(id)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for id in 0..<count {
            let hash = keyBytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[Int(keyStarts[id])..<Int(keyStarts[id + 1])]))
            }
            place(Int32(id), hash: hash)
        }
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ByteHash.hash(bytes)
    }
}

/// (node, token id) → child node of the gazetteer trie.
struct EdgeTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private(set) var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 512) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: 0, count: size)
    }

    @inline(__always) subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with every key.
    func forEachKey(_ body: (UInt64) -> Void) {
        for key in keys where key != Self.empty { body(key) }
    }

    /// Writes the pairs sorted by key, for the compiled cache (the table is rebuilt on reading, and two
    /// tables with the same pairs write the same bytes whatever order they were filled in).
    func write(to writer: inout BinaryWriter) {
        let pairs = zip(keys, values).filter { $0.0 != Self.empty }.sorted { $0.0 < $1.0 }
        writer.write(pairs.map(\.0))
        writer.write(pairs.map(\.1))
    }

    /// Reads the pairs `write(to:)` wrote, whose children are nodes below `nodeCount`.
    init(reading reader: inout BinaryReader, nodeCount: Int) throws {
        let keys: [UInt64] = try reader.readArray(), values: [Int32] = try reader.readArray()
        guard keys.count == values.count, zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }), keys.last != Self.empty,
              values.allSatisfy({ $0 > 0 && Int($0) < nodeCount }) else {
            throw BinaryReader.Malformed(offset: reader.offset, what: "inconsistent trie edge table")
        }
        self.init(capacity: keys.count)
        for (key, value) in zip(keys, values) { insert(key, value) }
    }

    /// Adds `key` → `value`; the key must be new.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        put(key, value)
        count += 1
    }

    private mutating func put(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        while keys[slot] != Self.empty { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty { put(key, value) }
    }
}

@inline(__always) private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard let b else { return count == 0 }
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}
