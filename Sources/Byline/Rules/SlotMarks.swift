/// Which span-class slots of an expanded pattern need the empty group that marks where their span starts.
///
/// A slot's callouts (`SpanClass.expansion`) must know where the span being walked started. The `S`
/// callout sees it, and on one matching path a slot that no repeated group encloses runs its `S` once:
/// backtracking into its walk happens only before any later `S` of the same slot, so the position the
/// last `S` saw is the start. Inside a group that may repeat (`(?:{PERSON},\h+)*`) a later iteration's
/// `S` can come before backtracking into an earlier walk, so there the start is read from a capture group.
/// Dropping the other marks matters for speed: PCRE2's JIT copies every capture group into each callout's
/// block, and slot marks were most of a rule's groups.
enum SlotMarks {
    /// The numbers of the slots whose mark (`(?<_bsN>)`) stands inside a group that may repeat (a
    /// quantifier above one after its closing parenthesis).
    static func repeatedSlots(in pattern: String) -> Set<Int> {
        let bytes = Array(pattern.utf8)
        let prefix = Array("(?<\(SpanClass.markPrefix)".utf8)
        var marks: [(slot: Int, at: Int)] = []
        var repeated: [Range<Int>] = []
        var open: [Int] = []
        var inClass = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") { i += 2; continue }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "["):
                inClass = true
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "^") { i += 1 }
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "]") { i += 1 }
            case UInt8(ascii: "("):
                if bytes[i...].starts(with: prefix) {
                    var j = i + prefix.count, slot = 0
                    while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { slot = slot * 10 + Int(bytes[j] - 0x30); j += 1 }
                    marks.append((slot, i))
                }
                open.append(i)
            case UInt8(ascii: ")"):
                if let start = open.popLast(), repeats(bytes, after: i + 1) { repeated.append(start..<i) }
            default:
                break
            }
            i += 1
        }
        return Set(marks.filter { mark in repeated.contains { $0.contains(mark.at) && $0.lowerBound != mark.at } }.map(\.slot))
    }

    /// Whether a quantifier allowing more than one repetition starts at `i`: `*`, `+`, `{n,}`, `{n,m}` or
    /// `{n}` with m or n above one.
    private static func repeats(_ bytes: [UInt8], after i: Int) -> Bool {
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "*"), UInt8(ascii: "+"): return true
        case UInt8(ascii: "{"):
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) else { return false }
            let inside = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
            let bounds = inside.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]) else { return false }
            if bounds.count == 1 { return low > 1 }
            guard let high = Int(bounds[1]) else { return bounds[1].isEmpty }
            return high > 1
        default:
            return false
        }
    }

    /// `pattern` without the marks of the slots not in `keep`.
    static func removingMarks(from pattern: String, keeping keep: Set<Int>) -> String {
        let bytes = Array(pattern.utf8)
        let prefix = Array("(?<\(SpanClass.markPrefix)".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "("), bytes[i...].starts(with: prefix) {
                var j = i + prefix.count, slot = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { slot = slot * 10 + Int(bytes[j] - 0x30); j += 1 }
                if !keep.contains(slot), bytes[j...].starts(with: Array(">)".utf8)) {
                    i = j + 2
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
