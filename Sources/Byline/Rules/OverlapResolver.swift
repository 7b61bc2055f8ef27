/// Lets one inner label sit inside an outer one: `nest: PLACE in TITLE` keeps "UK" inside "UK Foreign Secretary".
public struct NestRule: Hashable, Sendable {
    public var inner: String
    public var outer: String
    public init(inner: String, outer: String) {
        self.inner = inner
        self.outer = outer
    }
}

/// Resolves overlapping candidate spans deterministically: higher priority first, then longer, then
/// leftmost, then the rule or list that comes first in the rule set. A candidate is dropped when it
/// overlaps an accepted span, unless it nests inside it (or around it) as a `NestRule` allows.
/// The same label on the same range twice keeps the first.
/// Complexity: O(n log n + n × k), k the number of accepted spans that can reach a candidate.
public struct OverlapResolver: Sendable {
    public let nesting: Set<NestRule>

    public init(nesting: Set<NestRule> = []) { self.nesting = nesting }

    /// `order(span)` gives the tie-breaking position of the span's rule or list.
    public func resolve(_ candidates: [Span], order: (Span) -> Int) -> [Span] {
        let ranked = candidates.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.priority != y.priority { return x.priority > y.priority }
            if x.length != y.length { return x.length > y.length }
            if x.utf8Range.lowerBound != y.utf8Range.lowerBound { return x.utf8Range.lowerBound < y.utf8Range.lowerBound }
            let ox = order(x), oy = order(y)
            if ox != oy { return ox < oy }
            return a.offset < b.offset
        }.map(\.element)
        // Accepted spans sorted by start; any span overlapping [s, e) starts after s - longest.
        var accepted: [Span] = []
        var longest = 0
        for candidate in ranked where !candidate.utf8Range.isEmpty {
            let range = candidate.utf8Range
            var i = insertionIndex(accepted, range.lowerBound - longest)
            var conflict = false
            while i < accepted.count, accepted[i].utf8Range.lowerBound < range.upperBound {
                if conflicts(candidate, accepted[i]) { conflict = true; break }
                i += 1
            }
            if conflict { continue }
            accepted.insert(candidate, at: insertionIndex(accepted, range.lowerBound))
            longest = max(longest, range.count)
        }
        return accepted.sorted { ($0.utf8Range.lowerBound, $1.utf8Range.upperBound) < ($1.utf8Range.lowerBound, $0.utf8Range.upperBound) }
    }

    private func conflicts(_ a: Span, _ b: Span) -> Bool {
        let x = a.utf8Range, y = b.utf8Range
        guard x.overlaps(y) else { return false }
        if x == y && a.label == b.label { return true }
        if y.contains(x.lowerBound) && x.upperBound <= y.upperBound && nesting.contains(NestRule(inner: a.label, outer: b.label)) { return false }
        if x.contains(y.lowerBound) && y.upperBound <= x.upperBound && nesting.contains(NestRule(inner: b.label, outer: a.label)) { return false }
        return true
    }

    /// First index whose span starts at or after `start`.
    private func insertionIndex(_ spans: [Span], _ start: Int) -> Int {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].utf8Range.lowerBound < start { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
