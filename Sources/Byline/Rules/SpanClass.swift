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
        let wanted = Set(classIndices)
        var allStartWithWordCharacter = true
        var allRequireUpperFirst = true
        for entry in gazetteer.entries where wanted.contains(entry.classIndex) {
            guard let first = entry.name.unicodeScalars.first else { continue }
            let isLetter = first.properties.isAlphabetic
            if !(isLetter || first.properties.numericType != nil) { allStartWithWordCharacter = false }
            let upperFirst: Bool
            switch entry.casePolicy {
            case .any: upperFirst = false
            case .cap: upperFirst = isLetter && entry.capitalizedMask & 1 != 0
            case .upper: upperFirst = isLetter
            case .exact: upperFirst = isLetter && first.properties.isUppercase
            }
            if !upperFirst { allRequireUpperFirst = false }
            if !allStartWithWordCharacter && !allRequireUpperFirst { break }
        }
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

    /// The regex text for slot `slot` of a pattern: the guard, an empty group that marks where the span
    /// starts, then callouts that accept exactly the span (S: a span of this class starts here; G: still
    /// inside the longest such span; E: a span that started at the mark ends here).
    func expansion(slot: Int) -> String {
        #"(?:\#(prefilter)(?<\#(Self.markPrefix)\#(slot)>)(?C"S\#(slot)")(?:(?C"G\#(slot)")(?s:.))*?(?C"E\#(slot)"))"#
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

    init(classCount: Int) { perClass = Array(repeating: [], count: classCount) }

    mutating func removeAll(_ classes: some Sequence<Int>) {
        for c in classes { perClass[c].removeAll(keepingCapacity: true) }
    }

    mutating func add(_ range: Range<Int>, to spanClass: Int) {
        perClass[spanClass].append(UInt64(range.lowerBound) << 32 | UInt64(range.upperBound))
    }

    /// Sorts the given classes and rebuilds the flat array.
    mutating func seal(sorting classes: some Sequence<Int>) {
        for c in classes { perClass[c].sort() }
        flat.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for keys in perClass {
            ranges.append(flat.count..<flat.count + keys.count)
            flat += keys
        }
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
