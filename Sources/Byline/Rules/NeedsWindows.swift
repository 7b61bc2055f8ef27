/// Where a rule with `needs: TEXT | TEXT` runs (`RuleSource.needs`): the lines holding one of the texts.
extension TextScan {
    /// Start windows for a `needs:` line (`texts`, a set of the scanner's texts, `words` words), merged
    /// and in order: on each line holding one of the texts, from the line's start to where the last of
    /// them on it starts (a match starting at the text included). A text holds no line feed, so it starts
    /// on the line where it ends.
    func windows(needing texts: [UInt64]) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        lineTexts.withUnsafeBufferPointer { lineTexts in
            for line in 0..<lineCount {
                var onLine = false
                for word in 0..<words where lineTexts[line * words + word] & texts[word] != 0 { onLine = true }
                guard onLine else { continue }
                var last = 0
                for hit in hits(on: line) {
                    let text = Int(hit.atom)
                    if texts[text >> 6] & (1 << UInt64(text & 63)) != 0 { last = max(last, Int(hit.start)) }
                }
                windows.append(lineStart(line)..<last)
            }
        }
        return windows
    }
}
