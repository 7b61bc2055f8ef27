import BylineText

/// Byte strings grouped by their first two bytes, each group in the order the strings were added: finds
/// the candidates that can start at a text position without trying every string there. (A document
/// with thousands of names would otherwise cost names × tokens.)
struct PrefixBuckets<Value> {
    private var buckets: [UInt16: [(key: [UInt8], value: Value)]] = [:]

    /// Adds `key` (non-empty) with its value; order of addition is kept within a bucket.
    mutating func add(_ key: [UInt8], _ value: Value) {
        guard let first = key.first else { return }
        buckets[Self.bucket(first, key.count > 1 ? key[1] : nil), default: []].append((key, value))
    }

    /// Calls `body` with every added key that `bytes` holds at `start`, in the order added (keys of two
    /// bytes or more, then those of one byte), until `body` returns true.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ body: ([UInt8], Value) -> Bool) {
        guard start < bytes.count else { return }
        if start + 1 < bytes.count, let group = buckets[Self.bucket(bytes[start], bytes[start + 1])] {
            for entry in group where start + entry.key.count <= bytes.count
                && bytes[start..<start + entry.key.count].elementsEqual(entry.key) {
                if body(entry.key, entry.value) { return }
            }
        }
        if let single = buckets[Self.bucket(bytes[start], nil)] {
            for entry in single where body(entry.key, entry.value) { return }
        }
    }

    private static func bucket(_ first: UInt8, _ second: UInt8?) -> UInt16 {
        // A one-byte key gets second byte 0: text never has a NUL after a character.
        UInt16(first) << 8 | UInt16(second ?? 0)
    }
}

extension PrefixBuckets {
    /// Walks the capitalised tokens of a text and calls `body` for each key that starts at one and ends
    /// where a token ends, with the first and last token of the match; `body` returns true to take the
    /// match (the walk then goes on after its last token) or false to try the next key.
    func forEachWholeTokenMatch(in tokens: [Token], bytes: UnsafeBufferPointer<UInt8>,
                                _ body: (_ first: Int, _ last: Int, _ key: [UInt8], _ value: Value) -> Bool) {
        var t = 0
        while t < tokens.count {
            guard tokens[t].has(.capitalized) else { t += 1; continue }
            let start = Int(tokens[t].start)
            var next = t + 1
            forEachMatch(in: bytes, at: start) { key, value in
                let end = start + key.count
                guard let last = tokens[t...].firstIndex(where: { Int($0.end) >= end }), Int(tokens[last].end) == end,
                      body(t, last, key, value) else { return false }
                next = last + 1
                return true
            }
            t = next
        }
    }
}
