/// What every match of a rule's pattern needs on the line where it starts, worked out from the pattern
/// itself (as RE2's `FilteredRE2` does): clauses that must all hold, each a choice of texts or span
/// classes of which one must occur. "{KIND}" in a pattern makes "district", "valley", … a clause; a
/// line holding none of them cannot hold a match, and the rule is not tried there.
///
/// Unlike `near:` and `needs:`, this is no promise of the rule author's: it follows from the pattern, so
/// it never changes what a rule finds. A pattern whose syntax the analysis does not follow in full (`\Q…\E`,
/// recursion, verbs, extended mode) gets no clauses and runs as before.
struct Prerequisites: Sendable, Equatable {
    /// A thing one clause may be satisfied by.
    enum Atom: Hashable, Sendable {
        /// These bytes, exactly (case and all).
        case text([UInt8])
        /// A span of the pattern's callout slot `slot` (its class: `CompiledRule.slots[slot]`) starts here.
        case span(slot: Int)
    }

    /// Every match holds, for each clause, one of its atoms: in the match or in what its look-arounds read.
    var clauses: [[Atom]]
    /// Per clause: whether the atom lies at or after where the match starts (not only in a look-behind),
    /// so that a match starts no later than the last such atom on its line.
    var ahead: [Bool]
    /// Whether a match and its positive look-arounds never read a line break, so that every atom lies on
    /// the line where the match starts (when no span the pattern walks through crosses a line either).
    var staysOnLine: Bool

    /// At most this many clauses are kept, the most selective ones.
    static let clauseLimit = 12

    /// The prerequisites of `pattern`: an expanded rule pattern in which each span-class reference is
    /// written as a callout `(?C"S<slot>")` alone. Nil when the pattern leaves nothing to check.
    static func of(_ pattern: String, caseless: Bool = false, extended: Bool = false) -> Prerequisites? {
        PatternAnalyzer.analyse(pattern, caseless: caseless, extended: extended).flatMap(of)
    }

    /// The prerequisites of a pattern `PatternAnalyzer` has read.
    static func of(_ info: PatternAnalyzer.Info) -> Prerequisites? {
        var clauses = info.clauses, ahead = info.ahead
        if let exact = info.exact, let clause = PatternAnalyzer.clause(of: exact) {
            clauses.append(clause)
            ahead.insert(clause)
        }
        clauses = PatternAnalyzer.selective(clauses)
        guard !clauses.isEmpty else { return nil }
        return Prerequisites(clauses: clauses, ahead: clauses.map { ahead.contains($0) }, staysOnLine: info.lineFeed != .inside)
    }

    /// The slots of `pattern` (as for `of`) where every match must start: each match begins with a span
    /// of one of them, perhaps after look-arounds, so the rule need only be tried at those spans' starts.
    /// Nil when a match may start elsewhere (or the analysis does not follow the pattern).
    static func startSlots(_ pattern: String, caseless: Bool = false, extended: Bool = false) -> [Int]? {
        PatternAnalyzer.analyse(pattern, caseless: caseless, extended: extended).flatMap(startSlots)
    }

    /// The start slots of a pattern `PatternAnalyzer` has read.
    static func startSlots(_ info: PatternAnalyzer.Info) -> [Int]? {
        guard !info.nullable, let starts = info.starts, !starts.isEmpty else { return nil }
        return starts.sorted()
    }
}
