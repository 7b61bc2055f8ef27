/// A rule as written in a rule file, before macro expansion and compilation.
public struct RuleSource: Sendable {
    public var id: String
    public var location: SourceLocation
    /// The pattern lines, joined.
    public var pattern: String = ""
    public var patternLocation: SourceLocation?
    /// Named group → label.
    public var emits: [(group: String, label: String)] = []
    public var priority: Int = 0
    public var attributes: [String: String] = [:]
    public var flags: [String] = []
    public var examples: [RuleExample] = []
    /// `quote: quoted|indirect`: the rule finds attributed quotes (groups `quote`, `speaker`, `cue`)
    /// instead of emitting spans. Only in the quote phase.
    public var quoteKind: String?
    /// `link: title=person`: spans emitted from the first group get an attribute named after the second
    /// group, naming the span that group matched (its canonical `name`, or its text).
    public var links: [(from: String, to: String)] = []
    /// `near: CLASS [sentence]` lines: every match starts close to a span of the class (a label such as
    /// `QUOTED`, or a gazetteer class such as `cue/verb`), so the rule is tried only there. Several lines
    /// must all hold. A promise about the pattern, checked by the tests on the Corpus.
    public var near: [Near] = []

    /// `outside: CLASS` lines: no match starts inside a span of the class (a speaker is never inside
    /// quotation marks: `outside: QUOTED`). A condition the engine applies, not a promise like `near:`.
    public var outside: [String] = []

    /// `needs: TEXT | TEXT …` lines: every match starts on a line that holds one of the texts (exactly, case
    /// and all), at or before it ("in Stone Town" needs "Town"), so the rule is tried only on those lines
    /// up to the text. Several lines must all hold. A promise, like `near:`.
    public var needs: [[String]] = []

    /// One `near:` line.
    public struct Near: Sendable {
        public var className: String
        public var scope: NearScope
    }

    /// Where a `near:` rule's matches start, relative to the spans of its class.
    public enum NearScope: String, Sendable {
        /// `near: CLASS`: on a span's line or on the non-blank line before it.
        case lines
        /// `near: CLASS sentence`: in the sentence where a span starts, at or before the span (a speaker
        /// before its cue verb).
        case sentence
        /// `near: CLASS start`: exactly where a span starts (a rule that opens with one of several classes).
        case start
    }

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// A text a rule must match (with optional expected group texts), or must not match.
public struct RuleExample: Sendable {
    public var text: String
    public var mustMatch: Bool
    /// Expected group → text, checked against some match of the rule.
    public var expected: [(group: String, text: String)]
    public var location: SourceLocation
}

/// A `define NAME = FRAGMENT` line.
public struct MacroDefinition: Sendable {
    public var name: String
    public var body: String
    public var location: SourceLocation
}

/// One rule file: its macros and rules in order.
public struct RuleFile: Sendable {
    public var path: String
    public var macros: [MacroDefinition] = []
    public var rules: [RuleSource] = []
}
