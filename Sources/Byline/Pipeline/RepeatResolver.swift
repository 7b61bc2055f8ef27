import BylineText

/// In-document repetition (`repeat: PLACE` in pipeline.conf): a name that a rule found by its context
/// ("the villages of Makatubani and …", "the Jalal-Abad region") is the same kind of thing where the
/// document repeats it without that context ("made qvevri in Makatubani", "reporters in Jalal-Abad").
///
/// Only spans of rules repeat (a list's names are found everywhere already, and where a list's span was
/// turned down the context decided). An occurrence is taken when it is the same bytes, starts and ends
/// where tokens do, starts with a capital, is no part of a longer capitalised run on its line, and
/// overlaps no span of any label. The new spans have rule id `repeat:LABEL` and a low priority.
struct RepeatResolver {
    let label: String
    var ruleID: String { "repeat:\(label)" }
    /// Below every rule that finds the label: a repeat only fills a gap.
    static let priority = 3

    /// The new spans (not yet resolved against `accepted`).
    func repeats(of accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var names: [[UInt8]: [String: String]] = [:]
        for span in accepted where span.label == label && !span.rule.hasPrefix("gazetteer:") && span.rule != ruleID {
            names[Array(bytes[span.utf8Range])] = span.attributes.filter { $0.key != "class" }
        }
        guard !names.isEmpty else { return [] }
        let taken = SortedRanges(accepted.map(\.utf8Range))
        // Longest first, then byte order: a deterministic choice when names share a start.
        let ordered = names.keys.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        var found: [Span] = []
        var t = 0
        while t < tokens.count {
            let token = tokens[t]
            guard token.has(.capitalized) else { t += 1; continue }
            let start = Int(token.start)
            var next = t + 1
            for name in ordered where start + name.count <= bytes.count
                && bytes[start..<start + name.count].elementsEqual(name) {
                let end = start + name.count
                guard let last = tokens[t...].firstIndex(where: { Int($0.end) >= end }), Int(tokens[last].end) == end,
                      NameResolver.standsAlone(first: t, last: last, tokens: tokens) else { continue }
                let range = start..<end
                if !taken.overlaps(range) {
                    found.append(Span(label: label, utf8Range: range, rule: ruleID, priority: Self.priority,
                                      attributes: names[name] ?? [:]))
                }
                next = last + 1
                break
            }
            t = next
        }
        return found
    }

    /// Ranges sorted by start, with the largest end so far at each index: an overlap test that stops as
    /// soon as no earlier range can reach the tested one.
    struct SortedRanges {
        let ranges: [Range<Int>]
        let maxEnd: [Int]
        init(_ unsorted: [Range<Int>]) {
            ranges = unsorted.sorted { $0.lowerBound < $1.lowerBound }
            var running = Int.min
            maxEnd = ranges.map { running = max(running, $0.upperBound); return running }
        }
        func overlaps(_ range: Range<Int>) -> Bool {
            // Ranges from the first that starts at or after range.upperBound on cannot overlap it.
            var lo = 0, hi = ranges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ranges[mid].lowerBound < range.upperBound { lo = mid + 1 } else { hi = mid }
            }
            var i = lo - 1
            while i >= 0 && maxEnd[i] > range.lowerBound {
                if ranges[i].overlaps(range) { return true }
                i -= 1
            }
            return false
        }
    }
}
