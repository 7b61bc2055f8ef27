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
        // Spans are large (strings, a dictionary): the work is done on their indices, and each kept span
        // is copied once, into the result.
        var sorted = candidates.indices.filter { !candidates[$0].utf8Range.isEmpty }
        sorted.sort { (candidates[$0].utf8Range.lowerBound, $0) < (candidates[$1].utf8Range.lowerBound, $1) }
        var kept: [Int] = []
        kept.reserveCapacity(sorted.count)
        var clusterStart = 0
        var clusterEnd = Int.min
        for (i, index) in sorted.enumerated() {
            let range = candidates[index].utf8Range
            if range.lowerBound >= clusterEnd && i > clusterStart {
                resolveCluster(sorted[clusterStart..<i], of: candidates, order: order, into: &kept)
                clusterStart = i
            }
            clusterEnd = i == clusterStart ? range.upperBound : max(clusterEnd, range.upperBound)
        }
        if clusterStart < sorted.count { resolveCluster(sorted[clusterStart...], of: candidates, order: order, into: &kept) }
        return kept.map { candidates[$0] }
    }

    /// Greedy resolution of one cluster (indices into `candidates`, in input order among equal starts);
    /// appends the kept ones sorted by start, longer first.
    private func resolveCluster(_ cluster: ArraySlice<Int>, of candidates: [Span], order: (Span) -> Int,
                                into kept: inout [Int]) {
        if cluster.count == 1 {
            kept.append(cluster.first!)
            return
        }
        // Compared in place: binding a span to a name would copy it (its strings and dictionary retained).
        candidates.withUnsafeBufferPointer { spans in
            let ranked = cluster.sorted { a, b in
                if spans[a].priority != spans[b].priority { return spans[a].priority > spans[b].priority }
                if spans[a].length != spans[b].length { return spans[a].length > spans[b].length }
                let x = spans[a].utf8Range.lowerBound, y = spans[b].utf8Range.lowerBound
                if x != y { return x < y }
                let ox = order(spans[a]), oy = order(spans[b])
                if ox != oy { return ox < oy }
                return a < b
            }
            var accepted: [Int] = []
            for candidate in ranked where !accepted.contains(where: { conflicts(spans[candidate], spans[$0]) }) {
                accepted.append(candidate)
            }
            accepted.sort {
                let x = spans[$0].utf8Range, y = spans[$1].utf8Range
                return (x.lowerBound, y.upperBound) < (y.lowerBound, x.upperBound)
            }
            kept += accepted
        }
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
