/// Converts UTF-8 byte offsets into Unicode code-point offsets (the public offsets, as spaCy, Prodigy and
/// brat use) and back, without scanning the text from the start each time.
///
/// ASCII text is the identity. Otherwise the index keeps the code-point count at every `stride`-th byte,
/// so a conversion costs one table read plus a scan of fewer than `stride` bytes: O(1) per offset, O(n / stride)
/// memory.
public struct CodePointIndex: Sendable {
    private static let stride = 128
    /// The text's UTF-8 bytes (shared with the `Document`, not copied).
    public let utf8: [UInt8]
    /// Code points before byte `k * stride`; empty when the text is ASCII.
    private let checkpoints: [Int32]
    /// Number of code points in the text.
    public let codePointCount: Int

    public init(_ text: String) { self.init(utf8: Array(text.utf8)) }

    /// Builds the index over UTF-8 bytes (valid UTF-8).
    public init(utf8: [UInt8]) {
        self.utf8 = utf8
        var checkpoints: [Int32] = []
        var count = 0
        utf8.withUnsafeBufferPointer { bytes in
            if Self.isASCII(bytes) {
                count = bytes.count
                return
            }
            checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
            var blockStart = 0
            while blockStart < bytes.count {
                checkpoints.append(Int32(count))
                let blockEnd = min(blockStart + Self.stride, bytes.count)
                count += Self.codePoints(in: bytes, blockStart..<blockEnd)
                blockStart = blockEnd
            }
        }
        self.checkpoints = checkpoints
        self.codePointCount = count
    }

    /// The code-point offset of a UTF-8 byte offset (which must fall on a code-point boundary or the end).
    public func codePointOffset(utf8 offset: Int) -> Int {
        if checkpoints.isEmpty { return offset }
        if offset >= utf8.count { return codePointCount }
        let block = offset / Self.stride
        return Int(checkpoints[block]) + utf8.withUnsafeBufferPointer { Self.codePoints(in: $0, block * Self.stride..<offset) }
    }

    /// Whether every byte is ASCII, eight at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0, high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < bytes.count { high |= UInt64(base[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The code points that start in `range` of `bytes`: its bytes minus its continuation bytes (`10xxxxxx`),
    /// counted eight at a time.
    @inline(__always)
    private static func codePoints(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var continuations = 0
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // The top bit of each byte that is 10xxxxxx: bit 7 set, bit 6 (shifted into bit 7) clear.
            continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if base[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return range.count - continuations
    }

    /// The UTF-8 byte offset of a code-point offset (clamped to the text).
    public func utf8Offset(codePoint offset: Int) -> Int {
        if checkpoints.isEmpty { return min(max(offset, 0), utf8.count) }
        if offset >= codePointCount { return utf8.count }
        if offset <= 0 { return 0 }
        // Last checkpoint at or before the offset.
        var low = 0, high = checkpoints.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(checkpoints[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        var count = Int(checkpoints[low])
        var i = low * Self.stride
        while i < utf8.count {
            if utf8[i] & 0xC0 != 0x80 {
                if count == offset { return i }
                count += 1
            }
            i += 1
        }
        return utf8.count
    }

    /// A code-point range for a UTF-8 byte range.
    public func codePointRange(utf8 range: Range<Int>) -> CodePointRange {
        CodePointRange(start: codePointOffset(utf8: range.lowerBound), end: codePointOffset(utf8: range.upperBound))
    }
}

/// A range in Unicode code points, `end` exclusive: the offsets Byline reports.
public struct CodePointRange: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
