/// The four entity-matching schemes of SemEval-2013 task 9.1, as nervaluate implements them (its 1.x
/// strategies, whose numbers a test cross-checks): each prediction, in order, takes at most one gold span
/// not yet taken.
///
/// - `strict`: same boundaries and same label.
/// - `exact`: same boundaries, any label.
/// - `partial`: boundaries overlap (same boundaries count in full, others half), any label.
/// - `type`: boundaries overlap and same label (the closest boundaries win among same-label golds).
public enum EntityScheme: String, CaseIterable, Sendable {
    case strict, exact, partial, type

    /// Whether partial matches count half (`partial`, `type`) or not at all.
    var halfCreditForPartial: Bool { self == .partial || self == .type }
}

/// What became of one prediction under a scheme.
public enum PredictionOutcome: Equatable, Sendable {
    case correct(gold: Int)
    case incorrect(gold: Int)
    case partial(gold: Int)
    case spurious
}

/// The counts of one scheme over some documents, and the scores they give.
public struct SchemeCounts: Equatable, Sendable {
    public var correct = 0, incorrect = 0, partial = 0, missed = 0, spurious = 0
    public var halfCreditForPartial = false

    public init(halfCreditForPartial: Bool = false) { self.halfCreditForPartial = halfCreditForPartial }

    public var actual: Int { correct + incorrect + partial + spurious }
    public var possible: Int { correct + incorrect + partial + missed }
    /// True positives: correct matches, plus half the partial ones where the scheme gives half credit.
    public var truePositives: Double { Double(correct) + (halfCreditForPartial ? 0.5 * Double(partial) : 0) }
    public var falsePositives: Double { Double(actual) - truePositives }
    public var falseNegatives: Double { Double(possible) - truePositives }
    public var precision: Double { actual > 0 ? truePositives / Double(actual) : 0 }
    public var recall: Double { possible > 0 ? truePositives / Double(possible) : 0 }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    public static func += (a: inout SchemeCounts, b: SchemeCounts) {
        a.correct += b.correct; a.incorrect += b.incorrect; a.partial += b.partial
        a.missed += b.missed; a.spurious += b.spurious
    }
}

/// Scores predictions against gold spans under one scheme.
public enum EntityMatcher {
    /// Matches `predicted` against `gold` (both in the order given) and returns the counts, what became of
    /// each prediction, and which gold spans were taken.
    public static func match(gold: [EntitySpan], predicted: [EntitySpan], scheme: EntityScheme)
        -> (counts: SchemeCounts, outcomes: [PredictionOutcome], goldTaken: [Bool]) {
        var counts = SchemeCounts(halfCreditForPartial: scheme.halfCreditForPartial)
        var taken = [Bool](repeating: false, count: gold.count)
        var outcomes: [PredictionOutcome] = []
        outcomes.reserveCapacity(predicted.count)
        for pred in predicted {
            var outcome = PredictionOutcome.spurious
            switch scheme {
            case .strict, .exact:
                var fallback: Int? = nil
                for (g, true_) in gold.enumerated() where !taken[g] {
                    if pred.start == true_.start && pred.end == true_.end && (scheme == .exact || pred.label == true_.label) {
                        outcome = .correct(gold: g)
                        break
                    }
                    if fallback == nil && overlaps(pred, true_) { fallback = g }
                }
                if case .spurious = outcome, let g = fallback { outcome = .incorrect(gold: g) }
            case .partial:
                var fallback: Int? = nil
                for (g, true_) in gold.enumerated() where !taken[g] && overlaps(pred, true_) {
                    if pred.start == true_.start && pred.end == true_.end {
                        outcome = .correct(gold: g)
                        break
                    }
                    if fallback == nil { fallback = g }
                }
                if case .spurious = outcome, let g = fallback { outcome = .partial(gold: g) }
            case .type:
                var best: (gold: Int, distance: Int)? = nil
                var wrongLabel: Int? = nil
                for (g, true_) in gold.enumerated() where !taken[g] && overlaps(pred, true_) {
                    let distance = abs(pred.start - true_.start) + abs(pred.end - true_.end)
                    if pred.label == true_.label {
                        if best == nil || distance < best!.distance { best = (g, distance) }
                    } else if wrongLabel == nil {
                        wrongLabel = g
                    }
                }
                if let best { outcome = .correct(gold: best.gold) } else if let g = wrongLabel { outcome = .incorrect(gold: g) }
            }
            switch outcome {
            case .correct(let g): counts.correct += 1; taken[g] = true
            case .incorrect(let g): counts.incorrect += 1; taken[g] = true
            case .partial(let g): counts.partial += 1; taken[g] = true
            case .spurious: counts.spurious += 1
            }
            outcomes.append(outcome)
        }
        counts.missed = taken.filter { !$0 }.count
        return (counts, outcomes, taken)
    }

    /// nervaluate's overlap test: the shared code points are at least 1% of the gold span.
    static func overlaps(_ pred: EntitySpan, _ gold: EntitySpan) -> Bool {
        let shared = min(pred.end, gold.end) - max(pred.start, gold.start)
        guard shared > 0 else { return false }
        return Double(shared) / Double(gold.length) * 100 >= 1
    }

    /// Spans in scoring order: by start, then end, then label; identical predictions once.
    public static func ordered(_ spans: [EntitySpan], deduplicate: Bool) -> [EntitySpan] {
        let sorted = spans.sorted { ($0.start, $0.end, $0.label, $0.rule) < ($1.start, $1.end, $1.label, $1.rule) }
        guard deduplicate else { return sorted }
        var out: [EntitySpan] = []
        for span in sorted where !(out.last.map { $0.start == span.start && $0.end == span.end && $0.label == span.label } ?? false) {
            out.append(span)
        }
        return out
    }
}
