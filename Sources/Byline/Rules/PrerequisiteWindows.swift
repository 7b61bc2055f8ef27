/// Where a rule may match, by what its pattern needs (`Prerequisites`): the lines that hold, for each
/// clause, one of its texts or a span of one of its classes, each up to the last place where a clause's
/// atom that a match reaches forwards starts.
///
/// One value per annotator, for the current document: its lines and the texts on each (`TextScan`), and,
/// per span class, the lines where its spans start, learnt when a rule first asks and forgotten whenever
/// the span class index changes. A struct, so that a rule's check costs one access to the annotator's
/// state rather than one per array it reads.
struct DocumentLines {
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

    /// The document's line ends and, per line, the prerequisite and `needs:` texts on it.
    private(set) var textScan = TextScan()
    /// Per span class: the lines where its spans start (`classLineWords` words a class).
    private var classLineBits: [UInt64] = []
    /// Per span class and line (`textScan.lineCount` a class): where its last span on the line starts, or -1.
    private var classLastStarts: [Int32] = []
    private var classLineWords = 0
    private var classLineFacts: [ClassLines] = []

    /// Scans a new document's texts; every class's lines are unknown.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, with scanner: TextAtomScanner, classCount: Int) {
        scanner.scan(bytes, into: &textScan)
        classLineWords = (textScan.lineCount + 63) / 64
        forgetClasses(classCount)
    }

    /// Sets every class's lines unknown (the span class index changed).
    mutating func forgetClasses(_ classCount: Int) {
        classLineFacts.removeAll(keepingCapacity: true)
        classLineFacts.append(contentsOf: repeatElement([], count: classCount))
    }

    /// Start windows (merged, in order, upper bounds inclusive) for a rule with prerequisites `check`: its
    /// lines whose prerequisites hold, each up to where the last atom of each `ahead` clause on the line
    /// starts (a match starts at or before it). Nil when anything goes: they are checked over the whole
    /// document (a span the pattern walks crosses a line, or the pattern reads past a line feed) and hold.
    /// `index` is the span class index the rule runs with, `flat` its keys.
    mutating func windows(_ check: PrerequisiteCheck, index: SpanClassIndex, flat: UnsafeBufferPointer<UInt64>) -> [Range<Int>]? {
        var perLine = check.staysOnLine
        for spanClass in check.walkedClasses where learnLines(of: spanClass, index, flat).contains(.crossesLines) { perLine = false }
        for clause in check.clauses {
            for spanClass in clause.spanClasses { _ = learnLines(of: spanClass, index, flat) }
        }
        let words = textScan.words, lineCount = textScan.lineCount, classWords = classLineWords
        let textScan = textScan, facts = classLineFacts, lastStarts = classLastStarts
        return textScan.lineTexts.withUnsafeBufferPointer { atoms in
            classLineBits.withUnsafeBufferPointer { classBits in
                /// Whether `clause` holds on `line`, or anywhere in the document when `line` is nil.
                func holds(_ clause: PrerequisiteCheck.Clause, on line: Int?) -> Bool {
                    for spanClass in clause.spanClasses {
                        if let line {
                            if classBits[spanClass * classWords + line >> 6] & (1 << UInt64(line & 63)) != 0 { return true }
                        } else if facts[spanClass].contains(.present) {
                            return true
                        }
                    }
                    for bit in clause.textBits {
                        if let line {
                            if atoms[line * words + bit.word] & bit.mask != 0 { return true }
                        } else if textScan.documentTexts[bit.word] & bit.mask != 0 {
                            return true
                        }
                    }
                    return false
                }
                // Over the whole document first: each clause must hold on some line.
                for clause in check.clauses where !holds(clause, on: nil) { return [] }
                guard perLine else { return nil }
                var windows: [Range<Int>] = []
                windows.reserveCapacity(lineCount)
                lines: for line in 0..<lineCount {
                    for clause in check.clauses where !holds(clause, on: line) { continue lines }
                    let start = textScan.lineStart(line)
                    var end = textScan.lineEnds[line]
                    for clause in check.clauses where clause.ahead {
                        // The last place on the line where one of the clause's atoms starts.
                        var last = -1
                        for spanClass in clause.spanClasses { last = max(last, Int(lastStarts[spanClass * lineCount + line])) }
                        last = textScan.lastStart(of: clause.textSet, on: line, after: last)
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

    /// Finds the lines where spans of `spanClass` start, once per state of the index.
    private mutating func learnLines(of spanClass: Int, _ index: SpanClassIndex, _ flat: UnsafeBufferPointer<UInt64>) -> ClassLines {
        let facts = classLineFacts[spanClass]
        if facts.contains(.known) { return facts }
        var learned: ClassLines = .known
        let classCount = classLineFacts.count, lineCount = textScan.lineCount
        if classLineBits.count < classCount * classLineWords {
            classLineBits = [UInt64](repeating: 0, count: classCount * classLineWords)
        }
        if classLastStarts.count < classCount * lineCount {
            classLastStarts = [Int32](repeating: -1, count: classCount * lineCount)
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

extension Annotator {
    /// `DocumentLines.windows` for rule number `rule` (in `pipeline.rules`); nil also when the rule has
    /// no prerequisites or they are turned off.
    func prerequisiteWindows(_ rule: Int, _ flat: UnsafeBufferPointer<UInt64>) -> [Range<Int>]? {
        guard prerequisitesEnabled, let check = pipeline.prerequisiteChecks[rule] else { return nil }
        return lines.windows(check, index: index, flat: flat)
    }
}
