/// Orthographic and layout features of a token, computed once when the text is tokenized.
public struct TokenFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Contains at least one letter.
    public static let alphabetic = TokenFlags(rawValue: 1 << 0)
    /// Contains at least one digit.
    public static let numeric = TokenFlags(rawValue: 1 << 1)
    /// Punctuation or symbols only.
    public static let punctuation = TokenFlags(rawValue: 1 << 2)
    /// The first letter is upper or title case ("Okafor", "OKAFOR", "McCain").
    public static let capitalized = TokenFlags(rawValue: 1 << 3)
    /// Has letters, and every letter is upper case ("UK", "U.S.", "NATO").
    public static let allUpper = TokenFlags(rawValue: 1 << 4)
    /// Has letters, and every letter is lower case.
    public static let allLower = TokenFlags(rawValue: 1 << 5)
    /// A quotation mark (straight, curly, guillemet, …).
    public static let quote = TokenFlags(rawValue: 1 << 6)
    /// A dash or hyphen standing alone (em dash, en dash, "-").
    public static let dash = TokenFlags(rawValue: 1 << 7)
    /// A word joined with hyphens ("Jean-Pierre", "el-Sisi", "Secretary-General").
    public static let hyphenated = TokenFlags(rawValue: 1 << 8)
    /// Holds an apostrophe inside ("O'Brien", "N’Diaye").
    public static let apostrophe = TokenFlags(rawValue: 1 << 9)
    /// An abbreviation or initial that carries its period ("Dr.", "U.S.", "J.").
    public static let abbreviation = TokenFlags(rawValue: 1 << 10)
    /// A single upper-case letter with a period: an initial ("J." in "J. K. Rowling").
    public static let initial = TokenFlags(rawValue: 1 << 11)
    /// The possessive clitic split off a word ("'s", "’s").
    public static let possessive = TokenFlags(rawValue: 1 << 12)
    /// An emoji or pictographic symbol.
    public static let emoji = TokenFlags(rawValue: 1 << 13)
    /// Only ASCII bytes.
    public static let ascii = TokenFlags(rawValue: 1 << 14)
    /// First token on its line (after a line break, or the first of the text).
    public static let startsLine = TokenFlags(rawValue: 1 << 15)
    /// First token after a blank line (or the first of the text).
    public static let followsBlankLine = TokenFlags(rawValue: 1 << 16)
    /// First token of a sentence.
    public static let startsSentence = TokenFlags(rawValue: 1 << 17)
    /// Whitespace separates this token from the previous one.
    public static let spaceBefore = TokenFlags(rawValue: 1 << 18)
}

/// A token: a UTF-8 byte range into the document text with its features. 12 bytes, stored in one
/// contiguous array per document, so tokenizing allocates nothing per token.
public struct Token: Hashable, Sendable {
    /// UTF-8 byte offset of the first byte.
    public var start: Int32
    /// UTF-8 byte offset one past the last byte.
    public var end: Int32
    public var flags: TokenFlags

    public init(start: Int32, end: Int32, flags: TokenFlags) {
        self.start = start
        self.end = end
        self.flags = flags
    }

    /// The token's UTF-8 byte range.
    @inlinable public var utf8Range: Range<Int> { Int(start)..<Int(end) }
    @inlinable public var byteCount: Int { Int(end - start) }
    @inlinable public func has(_ flag: TokenFlags) -> Bool { flags.contains(flag) }
}

/// A sentence: a range of token indices and the UTF-8 byte range it covers.
public struct Sentence: Hashable, Sendable {
    /// Indices into the document's token array.
    public var tokens: Range<Int>
    /// UTF-8 byte range from the first token's start to the last token's end.
    public var utf8Range: Range<Int>

    public init(tokens: Range<Int>, utf8Range: Range<Int>) {
        self.tokens = tokens
        self.utf8Range = utf8Range
    }
}
