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
/// Complexity: O(n log n + Σ k²), k the size of each cluster of overlapping candidates.
public struct OverlapResolver: Sendable {
    public let nesting: Set<NestRule>

    public init(nesting: Set<NestRule> = []) { self.nesting = nesting }

    /// `order(span)` gives the tie-breaking position of the span's rule or list.
    ///
    /// Candidates are first split into clusters of transitively overlapping spans (a sweep by start);
    /// spans in different clusters cannot conflict, so each cluster is resolved on its own and the
    /// result is the same as resolving all at once, in O(n log n + Σ k²) for clusters of size k.
    public func resolve(_ candidates: [Span], order: (Span) -> Int) -> [Span] {
        let sorted = candidates.enumerated().filter { !$0.element.utf8Range.isEmpty }
            .sorted { ($0.element.utf8Range.lowerBound, $0.offset) < ($1.element.utf8Range.lowerBound, $1.offset) }
        var result: [Span] = []
        result.reserveCapacity(sorted.count)
        var clusterStart = 0
        var clusterEnd = Int.min
        for (i, item) in sorted.enumerated() {
            if item.element.utf8Range.lowerBound >= clusterEnd && i > clusterStart {
                result += resolveCluster(sorted[clusterStart..<i], order: order)
                clusterStart = i
            }
            clusterEnd = i == clusterStart ? item.element.utf8Range.upperBound : max(clusterEnd, item.element.utf8Range.upperBound)
        }
        if clusterStart < sorted.count { result += resolveCluster(sorted[clusterStart...], order: order) }
        return result
    }

    /// Greedy resolution of one cluster; returns the kept spans sorted by start, longer first.
    private func resolveCluster(_ cluster: ArraySlice<(offset: Int, element: Span)>, order: (Span) -> Int) -> [Span] {
        if cluster.count == 1 { return [cluster.first!.element] }
        let ranked = cluster.sorted { a, b in
            let x = a.element, y = b.element
            if x.priority != y.priority { return x.priority > y.priority }
            if x.length != y.length { return x.length > y.length }
            if x.utf8Range.lowerBound != y.utf8Range.lowerBound { return x.utf8Range.lowerBound < y.utf8Range.lowerBound }
            let ox = order(x), oy = order(y)
            if ox != oy { return ox < oy }
            return a.offset < b.offset
        }
        var accepted: [Span] = []
        for (_, candidate) in ranked where !accepted.contains(where: { conflicts(candidate, $0) }) {
            accepted.append(candidate)
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
}
