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
        var ascii = true
        for byte in utf8 where byte >= 0x80 { ascii = false; break }
        if ascii {
            count = utf8.count
        } else {
            checkpoints.reserveCapacity(utf8.count / Self.stride + 1)
            for (i, byte) in utf8.enumerated() {
                if i % Self.stride == 0 { checkpoints.append(Int32(count)) }
                if byte & 0xC0 != 0x80 { count += 1 }
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
        var count = Int(checkpoints[block])
        var i = block * Self.stride
        while i < offset {
            if utf8[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
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
