import BylineText

/// One article and every annotation layer over it: tokens, sentences, gazetteer lookups, entities and
/// quotes. All ranges inside are UTF-8 byte ranges into `text`; `offsets` converts them to the public
/// code-point offsets.
public struct Document: Sendable {
    public let id: String
    public let text: String
    public let tokens: [Token]
    public let sentences: [Sentence]
    /// Gazetteer matches, in token order.
    public internal(set) var lookups: [Lookup]
    /// Resolved entities with output labels, sorted by start then end.
    public var entities: [Span]
    /// Spans with internal labels that the rules used but that are not output.
    public var internalSpans: [Span]
    public var quotes: [Quote]
    public let offsets: CodePointIndex

    public init(id: String, text: String, tokenized: TokenizedText) {
        self.id = id
        self.text = text
        self.tokens = tokenized.tokens
        self.sentences = tokenized.sentences
        self.lookups = []
        self.entities = []
        self.internalSpans = []
        self.quotes = []
        self.offsets = CodePointIndex(utf8: Array(text.utf8))
    }

    /// The text's UTF-8 bytes: one copy, shared with `offsets`.
    public var utf8: [UInt8] { offsets.utf8 }

    /// The text of a UTF-8 byte range. O(length of the range).
    public func text(of range: Range<Int>) -> String {
        String(decoding: offsets.utf8[range], as: UTF8.self)
    }

    /// The text of a token.
    public func text(of token: Token) -> String { text(of: token.utf8Range) }
}

/// A gazetteer match: the tokens it covers and the entry it matched.
public struct Lookup: Hashable, Sendable {
    public var tokens: Range<Int>
    public var utf8Range: Range<Int>
    /// Index into `Gazetteer.entries`.
    public var entry: Int
}
