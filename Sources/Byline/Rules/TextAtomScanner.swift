#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds which of many texts (the rules' `Prerequisites` atoms) occur on which line of a document, in
/// one pass over its bytes: an Aho–Corasick automaton compiled to a table of transitions, over classes
/// of bytes (every byte no text holds shares one class, so the table stays small).
struct TextAtomScanner: Sendable {
    /// How many texts there are; text `i` is bit `i` of a line's set.
    let atomCount: Int
    /// 64-bit words per line in a scan's result.
    var words: Int { max(1, (atomCount + 63) / 64) }
    private let byteClass: [UInt8]
    private let classCount: Int
    /// Row of a state × byte class → the next state's row (its number × `classCount`), with
    /// `hasOutput` set when texts end there.
    private let transitions: [UInt32]
    private static let hasOutput: UInt32 = 1 << 31
    /// The texts that end at each state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// Each text's length in bytes.
    private let lengths: [Int]

    init(atoms: [[UInt8]]) {
        atomCount = atoms.count
        lengths = atoms.map(\.count)
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for atom in atoms {
            for byte in atom where byteClass[Int(byte)] == 0 {
                byteClass[Int(byte)] = UInt8(classes)
                classes += 1
            }
        }
        precondition(classes <= 256)
        self.byteClass = byteClass
        classCount = classes
        // The trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classes)]
        var own: [[Int32]] = [[]]
        for (index, atom) in atoms.enumerated() {
            var state = 0
            for byte in atom {
                let c = Int(byteClass[Int(byte)])
                if children[state][c] < 0 {
                    children[state][c] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classes))
                    own.append([])
                }
                state = Int(children[state][c])
            }
            own[state].append(Int32(index))
        }
        // Failure links breadth first, filling in the missing transitions and the inherited outputs.
        let stateCount = children.count
        var transitions = [Int32](repeating: 0, count: stateCount * classes)
        var fail = [Int32](repeating: 0, count: stateCount)
        var all = own
        var queue: [Int] = []
        for c in 0..<classes {
            let child = children[0][c]
            if child >= 0 {
                transitions[c] = child
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            all[state] += all[Int(fail[state])].filter { !all[state].contains($0) }
            for c in 0..<classes {
                let child = children[state][c]
                let fallback = transitions[Int(fail[state]) * classes + c]
                if child >= 0 {
                    fail[Int(child)] = fallback
                    transitions[state * classes + c] = child
                    queue.append(Int(child))
                } else {
                    transitions[state * classes + c] = fallback
                }
            }
        }
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for state in 0..<stateCount {
            outputs += all[state].sorted()
            outputStart.append(Int32(outputs.count))
        }
        precondition(stateCount * classes < Int(Self.hasOutput))
        self.transitions = transitions.map { next in
            UInt32(Int(next) * classes) | (all[Int(next)].isEmpty ? 0 : Self.hasOutput)
        }
        self.outputStart = outputStart
        self.outputs = outputs
    }

    /// One place a text was found: where it starts (`start`, a UTF-8 offset) and which it is.
    struct Hit {
        var start: Int32
        var atom: Int32
    }

    /// Scans `bytes` into `scan` (its arrays reused): the lines (each up to and with its line feed) and,
    /// per line, the set of texts that end on it (a text without a line feed lies on its line) and every
    /// occurrence, in the order they end.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, into scan: inout TextScan) {
        scan.words = words
        self.scan(bytes, lineEnds: &scan.lineEnds, bits: &scan.lineTexts, hits: &scan.hits, lineHits: &scan.lineHits)
        scan.documentTexts.removeAll(keepingCapacity: true)
        scan.documentTexts.append(contentsOf: repeatElement(0, count: words))
        for (i, word) in scan.lineTexts.enumerated() { scan.documentTexts[i % words] |= word }
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, lineEnds: inout [Int], bits: inout [UInt64],
                      hits: inout [Hit], lineHits: inout [Int]) {
        hits.removeAll(keepingCapacity: true)
        lineHits.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        if let base = bytes.baseAddress {
            var position = 0
            while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
                let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                lineEnds.append(end)
                position = end + 1
            }
        }
        lineEnds.append(bytes.count)
        let words = self.words, classCount = self.classCount
        bits.removeAll(keepingCapacity: true)
        bits.append(contentsOf: repeatElement(0, count: lineEnds.count * words))
        transitions.withUnsafeBufferPointer { transitions in
            outputStart.withUnsafeBufferPointer { outputStart in
                outputs.withUnsafeBufferPointer { outputs in
                    byteClass.withUnsafeBufferPointer { byteClass in
                        bits.withUnsafeMutableBufferPointer { bits in
                            var row = 0
                            var position = 0
                            for (line, end) in lineEnds.enumerated() {
                                lineHits.append(hits.count)
                                let lineBits = bits.baseAddress! + line * words
                                // The line feed ends the line; its texts (if any hold one) count on it.
                                let last = min(end + 1, bytes.count)
                                while position < last {
                                    let next = transitions[row &+ Int(byteClass[Int(bytes[position])])]
                                    row = Int(next & ~Self.hasOutput)
                                    if next & Self.hasOutput != 0 {
                                        let state = row / classCount
                                        for k in Int(outputStart[state])..<Int(outputStart[state &+ 1]) {
                                            let atom = Int(outputs[k])
                                            lineBits[atom >> 6] |= 1 << UInt64(atom & 63)
                                            hits.append(Hit(start: Int32(truncatingIfNeeded: position + 1 - lengths[atom]), atom: Int32(atom)))
                                        }
                                    }
                                    position &+= 1
                                }
                            }
                            lineHits.append(hits.count)
                        }
                    }
                }
            }
        }
    }
}

/// What `TextAtomScanner.scan` found in one document.
struct TextScan {
    /// Where each line ends (its line feed, or the end of the text for the last).
    fileprivate(set) var lineEnds: [Int] = []
    /// Per line, `words` words: bit `i` set when text `i` ends on the line.
    fileprivate(set) var lineTexts: [UInt64] = []
    /// Every occurrence, in the order they end; line `l`'s are `hits[lineHits[l]..<lineHits[l + 1]]`.
    fileprivate(set) var hits: [TextAtomScanner.Hit] = []
    fileprivate(set) var lineHits: [Int] = []
    /// Words per line in `lineTexts`.
    fileprivate(set) var words = 1
    /// The texts on any line (`words` words).
    fileprivate(set) var documentTexts: [UInt64] = []

    var lineCount: Int { lineEnds.count }

    /// Where line `line` starts.
    func lineStart(_ line: Int) -> Int { line == 0 ? 0 : lineEnds[line - 1] + 1 }

    /// The occurrences on line `line`.
    func hits(on line: Int) -> ArraySlice<TextAtomScanner.Hit> { hits[lineHits[line]..<lineHits[line + 1]] }

    /// Where the last occurrence on `line` of one of `texts` (a set, `words` words) starts, or `floor` when
    /// none starts after it.
    @inline(__always) func lastStart(of texts: [UInt64], on line: Int, after floor: Int) -> Int {
        var last = floor
        for hit in hits(on: line) where Int(hit.start) > last {
            let text = Int(hit.atom)
            if texts[text >> 6] & (1 << UInt64(text & 63)) != 0 { last = Int(hit.start) }
        }
        return last
    }
}
