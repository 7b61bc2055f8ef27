import BylineText

/// Byte strings (names a document has already found) to find again where they stand as whole tokens, in
/// time linear in the text: at each capitalised token the walk hashes the text up to each of the next
/// token ends (no further than the longest key) and looks those up, so the cost does not grow with the
/// number of keys. (Grouping keys by their first two bytes and comparing each, as this did before, cost
/// names × tokens: a third of the time of a 30 MB document.)
struct WholeTokenKeys<Value> {
    private var keys: [[UInt8]] = []
    private var values: [Value] = []
    /// Each key's hash (`ByteHash`), and an open-addressing table of key index + 1 by hash (0: empty; a
    /// power of two, at most half full). A key added twice takes two slots; both are found.
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: 0, count: 64)
    /// A bit per pair of first two bytes that some key starts with (a one-byte key: its byte, then 0).
    private var starts = [UInt64](repeating: 0, count: 1024)
    private var longestKey = 0
    /// Bit n: some key is n bytes long (n < 64; bit 63 also stands for every longer key).
    private var lengths: UInt64 = 0

    /// Adds `key` (non-empty) with its value; keys that match at one place are offered in the order added.
    mutating func add(_ key: [UInt8], _ value: Value) {
        guard let first = key.first else { return }
        let pair = Int(first) << 8 | Int(key.count > 1 ? key[1] : 0)
        starts[pair >> 6] |= 1 << UInt64(pair & 63)
        longestKey = max(longestKey, key.count)
        lengths |= 1 << UInt64(min(key.count, 63))
        hashes.append(key.withUnsafeBufferPointer { ByteHash.hash($0) })
        keys.append(key)
        values.append(value)
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[index]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    /// Walks the capitalised tokens of a text and calls `body` for each key that starts at one and ends
    /// where a token ends, with the first and last token of the match; `body` returns true to take the
    /// match (the walk then goes on after its last token) or false to try the next key. At one token, keys
    /// of two bytes or more come first, then those of one byte, each in the order added.
    func forEachWholeTokenMatch(in tokens: [Token], bytes: UnsafeBufferPointer<UInt8>,
                                _ body: (_ first: Int, _ last: Int, _ key: [UInt8], _ value: Value) -> Bool) {
        guard !keys.isEmpty else { return }
        var found: [(order: Int32, last: Int)] = []
        var t = 0
        while t < tokens.count {
            guard tokens[t].has(.capitalized) else { t += 1; continue }
            let start = Int(tokens[t].start)
            let second = start + 1 < bytes.count ? Int(bytes[start + 1]) : 0
            guard startsSomeKey(Int(bytes[start]) << 8 | second) || startsSomeKey(Int(bytes[start]) << 8) else {
                t += 1
                continue
            }
            // Every key that ends at one of the next token ends, hashed a byte at a time as the end moves on.
            found.removeAll(keepingCapacity: true)
            var hash = ByteHash.seed, hashed = start
            var last = t
            while last < tokens.count, Int(tokens[last].end) - start <= longestKey {
                let end = Int(tokens[last].end)
                while hashed < end { hash = ByteHash.step(hash, bytes[hashed]); hashed += 1 }
                if lengths & (1 << UInt64(min(end - start, 63))) != 0 {
                    let wanted = ByteHash.mix(hash), mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: wanted) & mask
                    while slots[slot] != 0 {
                        let index = Int(slots[slot] - 1)
                        if hashes[index] == wanted && keys[index].count == end - start
                            && bytes[start..<end].elementsEqual(keys[index]) {
                            found.append((Int32(index), last))
                        }
                        slot = (slot + 1) & mask
                    }
                }
                last += 1
            }
            var next = t + 1
            if !found.isEmpty {
                found.sort { a, b in
                    let aSingle = keys[Int(a.order)].count == 1, bSingle = keys[Int(b.order)].count == 1
                    return aSingle != bSingle ? bSingle : a.order < b.order
                }
                for (index, last) in found where body(t, last, keys[Int(index)], values[Int(index)]) {
                    next = last + 1
                    break
                }
            }
            t = next
        }
    }

    @inline(__always) private func startsSomeKey(_ pair: Int) -> Bool {
        starts[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }
}
