/// How `PatternAnalyzer` puts together what it knows of the pieces of a pattern.
extension PatternAnalyzer {
    /// Items one after the other: runs of exactly known texts multiply out (`[Tt]he\h` → "The", "the"),
    /// and each run that cannot grow further becomes a clause.
    static func concatenation(_ items: [Info]) -> Info {
        var result = Info(exact: nil)
        result.zeroWidth = items.allSatisfy(\.zeroWidth)
        result.reads = items.contains(where: \.reads)
        // Text starts with the first item that takes some, or a later one when the items before are optional.
        result.starts = []
        result.nullable = true
        for item in items where !item.zeroWidth {
            if let starts = item.starts, let known = result.starts { result.starts = known.union(starts) } else { result.starts = nil }
            if !item.nullable {
                result.nullable = false
                break
            }
        }
        var run: [[UInt8]] = [[]]
        var allExact = true
        var consumedLineFeed = false
        for item in items {
            result.clauses += item.clauses
            result.ahead.formUnion(item.ahead)
            // Whatever is read after a line feed was taken is on the next line.
            if item.lineFeed == .inside || consumedLineFeed && item.reads { result.lineFeed = .inside }
            if item.lineFeed == .last {
                result.lineFeed = max(result.lineFeed, .last)
                if !item.zeroWidth { consumedLineFeed = true }
            }
            if let exact = item.exact, let product = product(run, exact) {
                run = product
                continue
            }
            allExact = false
            if let clause = clause(of: run) {
                result.clauses.append(clause)
                result.ahead.insert(clause)
            }
            run = item.exact ?? [[]]
        }
        if allExact {
            result.exact = run
        } else if let clause = clause(of: run) {
            result.clauses.append(clause)
            result.ahead.insert(clause)
        }
        return result
    }

    /// Any one of the branches: their texts together when all are known, and one clause made of each
    /// branch's most selective one (a branch that needs nothing leaves the clause out).
    static func either(_ branches: [Info]) -> Info {
        var result = Info(exact: nil)
        result.lineFeed = branches.map(\.lineFeed).max() ?? .none
        result.zeroWidth = branches.allSatisfy(\.zeroWidth)
        result.reads = branches.contains(where: \.reads)
        result.nullable = branches.contains(where: \.nullable)
        result.starts = branches.allSatisfy { $0.starts != nil } ? branches.reduce(into: Set<Int>()) { $0.formUnion($1.starts!) } : nil
        if branches.allSatisfy({ $0.exact != nil }) {
            var seen = Set<[UInt8]>()
            let all = branches.flatMap { $0.exact! }.filter { seen.insert($0).inserted }
            if all.count <= exactLimit {
                result.exact = all
                return result
            }
        }
        var union: [Prerequisites.Atom] = []
        var allAhead = true
        for branch in branches {
            var candidates = branch.clauses
            var ahead = branch.ahead
            if let exact = branch.exact, let clause = clause(of: exact) {
                candidates.append(clause)
                ahead.insert(clause)
            }
            guard let best = selective(candidates).first else { return result }
            union += best
            allAhead = allAhead && ahead.contains(best)
        }
        var seen = Set<Prerequisites.Atom>()
        result.clauses = [union.filter { seen.insert($0).inserted }]
        if allAhead { result.ahead = [result.clauses[0]] }
        return result
    }

    static func repetition(_ item: Info, min: Int, max: Int?) -> Info {
        var result = item
        result.exact = nil
        result.clauses = []
        result.ahead = []
        if min == 0 { result.nullable = true }
        // A line feed and then another repetition reads past it.
        if item.lineFeed == .last, max ?? 2 > 1 { result.lineFeed = .inside }
        if min == 0 {
            if max == 1, let exact = item.exact, exact.count < exactLimit { result.exact = exact.contains([]) ? exact : exact + [[]] }
            return result
        }
        result.clauses = item.clauses
        result.ahead = item.ahead
        if min == 1 && max == 1 {
            result.exact = item.exact
        } else if let exact = item.exact, let clause = clause(of: exact) {
            result.clauses.append(clause)
            result.ahead.insert(clause)
        }
        return result
    }

    /// A look-ahead or look-behind: it takes no text; a positive one's clauses hold, and what it reads
    /// counts for line feeds (a look-behind's line feed is the previous line's). A negative one needs
    /// nothing, and what it reads holds no atom a match depends on.
    static func lookaround(_ inner: Info, positive: Bool, behind: Bool) -> Info {
        guard positive else { return .empty }
        var result = Info.empty
        result.clauses = inner.clauses
        if let exact = inner.exact, let clause = clause(of: exact) { result.clauses.append(clause) }
        // What a look-ahead reads starts where it stands; a look-behind's may start before the match.
        result.ahead = behind ? [] : Set(result.clauses).intersection(inner.ahead.union(inner.exact.flatMap { clause(of: $0) }.map { [$0] } ?? []))
        result.reads = inner.reads
        result.lineFeed = behind && inner.lineFeed != .none ? .inside : inner.lineFeed
        return result
    }

    /// `a` followed by `b`, when the result stays small.
    private static func product(_ a: [[UInt8]], _ b: [[UInt8]]) -> [[UInt8]]? {
        guard a.count * b.count <= exactLimit else { return nil }
        var result: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        for x in a {
            for y in b {
                let joined = x + y
                guard joined.count <= exactLengthLimit else { return nil }
                if seen.insert(joined).inserted { result.append(joined) }
            }
        }
        return result
    }

    /// Texts as a clause; nil when one is empty (then the clause is always satisfied).
    static func clause(of texts: [[UInt8]]) -> [Prerequisites.Atom]? {
        guard !texts.isEmpty, !texts.contains(where: \.isEmpty) else { return nil }
        return texts.map { .text($0) }
    }

    /// Whether an atom is too common in English text to be worth looking for: one ASCII letter, two
    /// lower-case ones ("a", "in", "ed"; "By" is kept), a space, comma, full stop, apostrophe or hyphen.
    /// A clause holding one is dropped (it would hold on nearly every line, and finding it costs the scan).
    static func isCommon(_ atom: Prerequisites.Atom) -> Bool {
        guard case .text(let bytes) = atom else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        if bytes.count == 1 { return isLetter(bytes[0]) || " ,.'-".utf8.contains(bytes[0]) }
        return bytes.count == 2 && bytes.allSatisfy { (0x61...0x7A).contains($0) }
    }

    /// The clauses from most to least selective, at most `Prerequisites.clauseLimit`: longer shortest
    /// texts first (a span class counts as four bytes), then fewer atoms.
    static func selective(_ clauses: [[Prerequisites.Atom]]) -> [[Prerequisites.Atom]] {
        func score(_ clause: [Prerequisites.Atom]) -> Int {
            clause.map { atom in
                switch atom {
                case .text(let bytes): bytes.count
                case .span: 4
                }
            }.min() ?? 0
        }
        var seen = Set<[Prerequisites.Atom]>()
        let unique = clauses.filter { !$0.isEmpty && !$0.contains(where: isCommon) && seen.insert($0).inserted }
        let ranked = unique.enumerated().sorted { a, b in
            let (sa, sb) = (score(a.element), score(b.element))
            if sa != sb { return sa > sb }
            if a.element.count != b.element.count { return a.element.count < b.element.count }
            return a.offset < b.offset
        }
        return ranked.prefix(Prerequisites.clauseLimit).map(\.element)
    }
}
