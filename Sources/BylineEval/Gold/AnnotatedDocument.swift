import Byline

extension LabeledDocument {
    /// The harness's view of a document Byline annotated: the same spans the annotate JSON would carry.
    public init(annotated document: Document) {
        let offsets = document.offsets
        func range(_ utf8: Range<Int>) -> (Int, Int) {
            let r = offsets.codePointRange(utf8: utf8)
            return (r.start, r.end)
        }
        let entities = document.entities.map { span -> EntitySpan in
            let (start, end) = range(span.utf8Range)
            return EntitySpan(start: start, end: end, label: span.label, rule: span.rule, attributes: span.attributes)
        }
        let quotes = document.quotes.map { quote -> QuoteSpan in
            let (start, end) = range(quote.content)
            func mention(_ m: Mention?) -> QuoteSpan.Mention? {
                guard let m else { return nil }
                let (s, e) = range(m.utf8Range)
                return QuoteSpan.Mention(start: s, end: e, name: m.name ?? document.text(of: m.utf8Range))
            }
            return QuoteSpan(start: start, end: end, kind: quote.kind.rawValue, speaker: mention(quote.speaker),
                             cue: mention(quote.cue), rule: quote.rule)
        }
        self.init(id: document.id, text: document.text, entities: entities, quotes: quotes, source: "annotated")
    }
}
