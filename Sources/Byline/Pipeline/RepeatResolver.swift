import BylineText

/// In-document repetition (`repeat: PLACE` in pipeline.conf): a name that a rule found by its context
/// ("the villages of Makatubani and …", "the Jalal-Abad region") is the same kind of thing where the
/// document repeats it without that context ("made qvevri in Makatubani", "reporters in Jalal-Abad").
///
/// Only spans of rules repeat (a list's names are found everywhere already, and where a list's span was
/// turned down the context decided). An occurrence is taken when it is the same bytes, starts and ends
/// where tokens do, starts with a capital, is no part of a longer capitalised run on its line (unless the
/// line is a headline, where every word is capitalised), and
/// overlaps no span of any label but a list's span of the label inside it: "Trapeang Sangke", found by
/// "the village of", is one place where it comes back, not the list's "Sangke" inside it. The new spans
/// have rule id `repeat:LABEL` and a low priority.
struct RepeatResolver {
    let label: String
    var ruleID: String { "repeat:\(label)" }
    /// Below every rule that finds the label: a repeat only fills a gap.
    static let priority = 3
    /// Starts of the words that open sentences (`sentence-words:` in pipeline.conf): "In" of "In Trapeang
    /// Sangke," does not make the name part of a longer capitalised run.
    var sentenceWordStarts: OffsetSet = []
    /// Starts of the words of headline-case lines (`HeadlineFinder`): there every word is capitalised, so a
    /// capitalised neighbour proves no longer name ("Tamale Shea Co-operative Signs …").
    var headlineWordStarts: OffsetSet = []

    /// `accepted` with the repeats added and the list spans they hold removed (not yet resolved), or nil
    /// when nothing repeats.
    func applied(to accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> [Span]? {
        let added = repeats(of: accepted, tokens: tokens, bytes: bytes)
        guard !added.isEmpty else { return nil }
        let holders = SortedRanges(added.map(\.utf8Range))
        return accepted.filter { !(isListSpanOfLabel($0) && holders.overlaps($0.utf8Range)) } + added
    }

    private func isListSpanOfLabel(_ span: Span) -> Bool {
        span.label == label && span.rule.hasPrefix("gazetteer:")
    }

    /// The new spans (not yet resolved against `accepted`).
    func repeats(of accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var names: [[UInt8]: [String: String]] = [:]
        for span in accepted where span.label == label && !span.rule.hasPrefix("gazetteer:") && span.rule != ruleID {
            let attributes = span.attributes.filter { $0.key != "class" }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.utf8Range]), as: UTF8.self)
            names[Array(text.utf8)] = attributes
            // A dateline's capitals ("ELLA, Sri Lanka") come back in title case in the story ("reaches Ella").
            if let titleCase = Self.titleCase(ofCapitals: text), names[Array(titleCase.utf8)] == nil {
                names[Array(titleCase.utf8)] = attributes
            }
        }
        guard !names.isEmpty else { return [] }
        let taken = SortedRanges(accepted.filter { !isListSpanOfLabel($0) }.map(\.utf8Range))
        let listed = SortedRanges(accepted.filter(isListSpanOfLabel).map(\.utf8Range))
        // Longest first, then byte order: a deterministic choice when names share a start.
        var candidates = WholeTokenKeys<[String: String]>()
        for name in names.keys.sorted(by: { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }) {
            candidates.add(name, names[name] ?? [:])
        }
        var found: [Span] = []
        candidates.forEachWholeTokenMatch(in: tokens, bytes: bytes) { first, last, _, attributes in
            let opener = first > 0 && sentenceWordStarts.contains(Int(tokens[first - 1].start))
            guard headlineWordStarts.contains(Int(tokens[first].start))
                || NameResolver.standsAlone(first: opener ? first - 1 : first, last: last, tokens: tokens) else { return false }
            let range = Int(tokens[first].start)..<Int(tokens[last].end)
            if !taken.overlaps(range), listed.allOverlapping(range, lieWithin: range) {
                found.append(Span(label: label, utf8Range: range, rule: ruleID, priority: Self.priority, attributes: attributes))
            }
            return true
        }
        return found
    }

    /// "SANTIAGO MATATLÁN" → "Santiago Matatlán", "BATZ-SUR-MER" → "Batz-Sur-Mer": each word's first
    /// letter kept, the rest in lower case; nil when `text` has a lower-case letter or fewer than two letters.
    static func titleCase(ofCapitals text: String) -> String? {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard letters.count >= 2, !letters.contains(where: { $0.properties.isLowercase }) else { return nil }
        var result = "", wordStart = true
        for character in text {
            let isLetter = character.unicodeScalars.first?.properties.isAlphabetic ?? false
            result += wordStart || !isLetter ? String(character) : character.lowercased()
            wordStart = !isLetter && character != "'" && character != "’"
        }
        return result
    }
}
