/// A document as the harness sees it, gold or predicted: its text and its spans in Unicode code-point
/// offsets (`end` exclusive), the offsets of the annotate JSON.
public struct LabeledDocument: Sendable {
    public var id: String
    public var text: String
    public var entities: [EntitySpan]
    public var quotes: [QuoteSpan]
    /// Where the document came from, for messages ("gold.jsonl:12").
    public var source: String
    /// Whether the format it was read from can hold quotes (annotate JSON with a `quotes` field, brat).
    /// Column files, Hugging Face and spaCy JSONL cannot: their empty `quotes` say nothing, so a run
    /// scored against them needs no quotes (`byline eval --run` then skips the quote phase).
    public var holdsQuotes = true

    public init(id: String, text: String, entities: [EntitySpan] = [], quotes: [QuoteSpan] = [], source: String = "") {
        self.id = id
        self.text = text
        self.entities = entities
        self.quotes = quotes
        self.source = source
    }
}

/// An entity span. `rule` is the rule or list that produced a prediction ("" in gold); `attributes` keep
/// the canonical `id`/`name` and title links (`person`: the start offset of the person a title belongs to).
public struct EntitySpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var label: String
    public var rule: String
    public var attributes: [String: String]

    public init(start: Int, end: Int, label: String, rule: String = "", attributes: [String: String] = [:]) {
        self.start = start
        self.end = end
        self.label = label
        self.rule = rule
        self.attributes = attributes
    }

    public var length: Int { end - start }
}

/// A quote: its content span, kind, speaker mention (with canonical name) and cue.
public struct QuoteSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var kind: String
    public var speaker: Mention?
    public var cue: Mention?
    public var rule: String

    public struct Mention: Hashable, Sendable {
        public var start: Int
        public var end: Int
        /// The canonical name of the speaker ("Maria Okafor" for a mention "Okafor" or "she").
        public var name: String

        public init(start: Int, end: Int, name: String) {
            self.start = start
            self.end = end
            self.name = name
        }
    }

    public init(start: Int, end: Int, kind: String, speaker: Mention? = nil, cue: Mention? = nil, rule: String = "") {
        self.start = start
        self.end = end
        self.kind = kind
        self.speaker = speaker
        self.cue = cue
        self.rule = rule
    }
}
