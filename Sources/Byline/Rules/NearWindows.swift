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

    /// Start windows for a `near: CLASS sentence` rule, merged and in order: for each span, from the
    /// start of the sentence it starts in to the span's start (a match starting at the span's start
    /// included). A span between sentences belongs to the sentence before it. Linear in spans plus
    /// sentences (both sorted).
    static func windows(before keys: UnsafeBufferPointer<UInt64>, in sentences: [Range<Int>]) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var sentence = 0
        for key in keys {
            let start = Int(key >> 32)
            while sentence + 1 < sentences.count && sentences[sentence + 1].lowerBound <= start { sentence += 1 }
            let low = sentences.isEmpty || sentences[sentence].lowerBound > start ? start : sentences[sentence].lowerBound
            if let last = windows.last, low <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, start)
            } else {
                windows.append(low..<start)
            }
        }
        return windows
    }

    /// Where two lists of start windows (merged, in order; a match may start at a window's upper bound)
    /// both allow a match to start.
    static func intersection(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let low = max(a[i].lowerBound, b[j].lowerBound), high = min(a[i].upperBound, b[j].upperBound)
            if low <= high { result.append(low..<high) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }

    /// The start windows without the positions inside spans (`start..<end` keys, sorted by start): a
    /// match may start at a span's end, never at its start or inside it.
    static func windows(_ windows: [Range<Int>], outside keys: UnsafeBufferPointer<UInt64>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var k = 0
        var covered = Int.min  // spans are merged on the fly: positions below `covered` are inside one
        for window in windows {
            var low = window.lowerBound
            let high = window.upperBound  // inclusive: a match may start here
            while low <= high {
                // Skip spans that end at or before `low`; a span covering `low` moves it past its end.
                while k < keys.count && Int(keys[k] & 0xFFFF_FFFF) <= low {
                    covered = max(covered, Int(keys[k] & 0xFFFF_FFFF)); k += 1
                }
                if covered > low { low = covered; continue }
                guard k < keys.count, Int(keys[k] >> 32) <= high else {
                    result.append(low..<high)
                    break
                }
                let start = Int(keys[k] >> 32)
                if start > low { result.append(low..<(start - 1)) }
                low = max(low, Int(keys[k] & 0xFFFF_FFFF))
                covered = max(covered, low)
                k += 1
            }
        }
        return result
    }

    /// Start windows for a `near: CLASS start` rule: each span's start alone, once (a match may start
    /// only there).
    static func windows(startingAt keys: UnsafeBufferPointer<UInt64>) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        for key in keys {
            let start = Int(key >> 32)
            if windows.last?.lowerBound != start { windows.append(start..<start) }
        }
        return windows
    }
}
