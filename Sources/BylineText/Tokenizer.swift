@_implementationOnly import CICU
import FoundationEssentials

/// Tokens and sentences of one text.
public struct TokenizedText: Sendable {
    public var tokens: [Token]
    public var sentences: [Sentence]
    public init(tokens: [Token], sentences: [Sentence]) {
        self.tokens = tokens
        self.sentences = sentences
    }
}

/// Splits English text into tokens and sentences with ICU's break iterators, working straight on the
/// UTF-8 bytes through a UText (no UTF-16 copy of the text).
///
/// On top of ICU's word boundaries it splits the possessive clitic ("Okafor’s" → "Okafor", "’s"), keeps
/// abbreviations, initials and dotted acronyms with their period ("Dr.", "J.", "U.S."), and keeps an
/// ellipsis whole. Hyphens stay separate tokens, as in spaCy, so "Paris-based" still yields "Paris".
/// Sentence boundaries come from ICU, minus those after an abbreviation that does not end a sentence
/// (`AbbreviationList`). Line breaks always end a sentence; a blank line marks a paragraph.
///
/// Not thread-safe: it owns ICU iterators. Use one per thread. Complexity: O(n) in the text length.
public final class Tokenizer {
    private let wordIterator: OpaquePointer
    private let sentenceIterator: OpaquePointer
    public let abbreviations: AbbreviationList

    public init(abbreviations: AbbreviationList = .english) throws {
        self.abbreviations = abbreviations
        var status = U_ZERO_ERROR
        guard let words = byline_ubrk_open_word("en", &status), byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "ubrk_open(word)", status: String(cString: byline_u_errorName(status)))
        }
        guard let sentences = byline_ubrk_open_sentence("en", &status), byline_u_failure(status) == 0 else {
            byline_ubrk_close(words)
            throw TextError.icu(call: "ubrk_open(sentence)", status: String(cString: byline_u_errorName(status)))
        }
        wordIterator = words
        sentenceIterator = sentences
    }

    deinit {
        byline_ubrk_close(wordIterator)
        byline_ubrk_close(sentenceIterator)
    }

    /// Tokenizes `text`; offsets are UTF-8 byte offsets into it. With `sentences: false` the sentence
    /// pass is skipped (for short strings such as list entries) and `sentences` comes back empty.
    public func tokenize(_ text: String, sentences: Bool = true) throws -> TokenizedText {
        var text = text
        return try text.withUTF8 { try tokenize(utf8: $0, sentences: sentences) }
    }

    /// Tokenizes valid UTF-8 bytes.
    public func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>, sentences withSentences: Bool = true) throws -> TokenizedText {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return TokenizedText(tokens: [], sentences: []) }
        guard bytes.count < Int(Int32.max) else { throw TextError.tooLarge(bytes: bytes.count, limit: Int(Int32.max) - 1) }
        var status = U_ZERO_ERROR
        let utext = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            byline_utext_openUTF8($0, Int64(bytes.count), &status)
        }
        defer { byline_utext_close(utext) }
        guard byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "utext_openUTF8", status: String(cString: byline_u_errorName(status)))
        }
        var tokens = try wordSegments(utext, bytes)
        mergeAbbreviationsAndEllipses(&tokens, bytes)
        let sentences = withSentences ? try sentenceRanges(utext, bytes, &tokens) : []
        return TokenizedText(tokens: tokens, sentences: sentences)
    }

    // MARK: - Words

    private func wordSegments(_ utext: UnsafeMutablePointer<UText>?, _ bytes: UnsafeBufferPointer<UInt8>) throws -> [Token] {
        var status = U_ZERO_ERROR
        byline_ubrk_setUText(wordIterator, utext, &status)
        guard byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "ubrk_setUText", status: String(cString: byline_u_errorName(status)))
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5 + 8)
        var layout: TokenFlags = [.startsLine, .followsBlankLine]
        var lineBreaks = 2
        var start = Int(byline_ubrk_first(wordIterator))
        while true {
            let end = Int(byline_ubrk_next(wordIterator))
            if end == Int(byline_ubrk_done) { break }
            defer { start = end }
            // A segment opening with white space is a run of it (ICU never joins it to a word); the rule
            // status is asked only for non-ASCII white space, which is rare.
            let first = bytes[start]
            let isSpace = first < 0x80
                ? first == 0x20 || (first >= 0x09 && first <= 0x0D)
                : ScalarProperties.isWhitespace(UTF8ScalarReader.scalar(at: start, in: bytes).0)
                    && byline_ubrk_getRuleStatus(wordIterator) < byline_ubrk_word_none_limit
            if isSpace {
                lineBreaks += Self.countLineBreaks(bytes, start, end)
                layout.insert(.spaceBefore)
                if lineBreaks >= 1 { layout.insert(.startsLine) }
                if lineBreaks >= 2 { layout.insert(.followsBlankLine) }
                continue
            }
            let flags = Self.features(bytes, start, end).union(layout)
            layout = []
            lineBreaks = 0
            if let split = Self.possessiveSplit(bytes, start, end, flags) {
                tokens.append(Token(start: Int32(start), end: Int32(split), flags: flags))
                tokens.append(Token(start: Int32(split), end: Int32(end),
                                    flags: Self.features(bytes, split, end).union(.possessive)))
            } else {
                tokens.append(Token(start: Int32(start), end: Int32(end), flags: flags))
            }
        }
        return tokens
    }

    /// Counts line breaks in a whitespace run; CR LF counts once.
    private static func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var i = start
        while i < end {
            let (c, length) = UTF8ScalarReader.scalar(at: i, in: bytes)
            if ScalarProperties.isLineBreak(c), !(c == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A) { count += 1 }
            i += length
        }
        return count
    }

    /// Where a trailing possessive "'s" / "’s" starts, if the word has one and something before it.
    private static func possessiveSplit(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ flags: TokenFlags) -> Int? {
        guard flags.contains(.alphabetic), end - start >= 3, bytes[end - 1] | 0x20 == 0x73 else { return nil }
        if bytes[end - 2] == 0x27, end - 2 > start { return end - 2 }
        if end - start >= 5, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99, end - 4 > start {
            return end - 4
        }
        return nil
    }

    /// Case, shape and character-class features of the bytes `start..<end`.
    static func features(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFlags {
        asciiFeatures(bytes, start, end) ?? scalarFeatures(bytes, start, end)
    }

    /// `features` code point by code point, with ICU's properties: for any token.
    static func scalarFeatures(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFlags {
        var upper = 0, lower = 0, digits = 0, other = 0, scalars = 0
        var firstLetterUpper: Bool? = nil
        var nonASCII = false, emoji = false, apostrophe = false
        var firstScalar: UInt32 = 0
        var i = start
        while i < end {
            let (c, length) = UTF8ScalarReader.scalar(at: i, in: bytes)
            if scalars == 0 { firstScalar = c }
            scalars += 1
            if length > 1 { nonASCII = true }
            if ScalarProperties.isLetter(c) {
                if ScalarProperties.isUpper(c) {
                    upper += 1
                    if firstLetterUpper == nil { firstLetterUpper = true }
                } else {
                    if ScalarProperties.isLower(c) { lower += 1 }
                    if firstLetterUpper == nil { firstLetterUpper = false }
                }
            } else if ScalarProperties.isDigit(c) {
                digits += 1
            } else if !ScalarProperties.isMark(c) {
                other += 1
                if c == 0x27 || c == 0x2019 { apostrophe = true }
                if nonASCII, ScalarProperties.isEmoji(c) { emoji = true }
            }
            i += length
        }
        var flags: TokenFlags = []
        if !nonASCII { flags.insert(.ascii) }
        let letters = upper + lower
        if letters > 0 {
            flags.insert(.alphabetic)
            if firstLetterUpper == true { flags.insert(.capitalized) }
            if lower == 0 { flags.insert(.allUpper) } else if upper == 0 { flags.insert(.allLower) }
            if apostrophe { flags.insert(.apostrophe) }
        }
        if digits > 0 { flags.insert(.numeric) }
        if letters == 0 && digits == 0 {
            if emoji { flags.insert(.emoji) } else { flags.insert(.punctuation) }
            if scalars == 1, ScalarProperties.isQuotationMark(firstScalar) { flags.insert(.quote) }
            if scalars == 1, ScalarProperties.isDash(firstScalar) { flags.insert(.dash) }
        }
        return flags
    }

    /// `features` for a token of ASCII bytes only (most tokens of English news), from byte arithmetic; nil
    /// when a byte is not ASCII.
    static func asciiFeatures(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFlags? {
        var seen: UInt8 = 0
        var firstLetter: UInt8 = 0
        for i in start..<end {
            let byte = bytes[i]
            guard byte < 0x80 else { return nil }
            let kind: UInt8 = byte &- 0x61 < 26 ? AsciiKind.lower
                : byte &- 0x41 < 26 ? AsciiKind.upper
                : byte &- 0x30 < 10 ? AsciiKind.digit
                : byte == 0x27 ? AsciiKind.apostrophe : AsciiKind.other
            if firstLetter == 0, kind & (AsciiKind.upper | AsciiKind.lower) != 0 { firstLetter = kind }
            seen |= kind
        }
        var flags: TokenFlags = .ascii
        if seen & (AsciiKind.upper | AsciiKind.lower) != 0 {
            flags.insert(.alphabetic)
            if firstLetter == AsciiKind.upper { flags.insert(.capitalized) }
            if seen & AsciiKind.lower == 0 { flags.insert(.allUpper) } else if seen & AsciiKind.upper == 0 { flags.insert(.allLower) }
            if seen & AsciiKind.apostrophe != 0 { flags.insert(.apostrophe) }
        }
        if seen & AsciiKind.digit != 0 { flags.insert(.numeric) }
        if seen & (AsciiKind.upper | AsciiKind.lower | AsciiKind.digit) == 0 {
            flags.insert(.punctuation)
            // The ASCII quotation marks and dash (Unicode's Quotation_Mark and Dash properties).
            if end - start == 1, bytes[start] == 0x22 || bytes[start] == 0x27 { flags.insert(.quote) }
            if end - start == 1, bytes[start] == 0x2D { flags.insert(.dash) }
        }
        return flags
    }

    private enum AsciiKind {
        static let upper: UInt8 = 1, lower: UInt8 = 2, digit: UInt8 = 4, apostrophe: UInt8 = 8, other: UInt8 = 16
    }

    // MARK: - Abbreviations

    /// Joins "word" + "." into one token where the period belongs to the word, and "." runs into an ellipsis.
    private func mergeAbbreviationsAndEllipses(_ tokens: inout [Token], _ bytes: UnsafeBufferPointer<UInt8>) {
        var out = 0
        var i = 0
        let n = tokens.count
        while i < n {
            var token = tokens[i]
            if i + 1 < n, isBarePeriod(tokens[i + 1], bytes), !tokens[i + 1].has(.spaceBefore),
               !tokens[i + 1].has(.startsLine), token.has(.alphabetic), !token.has(.possessive),
               let abbreviation = abbreviationFlags(token, next: i + 2 < n ? tokens[i + 2] : nil, bytes) {
                token.end = tokens[i + 1].end
                token.flags.formUnion(abbreviation)
                i += 1
            } else if isBarePeriod(token, bytes) {
                while i + 1 < n, isBarePeriod(tokens[i + 1], bytes), !tokens[i + 1].has(.spaceBefore) {
                    token.end = tokens[i + 1].end
                    i += 1
                }
            }
            tokens[out] = token
            out += 1
            i += 1
        }
        tokens.removeLast(n - out)
    }

    private func isBarePeriod(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.end - token.start == 1 && bytes[Int(token.start)] == 0x2E
    }

    /// The flags to add when `word` followed by "." is an abbreviation; nil when the period is punctuation.
    private func abbreviationFlags(_ word: Token, next: Token?, _ bytes: UnsafeBufferPointer<UInt8>) -> TokenFlags? {
        let length = word.byteCount
        if length == 1 && word.has(.allUpper) { return [.abbreviation, .initial] }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[word.utf8Range]), as: UTF8.self)
        switch abbreviations.kind(of: text) {
        case .prefix?, .general?: return .abbreviation
        case .number?: return next.map { $0.has(.numeric) } == true ? .abbreviation : nil
        case nil:
            // Dotted acronyms that ICU keeps together ("U.S", "e.g", "N.Y"), in any list or not.
            return text.utf8.contains(0x2E) && length <= 12 ? .abbreviation : nil
        }
    }

    // MARK: - Sentences

    private func sentenceRanges(_ utext: UnsafeMutablePointer<UText>?, _ bytes: UnsafeBufferPointer<UInt8>,
                                _ tokens: inout [Token]) throws -> [Sentence] {
        guard !tokens.isEmpty else { return [] }
        var status = U_ZERO_ERROR
        byline_ubrk_setUText(sentenceIterator, utext, &status)
        guard byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "ubrk_setUText", status: String(cString: byline_u_errorName(status)))
        }
        var sentences: [Sentence] = []
        var first = 0
        var t = 0
        _ = byline_ubrk_first(sentenceIterator)
        while true {
            let boundary = Int(byline_ubrk_next(sentenceIterator))
            if boundary == Int(byline_ubrk_done) || boundary >= bytes.count { break }
            while t < tokens.count && Int(tokens[t].start) < boundary { t += 1 }
            if t == first || t == tokens.count { continue }
            if !tokens[t].has(.startsLine), !endsSentence(tokens[t - 1], before: tokens[t], bytes) { continue }
            sentences.append(makeSentence(first..<t, tokens))
            first = t
        }
        sentences.append(makeSentence(first..<tokens.count, tokens))
        for sentence in sentences { tokens[sentence.tokens.lowerBound].flags.insert(.startsSentence) }
        return sentences
    }

    private func makeSentence(_ range: Range<Int>, _ tokens: [Token]) -> Sentence {
        Sentence(tokens: range, utf8Range: Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end))
    }

    /// Whether a sentence boundary that ICU proposes after `last` stands.
    private func endsSentence(_ last: Token, before next: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard last.has(.abbreviation) else { return true }
        if last.has(.initial) { return false }
        var form = String(decoding: UnsafeBufferPointer(rebasing: bytes[last.utf8Range]), as: UTF8.self)
        form.removeLast()
        switch abbreviations.kind(of: form) {
        case .prefix?, .number?: return false
        case .general?, nil:
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[next.utf8Range]), as: UTF8.self)
            return next.has(.quote) || Self.sentenceOpeners.contains(word)
        }
    }

    /// Words that, capitalised after "Inc." or "U.S.", show that a new sentence has begun.
    private static let sentenceOpeners: Set<String> = Set("""
        The A An He She It They We I You This That These Those There Here But And Or So Yet In On At For \
        After Before When While If As His Her Its Their Our My Your Some Many Most All No Not Now Then Still \
        However Meanwhile Also Last Earlier Later One Two Both Each Such Under Over Since Until Although Though \
        Because What Who Why How Where Which Officials Police Analysts Critics Others Asked Speaking According
        """.split(separator: " ").map(String.init))
}
