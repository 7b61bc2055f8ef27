/// Ranges sorted by start, with the largest end so far at each index: an overlap test that stops as
/// soon as no earlier range can reach the tested one.
struct SortedRanges {
    let ranges: [Range<Int>]
    let maxEnd: [Int]
    init(_ unsorted: some Sequence<Range<Int>>) {
        ranges = unsorted.sorted { $0.lowerBound < $1.lowerBound }
        var running = Int.min
        maxEnd = ranges.map { running = max(running, $0.upperBound); return running }
    }
    func overlaps(_ range: Range<Int>) -> Bool {
        // No range that overlaps `range` lies within an empty one.
        !allOverlapping(range, lieWithin: range.lowerBound..<range.lowerBound)
    }

    /// Whether every range that overlaps `range` lies within `bounds` (true when none overlaps it).
    func allOverlapping(_ range: Range<Int>, lieWithin bounds: Range<Int>) -> Bool {
        // Ranges from the first that starts at or after range.upperBound on cannot overlap it.
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].lowerBound < range.upperBound { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        while i >= 0 && maxEnd[i] > range.lowerBound {
            if ranges[i].overlaps(range) && !(bounds.lowerBound <= ranges[i].lowerBound && ranges[i].upperBound <= bounds.upperBound) {
                return false
            }
            i -= 1
        }
        return true
    }
}
