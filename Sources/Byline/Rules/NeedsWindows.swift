#if canImport(Glibc)
import Glibc
#endif

/// Where a rule with `needs: TEXT | TEXT` runs (`RuleSource.needs`): the lines holding one of the texts.
extension Annotator {
    /// Start windows for a `needs:` line, merged and in order: for each place one of `texts` occurs, from the
    /// start of its line to where it starts (a match starting at the text included). Linear in the text:
    /// each text is looked for with `memchr` on its rarest byte, and a line start is looked for back to the
    /// previous window only.
    static func windows(needing texts: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Int] = []
        for text in texts { forEachOccurrence(of: text, in: bytes) { found.append($0) } }
        if texts.count > 1 { found.sort() }
        var windows: [Range<Int>] = []
        for start in found {
            let floor = windows.last?.upperBound ?? 0
            var line = start
            while line > floor && bytes[line - 1] != 0x0A { line -= 1 }
            if let last = windows.last, line <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, start)
            } else {
                windows.append(line..<start)
            }
        }
        return windows
    }

    /// Calls `body` with the start of each occurrence of `text` in `bytes`, in order (overlapping ones too).
    static func forEachOccurrence(of text: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = bytes.baseAddress, !text.isEmpty, text.count <= bytes.count else { return }
        // The byte memchr looks for: the rarest in English text (capitals, digits and punctuation before
        // lower-case letters, rare letters before common ones, a space last).
        let pivot = text.indices.min { rarity(text[$0]) < rarity(text[$1]) }!
        let pivotByte = Int32(text[pivot])
        var position = pivot  // where the pivot byte may be found next
        let last = bytes.count - (text.count - pivot)  // the last position the pivot byte may have
        while position <= last {
            guard let hit = memchr(base + position, pivotByte, last - position + 1) else { return }
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            let start = at - pivot
            if text.indices.allSatisfy({ bytes[start + $0] == text[$0] }) { body(start) }
            position = at + 1
        }
    }

    /// A byte's rank in frequency in English news text (lower: rarer).
    private static func rarity(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20: return 100
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(letterFrequency[Int(byte - UInt8(ascii: "a"))])
        default: return 0
        }
    }

    /// Lower-case letters a–z by frequency in English, in tenths of a percent.
    private static let letterFrequency: [UInt8] = [82, 15, 28, 43, 99, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1]
}
