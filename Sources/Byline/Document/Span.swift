/// An annotation over the text: a label on a UTF-8 byte range, with the rule or list that produced it.
public struct Span: Hashable, Sendable {
    /// The label: an output label ("PERSON", "TITLE", "PLACE") or an internal one a rule set uses.
    public var label: String
    /// UTF-8 byte range into the document text.
    public var utf8Range: Range<Int>
    /// The id of the rule, or `gazetteer:LIST` for a list, that produced the span.
    public var rule: String
    /// Overlap resolution prefers higher priorities, then longer spans, then the leftmost.
    public var priority: Int
    /// Attributes: a gazetteer entry's canonical `id` and `class`, a rule's `attr` values, and so on.
    public var attributes: [String: String]
    /// Spans from the same rule match share this number (a title and the person it names, say).
    public var match: Int?
    /// The named group of the rule that captured the span.
    public var role: String?
    /// A link its rule asks for (`link: title=person`) until `LinkResolver` turns it into an attribute.
    var pendingLink: PendingLink?

    /// `attribute` is to name the span on `target` (UTF-8 range).
    struct PendingLink: Hashable, Sendable {
        var attribute: String
        var target: Range<Int>
    }

    public init(label: String, utf8Range: Range<Int>, rule: String, priority: Int = 0,
                attributes: [String: String] = [:], match: Int? = nil, role: String? = nil) {
        self.label = label
        self.utf8Range = utf8Range
        self.rule = rule
        self.priority = priority
        self.attributes = attributes
        self.match = match
        self.role = role
    }

    public var length: Int { utf8Range.count }
}

/// A speaker or cue mention inside a quote record.
public struct Mention: Hashable, Sendable {
    public var utf8Range: Range<Int>
    /// The canonical person the mention refers to, when known.
    public var name: String?
    public init(utf8Range: Range<Int>, name: String? = nil) {
        self.utf8Range = utf8Range
        self.name = name
    }
}

/// An attributed quote: what was said (content without the quotation marks), by whom, with which cue.
public struct Quote: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case direct, partial, indirect
    }
    public var content: Range<Int>
    public var kind: Kind
    public var speaker: Mention?
    public var cue: Mention?
    public var rule: String
    public init(content: Range<Int>, kind: Kind, speaker: Mention? = nil, cue: Mention? = nil, rule: String) {
        self.content = content
        self.kind = kind
        self.speaker = speaker
        self.cue = cue
        self.rule = rule
    }
}
