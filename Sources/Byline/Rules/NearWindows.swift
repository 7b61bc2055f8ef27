/// Where a rule with `near: CLASS` runs (`RuleSource.near`): the lines around the spans of its class.
extension Annotator {
    /// Start windows for a `near:` rule, merged and in order: for each span (sorted `start << 32 | end`
    /// keys), from the start of the last non-blank line before the span's line (or of its own line) to
    /// the end of the line the span ends on.
    /// Linear in the text: spans on one line share that line's work (a huge one-line document with many
    /// spans is scanned once, not once per span).
    static func windows(around keys: UnsafeBufferPointer<UInt64>, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        func isBlank(_ line: Range<Int>) -> Bool {
            !bytes[line].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
        }
        var cursor = 0, cursorLine = 0    // the last span start seen, and the start of its line
        var lineOfLow = -1, low = 0       // the line start `low` was computed for, and its window start
        var high = -1
        for key in keys {
            let start = Int(key >> 32), end = Int(key & 0xFFFF_FFFF)
            // The start of the span's line: scan back to the previous span start at most.
            var line = start
            while line > cursor && bytes[line - 1] != 0x0A { line -= 1 }
            if line == cursor && cursor > 0 && bytes[cursor - 1] != 0x0A { line = cursorLine }
            cursor = start
            cursorLine = line
            if line != lineOfLow {
                // Back over blank lines to the non-blank line before (each line is scanned once).
                lineOfLow = line
                low = line
                while low > 0 {
                    var previous = low - 1
                    while previous > 0 && bytes[previous - 1] != 0x0A { previous -= 1 }
                    let blank = isBlank(previous..<(low - 1))
                    low = previous
                    if !blank { break }
                }
            }
            if end > high {
                high = end
                while high < bytes.count && bytes[high] != 0x0A { high += 1 }
            }
            if let last = windows.last, low <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, high)
            } else {
                windows.append(low..<high)
            }
        }
        return windows
    }
}
