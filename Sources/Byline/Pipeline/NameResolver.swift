import BylineText

/// In-document name resolution (`resolve: PERSON` in pipeline.conf): once a document names "Amara Wanjiku",
/// every later or earlier "Wanjiku" in it is that person too, whatever the gazetteer thinks of the word
/// ("Moyo" is also a town). Every span of the label gets the attribute `name`: its full form.
///
/// The short form of a full name is its last space-separated word ("Asante-Mensah" for "Kofi Asante-Mensah",
/// "Dam" for "Pieter van Dam"), or its first for a span with `order=surname-first` ("Park" for "Park Ji-hoon"). A short form shared by two full names in one document resolves to neither.
/// Only whole tokens that start with a capital letter are taken, and never inside another span of the label.
///
/// A short form that is also a common word ("May", "Young", "Rice", "He") is taken only where the context
/// shows a name (`nameContext`); the kinds of word are set in pipeline.conf (`CommonWordKind`).
struct NameResolver {
    let label: String
    /// One-token words that are also common words, by UTF-8 range.
    var commonWords: [Range<Int>: Set<CommonWordKind>] = [:]
    /// The priority of the spans it adds: above gazetteer places, below rules that find names outright.
    static let priority = 7
    var ruleID: String { "resolve:\(label)" }

    /// New candidate spans for short forms, and `accepted` with `name` attributes set.
    func resolve(_ accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> (named: [Span], added: [Span]) {
        var fullNames: [[UInt8]: String?] = [:]  // short form → full name (nil when ambiguous)
        for span in accepted where span.label == label {
            let text = Array(bytes[span.utf8Range])
            let short: [UInt8]
            if span.attributes["order"] == "surname-first" {
                guard let space = text.firstIndex(of: 0x20), space > 0 else { continue }
                short = Array(text[..<space])
            } else {
                guard let space = text.lastIndex(of: 0x20), space + 1 < text.count else { continue }
                short = Array(text[(space + 1)...])
            }
            let full = String(decoding: text, as: UTF8.self)
            if let known = fullNames[short] {
                if known != full { fullNames[short] = .some(nil) }
            } else {
                fullNames[short] = full
            }
        }
        var named = accepted
        for index in named.indices where named[index].label == label && named[index].attributes["name"] == nil {
            let text = Array(bytes[named[index].utf8Range])
            named[index].attributes["name"] = (fullNames[text] ?? nil) ?? String(decoding: text, as: UTF8.self)
        }
        guard !fullNames.isEmpty else { return (named, []) }

        // Longest short form first, then byte order: the same document always resolves the same way.
        let shortForms = fullNames.compactMap { short, full in full.map { (short, $0) } }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0.lexicographicallyPrecedes($1.0) }
        let covered = accepted.filter { $0.label == label }.map(\.utf8Range).sorted { $0.lowerBound < $1.lowerBound }
        let namedMentions = named.filter { $0.label == label }.sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        var added: [Span] = []
        /// The full name of the last mention of the label that starts before `position`.
        func lastNamed(before position: Int) -> String? {
            var lo = 0, hi = namedMentions.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if namedMentions[mid].utf8Range.lowerBound < position { lo = mid + 1 } else { hi = mid }
            }
            let earlier = lo > 0 ? namedMentions[lo - 1] : nil
            let latest = added.last.flatMap { $0.utf8Range.upperBound <= position ? $0 : nil }
            switch (earlier, latest) {
            case let (e?, l?): return (e.utf8Range.lowerBound > l.utf8Range.lowerBound ? e : l).attributes["name"]
            case let (e?, nil): return e.attributes["name"]
            case let (nil, l?): return l.attributes["name"]
            default: return nil
            }
        }
        var t = 0
        while t < tokens.count {
            let token = tokens[t]
            guard token.has(.capitalized) else { t += 1; continue }
            var matched = false
            for (short, full) in shortForms {
                guard Int(token.start) + short.count <= bytes.count,
                      bytes[Int(token.start)..<Int(token.start) + short.count].elementsEqual(short) else { continue }
                let end = Int(token.start) + short.count
                // The short form must end where a token ends.
                guard let last = tokens[t...].firstIndex(where: { Int($0.end) >= end }), Int(tokens[last].end) == end else { continue }
                let range = Int(token.start)..<end
                if let kinds = commonWords[range],
                   !nameContext(at: t, through: last, kinds: kinds, tokens: tokens, bytes: bytes,
                                isLastNamed: { lastNamed(before: range.lowerBound) == full }) {
                    t = last + 1
                    matched = true
                    break
                }
                if !covered.contains(where: { $0.overlaps(range) }) {
                    added.append(Span(label: label, utf8Range: range, rule: ruleID, priority: Self.priority, attributes: ["name": full]))
                }
                t = last + 1
                matched = true
                break
            }
            if !matched { t += 1 }
        }
        return (named, added)
    }

    /// Words before a date word that make it a date, not a name ("in May", "by May").
    static let wordBeforeDate: Set<String> = [
        "in", "by", "on", "of", "from", "until", "till", "since", "during", "through", "before", "after",
        "early", "late", "last", "next", "this", "mid", "every", "each", "for", "between", "and",
    ]
    /// Words after a sentence-initial short form that make it a name ("Young said", "Trump took").
    static let verbAfter: Set<String> = [
        "said", "says", "told", "tells", "added", "asked", "replied", "wrote", "argued", "warned", "insisted",
        "noted", "explained", "recalled", "rejected", "agreed", "declined", "admitted", "called", "described",
        "denied", "urged", "acknowledged", "believes", "thinks", "has", "had", "was", "is", "will", "would",
        "can", "could", "did", "does", "also", "then", "later", "took", "made", "won", "lost", "met", "ran",
        "went", "came", "gave", "spoke", "left", "began", "sent", "kept", "held", "led", "got", "put", "set",
        "saw", "knew", "felt", "found", "brought", "thought", "wants", "must", "should", "may", "might",
        "himself", "herself", "who", "now", "never", "still", "already", "again", "first", "last",
    ]

    /// Whether tokens `first...last` (a short form that is also a common word) stand where a name can:
    /// - a date word ("May") is not a name after "in", "by", … or beside a number ("May 5", "5 May");
    /// - at a sentence or quote start, where capitals prove nothing, any of them is a name only before
    ///   punctuation, a possessive or a verb ("Young said", "Trump tweeted", "May's plan"), not before
    ///   a noun or "and" ("Young people", "Rice and wheat growers");
    /// - there, a word that opens sentences ("He") is the person only when that person was the last named.
    func nameContext(at first: Int, through last: Int, kinds: Set<CommonWordKind>, tokens: [Token],
                     bytes: UnsafeBufferPointer<UInt8>, isLastNamed: () -> Bool) -> Bool {
        func word(_ token: Token) -> String { String(decoding: bytes[token.utf8Range], as: UTF8.self) }
        let previous = first > 0 ? tokens[first - 1] : nil
        let next = last + 1 < tokens.count ? tokens[last + 1] : nil
        if kinds.contains(.date) {
            if let previous, previous.has(.numeric), !previous.has(.alphabetic) { return false }
            if let next, next.has(.numeric), !next.has(.alphabetic) { return false }
            if let previous, previous.has(.allLower), Self.wordBeforeDate.contains(word(previous)) { return false }
        }
        let opensQuote = previous.map { $0.has(.quote) && ($0.has(.spaceBefore) || $0.has(.startsLine)) } ?? false
        let opensSentence = tokens[first].has(.startsSentence) || tokens[first].has(.startsLine) || opensQuote
        guard opensSentence else { return true }
        guard let next else { return false }
        var verbLike = false
        if next.has(.allLower) {
            let w = word(next)
            verbLike = Self.verbAfter.contains(w) || w.hasSuffix("ed") || w.hasSuffix("ly")
                || (w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && w.count > 3)
        }
        let nameLike = next.has(.possessive) || (next.has(.punctuation) && !next.has(.quote)) || verbLike
        guard nameLike else { return false }
        return !kinds.contains(.sentenceWord) || isLastNamed()
    }
}
