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
                windows.append(lineStart(line)..<lastStart(of: texts, on: line, after: 0))
            }
        }
        return windows
    }
}
