/// A set of UTF-8 offsets into one document, kept as bits: built and asked without hashing (the name
/// steps ask it for every token).
struct OffsetSet: ExpressibleByArrayLiteral {
    private var words: [UInt64] = []
    /// Whether nothing was inserted.
    private(set) var isEmpty = true

    init() {}

    init(arrayLiteral offsets: Int...) {
        for offset in offsets { insert(offset) }
    }

    /// `offsets` as a set (nonnegative offsets).
    init<S: Sequence<Int>>(_ offsets: S) {
        for offset in offsets { insert(offset) }
    }

    mutating func insert(_ offset: Int) {
        precondition(offset >= 0, "offsets are nonnegative")
        let word = offset >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count))) }
        words[word] |= 1 << UInt64(offset & 63)
        isEmpty = false
    }

    func contains(_ offset: Int) -> Bool {
        let word = offset >> 6
        return offset >= 0 && word < words.count && words[word] & (1 << UInt64(offset & 63)) != 0
    }
}
