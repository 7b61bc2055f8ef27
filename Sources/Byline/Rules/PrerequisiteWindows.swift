/// Where a rule may match, by what its pattern needs (`Prerequisites`): the lines that hold, for each
/// clause, one of its texts or a span of one of its classes, each up to the last place where a clause's
/// atom that a match reaches forwards starts.
extension Annotator {
    /// What is known of a span class's lines for the current span class index.
    struct ClassLines: OptionSet {
        let rawValue: UInt8
        /// `classLineBits` holds the class's lines.
        static let known = ClassLines(rawValue: 1)
        /// Some span of the class holds a line feed (runs across a line).
        static let crossesLines = ClassLines(rawValue: 2)
        /// The class has a span.
        static let present = ClassLines(rawValue: 4)
    }

    /// Start windows (merged, in order, upper bounds inclusive) for rule number `rule` (in
    /// `pipeline.rules`): its lines whose prerequisites hold, each up to where the last atom of each
    /// `ahead` clause on the line starts (a match starts at or before it). Nil when anything goes: the rule has no
    /// prerequisites, they are turned off, or they are checked over the whole document (a span the
    /// pattern walks crosses a line, or the pattern reads past a line feed) and hold.
    func prerequisiteWindows(_ rule: Int, _ flat: UnsafeBufferPointer<UInt64>, _ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        guard prerequisitesEnabled, let check = pipeline.prerequisiteChecks[rule] else { return nil }
        var perLine = check.staysOnLine
        for spanClass in check.walkedClasses where learnLines(of: spanClass, flat).contains(.crossesLines) { perLine = false }
        for clause in check.clauses {
            for spanClass in clause.spanClasses { _ = learnLines(of: spanClass, flat) }
        }
        let words = pipeline.prerequisiteScanner.words
        let lineCount = textScan.lineCount
        return textScan.lineTexts.withUnsafeBufferPointer { atoms in
            classLineBits.withUnsafeBufferPointer { classBits in
                /// Whether `clause` holds on `line`, or anywhere in the document when `line` is nil.
                func holds(_ clause: PrerequisiteCheck.Clause, on line: Int?) -> Bool {
                    for spanClass in clause.spanClasses {
                        if let line {
                            if classBits[spanClass * classLineWords + line >> 6] & (1 << UInt64(line & 63)) != 0 { return true }
                        } else if classLineFacts[spanClass].contains(.present) {
                            return true
                        }
                    }
                    for bit in clause.textBits {
                        if let line {
                            if atoms[line * words + bit.word] & bit.mask != 0 { return true }
                        } else {
                            var at = bit.word
                            while at < atoms.count {
                                if atoms[at] & bit.mask != 0 { return true }
                                at += words
                            }
                        }
                    }
                    return false
                }
                // Over the whole document first: each clause must hold on some line.
                for clause in check.clauses where !holds(clause, on: nil) { return [] }
                guard perLine else { return nil }
                var windows: [Range<Int>] = []
                lines: for line in 0..<lineCount {
                    for clause in check.clauses where !holds(clause, on: line) { continue lines }
                    let start = textScan.lineStart(line)
                    var end = textScan.lineEnds[line]
                    for clause in check.clauses where clause.ahead {
                        // The last place on the line where one of the clause's atoms starts.
                        var last = -1
                        for spanClass in clause.spanClasses { last = max(last, Int(classLastStarts[spanClass * lineCount + line])) }
                        for hit in textScan.hits(on: line) where Int(hit.start) > last {
                            let atom = Int(hit.atom)
                            if clause.textSet[atom >> 6] & (1 << UInt64(atom & 63)) != 0 { last = Int(hit.start) }
                        }
                        end = min(end, max(last, start))
                    }
                    if let last = windows.last, last.upperBound + 1 >= start {
                        windows[windows.count - 1] = last.lowerBound..<end
                    } else {
                        windows.append(start..<end)
                    }
                }
                return windows
            }
        }
    }

    /// Sets every class's lines unknown (the span class index changed, or the document did).
    func forgetClassLines() {
        classLineFacts = [ClassLines](repeating: [], count: pipeline.spanClasses.count)
    }

    /// Finds the lines where spans of `spanClass` start, once per state of the index.
    private func learnLines(of spanClass: Int, _ flat: UnsafeBufferPointer<UInt64>) -> ClassLines {
        let facts = classLineFacts[spanClass]
        if facts.contains(.known) { return facts }
        var learned: ClassLines = .known
        let needed = pipeline.spanClasses.count * classLineWords
        if classLineBits.count < needed { classLineBits = [UInt64](repeating: 0, count: needed) }
        let lineCount = textScan.lineCount
        if classLastStarts.count < pipeline.spanClasses.count * lineCount {
            classLastStarts = [Int32](repeating: -1, count: pipeline.spanClasses.count * lineCount)
        }
        let keys = flat[index.ranges[spanClass]]
        let base = spanClass * classLineWords, words = classLineWords
        let lastBase = spanClass * lineCount
        textScan.lineEnds.withUnsafeBufferPointer { lineEnds in
          classLastStarts.withUnsafeMutableBufferPointer { lastStarts in
            classLineBits.withUnsafeMutableBufferPointer { bits in
                for word in base..<(base + words) { bits[word] = 0 }
                for line in lastBase..<(lastBase + lineCount) { lastStarts[line] = -1 }
                var line = 0
                let lastLine = lineEnds.count - 1
                for key in keys {
                    let start = Int(key >> 32), end = Int(key & 0xFFFF_FFFF)
                    while line < lastLine && lineEnds[line] < start { line += 1 }
                    bits[base + line >> 6] |= 1 << UInt64(line & 63)
                    lastStarts[lastBase + line] = Int32(truncatingIfNeeded: start)
                    if line < lastLine && end > lineEnds[line] { learned.insert(.crossesLines) }
                }
            }
          }
        }
        if !keys.isEmpty { learned.insert(.present) }
        classLineFacts[spanClass] = learned
        return learned
    }
}
