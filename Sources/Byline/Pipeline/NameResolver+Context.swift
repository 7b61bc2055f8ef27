import BylineText

/// Where a short form that is also a common word ("May", "Young", "He") stands as a name.
extension NameResolver {
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
    func nameContext(at first: Int, through last: Int, kinds: CommonWordKinds, tokens: [Token],
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
