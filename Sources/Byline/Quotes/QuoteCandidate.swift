/// One match of a quote rule: the quoted region or reported clause it attributes, and the speaker and cue
/// mentions it found (UTF-8 byte ranges).
struct QuoteCandidate: Sendable {
    var quote: Range<Int>
    var speaker: Range<Int>?
    var cue: Range<Int>?
    var kind: QuoteRuleGroups.Kind
    var rule: String
    var priority: Int
    /// The rule's position in the rule set: the last tie-break.
    var order: Int

    /// Bytes between the speaker (or cue) mention and the quote: closer attributions win ties.
    var distance: Int {
        guard let anchor = speaker ?? cue else { return Int.max }
        if anchor.upperBound <= quote.lowerBound { return quote.lowerBound - anchor.upperBound }
        if anchor.lowerBound >= quote.upperBound { return anchor.lowerBound - quote.upperBound }
        return 0
    }

    /// Whether `self` should attribute a quote rather than `other`: higher priority, then the closer
    /// mention, then the earlier rule.
    func isBetter(than other: QuoteCandidate) -> Bool {
        if priority != other.priority { return priority > other.priority }
        if distance != other.distance { return distance < other.distance }
        return order < other.order
    }
}
