/// Something a rule pattern can name in braces that stands for spans rather than for text: a gazetteer
/// class (`{place/country}`, or `{place}` for every place subtype) or a label produced by the gazetteer
/// lists or an earlier phase (`{PERSON}`). It matches exactly the text of such a span.
struct SpanClass: Sendable {
    enum Source: Hashable, Sendable {
        case gazetteer(classIndices: [Int])
        case label(String)
    }
    let name: String
    let source: Source
    /// A cheap regex guard placed before the callout, so the callout only runs where a span can start.
    let prefilter: String

    /// Builds the class for gazetteer classes, with a prefilter derived from the entries: a word start,
    /// and an upper-case letter when every entry's policy demands one there.
    static func gazetteer(name: String, classIndices: [Int], in gazetteer: Gazetteer) -> SpanClass {
        let starts = classIndices.map { gazetteer.classStarts[$0] }
        let allStartWithWordCharacter = starts.allSatisfy(\.withWordCharacter)
        let allRequireUpperFirst = starts.allSatisfy(\.withUpperCase)
        var prefilter = allStartWithWordCharacter ? wordStart : ""
        if allRequireUpperFirst { prefilter += #"(?=[\p{Lu}\p{Lt}])"# }
        return SpanClass(name: name, source: .gazetteer(classIndices: classIndices), prefilter: prefilter)
    }

    /// A class for spans with a label. Its guard is a word start: a labelled span never begins inside a
    /// word (after a letter, digit or combining mark), and the guard keeps callouts off most positions.
    static func label(_ label: String) -> SpanClass {
        SpanClass(name: label, source: .label(label), prefilter: wordStart)
    }

    static let wordStart = #"(?<![\p{L}\p{N}\p{M}])"#

    /// The class of quoted regions (`{QUOTED}`): a region starts at a quotation mark, so its guard is a
    /// look-ahead for one (`QuotedRegionScanner.openingMarks`) rather than a word start.
    static let quoted = SpanClass(name: QuoteAttributor.quotedLabel, source: .label(QuoteAttributor.quotedLabel),
                                  prefilter: "(?=[\(QuotedRegionScanner.openingMarks)])")

    /// The class of the capitalised words of headline-case lines (`{HEADLINE}`, see `HeadlineFinder`):
    /// a word start before a capital letter.
    static let headline = SpanClass(name: HeadlineFinder.label, source: .label(HeadlineFinder.label),
                                    prefilter: wordStart + #"(?=[\p{Lu}\p{Lt}])"#)

    /// How the callouts walk through a span from its start to its end.
    enum Stepping: Sendable {
        /// A run of letters, digits and marks at a time, else one other character (the two never overlap,
        /// so backtracking cannot split a run): few callouts, but only
        /// right where no span of the class ends inside such a run (`SpanClassIndex.endsInsideWord`).
        case wordRuns
        /// One character at a time: exact for any span.
        case characters
    }

    /// The regex text for slot `slot` of a pattern: the guard, an empty group that marks where the span
    /// starts, then callouts that accept exactly the span (S: a span of this class starts here; G: still
    /// inside the longest such span; E: a span that started at the mark ends here). Spans are never
    /// empty, so the first step is taken without asking E (which would fail) or G (which would pass):
    /// two callouts fewer per span walked.
    func expansion(slot: Int, stepping: Stepping = .characters) -> String {
        let step = switch stepping {
        case .wordRuns: #"(?:[\p{L}\p{N}\p{M}]++|[^\p{L}\p{N}\p{M}])"#
        case .characters: "(?s:.)"
        }
        return #"(?:\#(prefilter)(?<\#(Self.markPrefix)\#(slot)>)(?C"S\#(slot)")\#(step)(?:(?C"G\#(slot)")\#(step))*?(?C"E\#(slot)"))"#
    }

    /// Group names that mark span starts begin with this; they are not the rule author's groups.
    static let markPrefix = "_bs"
}

/// Per document: for each span class, the spans of that class as sorted `start << 32 | end` keys
/// (UTF-8 byte offsets), so a callout finds the spans starting at a position by binary search.
/// Built per class, then flattened into one array that callouts read through a buffer pointer.
struct SpanClassIndex {
    private var perClass: [[UInt64]]
    /// All keys, class by class; `ranges[c]` is class c's part.
    private(set) var flat: [UInt64] = []
    private(set) var ranges: [Range<Int>] = []
    /// Per class: some span ends inside a run of letters, digits and marks (its last character and the
    /// next are both such), so rules that name the class must walk its spans character by character.
    private(set) var endsInsideWord: [Bool]

    init(classCount: Int) {
        perClass = Array(repeating: [], count: classCount)
        endsInsideWord = Array(repeating: false, count: classCount)
    }

    mutating func removeAll(_ classes: some Sequence<Int>) {
        for c in classes { perClass[c].removeAll(keepingCapacity: true) }
    }

    /// Adds a span; an empty one is left out (class expansions take at least one step into a span).
    mutating func add(_ range: Range<Int>, to spanClass: Int) {
        guard !range.isEmpty else { return }
        perClass[spanClass].append(UInt64(range.lowerBound) << 32 | UInt64(range.upperBound))
    }

    /// Per class, a bit per byte of the text: a span of the class starts there (class c's words start at
    /// `c * startWords`). Empty when the text is so long that the bits would take more than
    /// `startBitsBudget` words; callouts then search the keys alone.
    private(set) var startBits: [UInt64] = []
    private(set) var startWords = 0
    static let startBitsBudget = 1 << 20
    /// The text the start bits were last built for (its address and length; nil: none).
    private var sealedText: (UnsafePointer<UInt8>?, Int)?

    /// Sorts the given classes, notes which of them have a span ending inside a word, and rebuilds the
    /// flat array and the start bits (only the given classes' bits when the text is the one the index
    /// was last sealed for: the other classes' spans have not changed).
    mutating func seal(sorting classes: some Sequence<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        for c in classes {
            perClass[c].sort()
            endsInsideWord[c] = perClass[c].contains { key in
                let end = Int(key & 0xFFFF_FFFF)
                return end > 0 && end < bytes.count && Self.isWordCharacter(before: end, in: bytes)
                    && Self.isWordCharacter(at: end, in: bytes)
            }
        }
        flat.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for keys in perClass {
            ranges.append(flat.count..<flat.count + keys.count)
            flat += keys
        }
        let words = bytes.count / 64 + 1
        if words * perClass.count > Self.startBitsBudget {
            startWords = 0
            startBits = []
            sealedText = nil
            return
        }
        let changed: [Int]
        if let sealed = sealedText, sealed.0 == bytes.baseAddress, sealed.1 == bytes.count, startWords == words && startBits.count == words * perClass.count {
            changed = Array(classes)
            for c in changed {
                for word in (c * words)..<((c + 1) * words) { startBits[word] = 0 }
            }
        } else {
            startWords = words
            sealedText = (bytes.baseAddress, bytes.count)
            startBits.removeAll(keepingCapacity: true)
            startBits.append(contentsOf: repeatElement(0, count: words * perClass.count))
            changed = Array(perClass.indices)
        }
        startBits.withUnsafeMutableBufferPointer { bits in
            for c in changed {
                let base = c * words
                for key in perClass[c] {
                    let start = Int(key >> 32)
                    bits[base + start >> 6] |= 1 << UInt64(start & 63)
                }
            }
        }
    }

    /// Whether the character at `i` is one a word run (`[\p{L}\p{N}\p{M}]`) takes.
    static func isWordCharacter(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let byte = bytes[i]
        if byte < 0x80 {
            return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
        }
        var end = i + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self).unicodeScalars.first else {
            return true
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Whether the character that ends at `i` is one a word run takes.
    static func isWordCharacter(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = i - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordCharacter(at: start, in: bytes)
    }

    /// The keys in `keys` (one class's part of `flat`) that start at `start`.
    @inline(__always)
    static func spans(in keys: UnsafeBufferPointer<UInt64>, startingAt start: Int) -> Slice<UnsafeBufferPointer<UInt64>> {
        let low = UInt64(start) << 32
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < low { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < keys.count && keys[end] >> 32 == UInt64(start) { end += 1 }
        return keys[lo..<end]
    }
}
