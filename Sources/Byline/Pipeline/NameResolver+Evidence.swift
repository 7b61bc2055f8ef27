import BylineText

/// Names no list or rule found, introduced by what the document shows of them elsewhere ("Alemu said").
extension NameResolver {
    /// Words after a lone capitalised word that show it is a person's name ("Banda said").
    static let speechAfter: Set<String> = [
        "said", "says", "told", "tells", "added", "adds", "asked", "insisted", "warned", "explained", "recalled",
        "replied", "wrote", "noted", "argued",
    ]

    /// Capitalised pairs "Tigist Alemu" that no rule or list made a name, where the document shows the last
    /// word (or, when no list knows either word, the first) as a person elsewhere: standing alone (not after
    /// another capitalised word) before ", who", ", whose", an age (", 24,") or a speech verb. Neither word may be excluded (`excludedFromEvidence`),
    /// the pair sits on one line with one space inside, it does not continue a capitalised sequence, and it
    /// overlaps no span of the label. The evidence itself then resolves as a short form.
    func evidencedPairs(_ accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        guard !excludedFromEvidence.isEmpty, tokens.count > 2 else { return [] }
        func isNameWord(_ t: Int) -> Bool {
            let token = tokens[t]
            return token.has(.capitalized) && token.has(.alphabetic) && !token.has(.possessive)
                && !token.has(.abbreviation) && !token.has(.initial) && token.byteCount > 1
                && !excludedFromEvidence.contains(Int(token.start))
        }
        /// Tokens t-1 and t are two words with one space between them on one line.
        func joined(_ t: Int) -> Bool {
            t > 0 && tokens[t].has(.spaceBefore) && !tokens[t].has(.startsLine)
                && tokens[t].start == tokens[t - 1].end + 1 && bytes[Int(tokens[t - 1].end)] == 0x20
        }
        var evidence = Set<[UInt8]>()
        for t in 0..<tokens.count - 2 where isNameWord(t) {
            if joined(t) && tokens[t - 1].has(.capitalized) { continue }
            let next = tokens[t + 1], after = tokens[t + 2]
            let shows: Bool
            if next.has(.allLower) {
                shows = Self.speechAfter.contains(String(decoding: bytes[next.utf8Range], as: UTF8.self))
            } else if next.byteCount == 1 && bytes[Int(next.start)] == UInt8(ascii: ",") {
                let w = String(decoding: bytes[after.utf8Range], as: UTF8.self)
                shows = w == "who" || w == "whose"
                    || (after.has(.numeric) && !after.has(.alphabetic) && after.byteCount <= 3 && t + 3 < tokens.count
                        && bytes[Int(tokens[t + 3].start)] == UInt8(ascii: ","))
            } else {
                shows = false
            }
            if shows { evidence.insert(Array(bytes[tokens[t].utf8Range])) }
        }
        guard !evidence.isEmpty else { return [] }
        let named = SortedRanges(accepted.lazy.filter { $0.label == label }.map(\.utf8Range))
        // A pair that a span of another label outranks ("Spring Hill", a place) is no name: taking it would
        // also make its last word an ambiguous short form ("Hill" of "Megan Hill" and of "Spring Hill").
        let outranking = SortedRanges(accepted.lazy.filter { $0.label != label && $0.priority > Self.priority }.map(\.utf8Range))
        var found: [Span] = []
        for t in 1..<tokens.count where isNameWord(t) && isNameWord(t - 1) && joined(t) {
            // The last word shows the pair ("Alemu said"), or the first does when no list knows either word:
            // a given name used alone ("Batbayar said" of "Batbayar Tserendorj").
            guard evidence.contains(Array(bytes[tokens[t].utf8Range]))
                || (evidence.contains(Array(bytes[tokens[t - 1].utf8Range]))
                    && !listed.contains(Int(tokens[t - 1].start)) && !listed.contains(Int(tokens[t].start))) else { continue }
            if t > 1 && joined(t - 1) && tokens[t - 2].has(.capitalized) && tokens[t - 2].has(.alphabetic) { continue }
            if t > 1 && !tokens[t - 1].has(.spaceBefore) && !tokens[t - 1].has(.startsLine) { continue }  // "Marc-André"
            let range = Int(tokens[t - 1].start)..<Int(tokens[t].end)
            guard !named.overlaps(range), !outranking.overlaps(range) else { continue }
            found.append(Span(label: label, utf8Range: range, rule: evidenceRuleID, priority: Self.priority))
        }
        return found
    }
}
