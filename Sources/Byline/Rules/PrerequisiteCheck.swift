/// A rule's `Prerequisites` in the form the annotator checks line by line: texts as bits of the sets
/// `TextAtomScanner` finds on each line, span slots as span classes.
struct PrerequisiteCheck: Sendable {
    struct Clause: Sendable {
        /// The clause's texts: (word, mask) pairs in a line's set.
        var textBits: [(word: Int, mask: UInt64)]
        /// The clause's span classes: a span of one starting on the line satisfies it.
        var spanClasses: [Int]
        /// The clause's texts as a set over all texts (`TextAtomScanner.words` words).
        var textSet: [UInt64]
        /// `Prerequisites.ahead`: a match starts no later than the last atom of the clause on its line.
        var ahead: Bool
    }

    let clauses: [Clause]
    /// `Prerequisites.staysOnLine`.
    let staysOnLine: Bool
    /// The classes of the pattern's slots: where a span of one crosses a line, so may a match, and the
    /// check is made over the whole document instead.
    let walkedClasses: [Int]

    /// One scanner for the texts of every rule (its prerequisites' and its `needs:` lines'), each rule's
    /// check (nil for a rule without prerequisites) and its `needs:` lines as sets of texts
    /// (`TextAtomScanner.words` words each), in the order of `rules`.
    static func compile(_ rules: [CompiledRule]) -> (scanner: TextAtomScanner, checks: [PrerequisiteCheck?], needs: [[[UInt64]]]) {
        var atomIndex: [[UInt8]: Int] = [:]
        var atoms: [[UInt8]] = []
        func id(_ text: [UInt8]) -> Int {
            if let known = atomIndex[text] { return known }
            atomIndex[text] = atoms.count
            atoms.append(text)
            return atoms.count - 1
        }
        let checks: [PrerequisiteCheck?] = rules.map { rule in
            guard let prerequisites = rule.prerequisites else { return nil }
            let clauses = zip(prerequisites.clauses, prerequisites.ahead).map { clause, ahead in
                var words: [Int: UInt64] = [:]
                var classes: [Int] = []
                for atom in clause {
                    switch atom {
                    case .text(let bytes):
                        let bit = id(bytes)
                        words[bit >> 6, default: 0] |= 1 << UInt64(bit & 63)
                    case .span(let slot):
                        if !classes.contains(rule.slots[slot]) { classes.append(rule.slots[slot]) }
                    }
                }
                return Clause(textBits: words.sorted { $0.key < $1.key }.map { (word: $0.key, mask: $0.value) }, spanClasses: classes,
                              textSet: [], ahead: ahead)
            }
            var walked: [Int] = []
            for spanClass in rule.slots where !walked.contains(spanClass) { walked.append(spanClass) }
            return PrerequisiteCheck(clauses: clauses, staysOnLine: prerequisites.staysOnLine, walkedClasses: walked)
        }
        let needIds = rules.map { rule in rule.needs.map { $0.map(id) } }
        // Now that every text has its number, the dense sets.
        let words = max(1, (atoms.count + 63) / 64)
        let needs = needIds.map { lines in
            lines.map { ids in
                var set = [UInt64](repeating: 0, count: words)
                for bit in ids { set[bit >> 6] |= 1 << UInt64(bit & 63) }
                return set
            }
        }
        let dense = checks.map { check in
            check.map { check in
                PrerequisiteCheck(clauses: check.clauses.map { clause in
                    var clause = clause
                    clause.textSet = [UInt64](repeating: 0, count: words)
                    for bit in clause.textBits { clause.textSet[bit.word] |= bit.mask }
                    return clause
                }, staysOnLine: check.staysOnLine, walkedClasses: check.walkedClasses)
            }
        }
        return (TextAtomScanner(atoms: atoms), dense, needs)
    }
}

extension Pipeline {
    /// What `rule` needs on a line before it is tried there (`Prerequisites`), for rule authors:
    /// `"said" | "says" & {PERSON}` (clauses joined by `&`, each clause's choices by `|`; "… on its
    /// line" or "… in the document" where a match may run across lines), or nil when it runs everywhere.
    public func prerequisiteDescription(of rule: CompiledRule) -> String? {
        guard let prerequisites = rule.prerequisites else { return nil }
        let clauses = prerequisites.clauses.map { clause in
            clause.map { atom -> String in
                switch atom {
                case .text(let bytes):
                    let text = String(decoding: bytes, as: UTF8.self)
                    return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
                case .span(let slot): return "{\(spanClasses[rule.slots[slot]].name)}"
                }
            }.joined(separator: " | ")
        }
        let joined = clauses.count == 1 ? clauses[0] : clauses.map { "(\($0))" }.joined(separator: " & ")
        return joined + (prerequisites.staysOnLine ? " on its line" : " in the document")
    }

    /// Where `rule` is tried, when the analysis of its pattern shows every match opening with a span of
    /// some classes (`Prerequisites.startSlots`): "{PERSON} | {TITLE}", the classes whose spans' starts
    /// it is tried at; nil when it is tried at every place its windows allow.
    public func startDescription(of rule: CompiledRule) -> String? {
        guard rule.anchoredPattern != nil else { return nil }
        var names: [String] = []
        for slot in rule.startSlots where !names.contains(spanClasses[rule.slots[slot]].name) {
            names.append(spanClasses[rule.slots[slot]].name)
        }
        return names.map { "{\($0)}" }.joined(separator: " | ")
    }
}
