/// Reads a PCRE2 pattern and works out its `Prerequisites` (see there): a recursive descent over the
/// syntax the rules use, failing (`Unsupported`) on anything else.
struct PatternAnalyzer {
    /// What is known of a piece of a pattern.
    struct Info {
        /// Every text the piece can match, when they are few and short (nil: unknown).
        var exact: [[UInt8]]?
        /// Clauses every match of the piece satisfies.
        var clauses: [[Prerequisites.Atom]] = []
        /// The clauses whose atom lies at or after where the piece starts (all but a look-behind's).
        var ahead: Set<[Prerequisites.Atom]> = []
        /// Whether the piece can read a line feed, and where.
        var lineFeed = LineFeed.none
        /// Whether the piece takes no text (an assertion, a look-around).
        var zeroWidth = false
        /// Whether the piece reads any text (a negative look-around or `\b` does not, for this purpose).
        var reads = true
        /// The slots one of whose spans starts where any text the piece takes starts (empty: it takes
        /// none; nil: it may start with anything else).
        var starts: Set<Int>? = nil
        /// Whether the piece can match the empty text.
        var nullable = false

        static let empty = Info(exact: [[]], zeroWidth: true, reads: false, starts: [], nullable: true)
        static let unknown = Info(exact: nil)

        /// One character that may be a line feed (or a span that starts here: `lineFeed` none).
        static func character(mayBeLineFeed: Bool) -> Info {
            Info(exact: nil, lineFeed: mayBeLineFeed ? .last : .none)
        }
    }

    /// Where a piece can read a line feed.
    enum LineFeed: Int, Comparable {
        case none
        /// Only as the last byte it reads: what it reads stays on the line where it starts (the line
        /// feed ends that line).
        case last
        /// Somewhere it may read on past one.
        case inside
        static func < (a: LineFeed, b: LineFeed) -> Bool { a.rawValue < b.rawValue }
    }

    struct Unsupported: Error {}

    static let exactLimit = 16
    static let exactLengthLimit = 40

    private let s: [Unicode.Scalar]
    private var i = 0
    private var caseless: Bool

    init(_ scalars: [Unicode.Scalar], caseless: Bool) {
        s = scalars
        self.caseless = caseless
    }

    /// What is known of `pattern` (an expanded rule pattern with each span class a bare `(?C"S<slot>")`),
    /// or nil when it uses syntax the analysis does not follow.
    static func analyse(_ pattern: String, caseless: Bool = false, extended: Bool = false) -> Info? {
        guard !extended else { return nil }
        var parser = PatternAnalyzer(Array(pattern.unicodeScalars), caseless: caseless)
        return try? parser.whole()
    }

    mutating func whole() throws -> Info {
        let info = try alternation()
        guard i == s.count else { throw Unsupported() }
        return info
    }

    // MARK: - Syntax

    private var atEnd: Bool { i >= s.count }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }
    private func starts(with text: String) -> Bool {
        let t = Array(text.unicodeScalars)
        return i + t.count <= s.count && Array(s[i..<(i + t.count)]) == t
    }

    /// Branches separated by `|`, up to a `)` (not consumed) or the end.
    private mutating func alternation() throws -> Info {
        var branches = [try sequence()]
        while peek() == "|" {
            i += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : Self.either(branches)
    }

    /// Items up to `|`, `)` or the end.
    private mutating func sequence() throws -> Info {
        var items: [Info] = []
        while let c = peek(), c != "|", c != ")" {
            if let item = try quantified() { items.append(item) }
        }
        return Self.concatenation(items)
    }

    /// One item with its quantifier, or nil for an option setting such as `(?i)`.
    private mutating func quantified() throws -> Info? {
        guard let item = try item() else { return nil }
        guard let (min, max) = try quantifier() else { return item }
        if peek() == "?" || peek() == "+" { i += 1 }
        return Self.repetition(item, min: min, max: max)
    }

    /// A quantifier at the cursor (consumed), or nil; `{` that opens no quantifier is a literal (PCRE2 10.42).
    private mutating func quantifier() throws -> (Int, Int?)? {
        switch peek() {
        case "?": i += 1; return (0, 1)
        case "*": i += 1; return (0, nil)
        case "+": i += 1; return (1, nil)
        case "{":
            var j = i + 1
            func number() -> Int? {
                var value: Int?
                while j < s.count, s[j].value >= 0x30, s[j].value <= 0x39 {
                    value = (value ?? 0) * 10 + Int(s[j].value - 0x30)
                    j += 1
                }
                return value
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if j < s.count, s[j] == "," {
                j += 1
                high = number()
            }
            guard j < s.count, s[j] == "}" else { return nil }
            i = j + 1
            return (low, high)
        default:
            return nil
        }
    }

    private mutating func item() throws -> Info? {
        let c = s[i]
        switch c {
        case "(":
            return try group()
        case "[":
            return try characterClass()
        case "\\":
            return try escape()
        case ".":
            // Without dot-all a dot skips a line feed only where PCRE2's newline convention is LF or
            // similar; the rules hardly use it, so it counts as crossing whatever the build.
            i += 1
            return .character(mayBeLineFeed: true)
        case "^", "$":
            i += 1
            return .empty
        case "*", "+", "?":
            throw Unsupported()  // a quantifier with nothing to repeat
        case "{" where try quantifierAhead() || peek(1) == ",":
            // "{,3}" is text in PCRE2 10.42 and a quantifier in later versions: not followed either way.
            throw Unsupported()
        default:
            i += 1
            return literal(c)
        }
    }

    /// Whether a quantifier stands at the cursor without an item before it.
    private mutating func quantifierAhead() throws -> Bool {
        let saved = i
        defer { i = saved }
        return try quantifier() != nil
    }

    private func literal(_ c: Unicode.Scalar) -> Info {
        var info = Info.character(mayBeLineFeed: c == "\n")
        if !(caseless && c.properties.changesWhenCaseMapped) { info.exact = [Array(String(c).utf8)] }
        return info
    }

    private mutating func group() throws -> Info? {
        i += 1  // "("
        // Options set inside a group end with it; "(?i)" alone sets them to the end of the enclosing one.
        let saved = caseless
        var restores = true
        defer { if restores { caseless = saved } }
        if peek() == "*" { throw Unsupported() }
        guard peek() == "?" else { return try closing(try alternation()) }
        i += 1
        guard let c = peek() else { throw Unsupported() }
        switch c {
        case ":", ">", "|":
            i += 1
            return try closing(try alternation())
        case "=", "!":
            i += 1
            return try closing(Self.lookaround(try alternation(), positive: c == "=", behind: false))
        case "<" where peek(1) == "=" || peek(1) == "!":
            let positive = peek(1) == "="
            i += 2
            return try closing(Self.lookaround(try alternation(), positive: positive, behind: true))
        case "<", "'":
            try skipName(closer: c == "<" ? ">" : "'")
            return try closing(try alternation())
        case "P" where peek(1) == "<":
            i += 1
            try skipName(closer: ">")
            return try closing(try alternation())
        case "#":
            while let d = peek(), d != ")" { i += 1 }
            return try closing(.empty)
        case "C":
            return try callout()
        case "(":
            return try conditional()
        default:
            // Option letters: "(?i)" sets them to the end of the enclosing group, "(?i:…)" inside.
            var on = true
            while let d = peek(), d != ")", d != ":" {
                switch d {
                case "-": on = false
                case "i": caseless = on
                case "s", "m", "n", "J", "U": break
                case "^": caseless = false
                default: throw Unsupported()  // extended mode, recursion, references
                }
                i += 1
            }
            guard let end = peek() else { throw Unsupported() }
            i += 1
            if end == ":" { return try closing(try alternation()) }
            restores = false
            return nil
        }
    }

    /// Consumes the `)` that ends a group, or fails.
    private mutating func closing(_ info: Info) throws -> Info {
        guard peek() == ")" else { throw Unsupported() }
        i += 1
        return info
    }

    private mutating func skipName(closer: Unicode.Scalar) throws {
        i += 1
        while let d = peek(), d != closer {
            guard d.isASCII, d.properties.isAlphabetic || d.properties.numericType != nil || d == "_" else { throw Unsupported() }
            i += 1
        }
        guard peek() == closer else { throw Unsupported() }
        i += 1
    }

    /// `(?C"S3")`: a span of slot 3's class starts here. Other callouts take no text and need nothing.
    private mutating func callout() throws -> Info {
        i += 1  // "C"
        guard peek() == "\"" else { throw Unsupported() }
        i += 1
        var argument = ""
        while let d = peek(), d != "\"" { argument.unicodeScalars.append(d); i += 1 }
        guard peek() == "\"" else { throw Unsupported() }
        i += 1
        _ = try closing(.empty)
        if argument.first == "S", let slot = Int(argument.dropFirst()) {
            var info = Info.unknown
            info.clauses = [[.span(slot: slot)]]
            info.ahead = [[.span(slot: slot)]]
            info.starts = [slot]
            return info
        }
        return .empty
    }

    /// `(?(condition)yes|no)`: either branch; the condition reads text but takes none.
    private mutating func conditional() throws -> Info {
        i += 1  // the condition's "("
        if peek() == "?" {
            // An assertion: parse it for its syntax, keep nothing.
            i += 1
            guard let c = peek() else { throw Unsupported() }
            if c == "=" || c == "!" { i += 1 } else if c == "<", peek(1) == "=" || peek(1) == "!" { i += 2 } else { throw Unsupported() }
            _ = try closing(try alternation())
        } else {
            if starts(with: "DEFINE") || starts(with: "R") { throw Unsupported() }
            while let d = peek(), d != ")" {
                guard d.isASCII, d.properties.isAlphabetic || d.properties.numericType != nil || "_<>'+-".unicodeScalars.contains(d) else { throw Unsupported() }
                i += 1
            }
            i += 1
        }
        var branches = [try sequence()]
        while peek() == "|" {
            i += 1
            branches.append(try sequence())
        }
        guard branches.count <= 2 else { throw Unsupported() }
        if branches.count == 1 { branches.append(.empty) }
        return try closing(Self.either(branches))
    }

    private mutating func escape() throws -> Info {
        i += 1
        guard let c = peek() else { throw Unsupported() }
        i += 1
        switch c {
        case "b", "B", "A", "z", "Z", "K", "E":
            return .empty
        case "G":
            // Holds only where a search starts: a match found by trying span starts one by one would differ.
            throw Unsupported()
        case "d", "w", "h", "S", "V", "N":
            if c == "N" && peek() == "{" { throw Unsupported() }
            return .character(mayBeLineFeed: false)
        case "D", "W", "s", "v", "H", "R", "X", "C":
            return .character(mayBeLineFeed: true)
        case "p", "P":
            let name = try propertyName()
            return .character(mayBeLineFeed: c == "P" || Self.propertyMayHoldLineBreak(name))
        default:
            return literal(try escapedCharacter(c, inClass: false))
        }
    }

    /// The character a character escape stands for (its `\` and `e` consumed): `\x{…}`, `\t`, `\n`, …,
    /// `\b` (a backspace, inside a class only) or an escaped symbol (`\.` `\(` `\-`); anything else is
    /// not followed.
    private mutating func escapedCharacter(_ e: Unicode.Scalar, inClass: Bool) throws -> Unicode.Scalar {
        switch e {
        case "x": return try hexEscape()
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "a": return "\u{07}"
        case "b" where inClass: return "\u{08}"
        default:
            guard e.isASCII, !e.properties.isAlphabetic, e.properties.numericType == nil else { throw Unsupported() }
            return e
        }
    }

    /// The name of `\p{Name}` or `\pL` (the `\p` consumed).
    private mutating func propertyName() throws -> String {
        guard let c = peek() else { throw Unsupported() }
        i += 1
        guard c == "{" else { return String(c) }
        var name = ""
        while let d = peek(), d != "}" { name.unicodeScalars.append(d); i += 1 }
        guard peek() == "}" else { throw Unsupported() }
        i += 1
        return name
    }

    /// Whether `\p{name}` may match a line feed (a control character): a conservative yes for the
    /// properties that are not plainly letters, marks, numbers, punctuation, symbols or separators.
    static func propertyMayHoldLineBreak(_ name: String) -> Bool {
        let safe: Set<String> = ["L", "L&", "Lc", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
                                 "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
                                 "Z", "Zs", "Zl", "Zp", "Xan", "Xwd", "Latin", "Greek", "Cyrillic", "Han", "Arabic"]
        return !safe.contains(name)
    }

    /// The code point of `\x{hhhh}` or `\xhh` (the `\x` consumed).
    private mutating func hexEscape() throws -> Unicode.Scalar {
        var digits = ""
        if peek() == "{" {
            i += 1
            while let d = peek(), d != "}" { digits.unicodeScalars.append(d); i += 1 }
            guard peek() == "}" else { throw Unsupported() }
            i += 1
        } else {
            while digits.count < 2, let d = peek(), d.properties.isASCIIHexDigit { digits.unicodeScalars.append(d); i += 1 }
        }
        guard let value = UInt32(digits.isEmpty ? "0" : digits, radix: 16), let scalar = Unicode.Scalar(value) else { throw Unsupported() }
        return scalar
    }

    /// `[…]`: its members when they are few plain characters; whether it may match a line feed.
    private mutating func characterClass() throws -> Info {
        i += 1
        var negated = false
        if peek() == "^" { negated = true; i += 1 }
        var members: [Unicode.Scalar] = []
        var enumerable = true
        var mayHoldLineBreak = false, holdsLineBreak = false
        var first = true
        while let c = peek(), c != "]" || first {
            first = false
            var low: Unicode.Scalar
            if c == "[" && peek(1) == ":" { throw Unsupported() }
            if c == "\\" {
                i += 1
                guard let e = peek() else { throw Unsupported() }
                i += 1
                switch e {
                case "d", "w", "h", "S", "V", "N":
                    enumerable = false
                    continue
                case "D", "W", "H", "R", "X":
                    enumerable = false; mayHoldLineBreak = true
                    continue
                case "s", "v":
                    enumerable = false; mayHoldLineBreak = true; holdsLineBreak = true
                    continue
                case "p", "P":
                    let name = try propertyName()
                    enumerable = false
                    if e == "P" || Self.propertyMayHoldLineBreak(name) { mayHoldLineBreak = true }
                    if e == "p" && (name == "Cc" || name == "C" || name == "Any") { holdsLineBreak = true }
                    continue
                default:
                    low = try escapedCharacter(e, inClass: true)
                }
            } else {
                low = c
                i += 1
            }
            // A range "a-z" (a '-' before ']' is a literal).
            if peek() == "-", let next = peek(1), next != "]" {
                i += 1
                var high: Unicode.Scalar
                if next == "\\" {
                    i += 1
                    guard let e = peek() else { throw Unsupported() }
                    i += 1
                    high = try escapedCharacter(e, inClass: true)
                } else {
                    high = next
                    i += 1
                }
                guard low.value <= high.value else { throw Unsupported() }
                if low.value <= 0x0A && 0x0A <= high.value { mayHoldLineBreak = true; holdsLineBreak = true }
                if high.value - low.value < 4 {
                    for v in low.value...high.value { if let scalar = Unicode.Scalar(v) { members.append(scalar) } }
                } else {
                    enumerable = false
                }
                continue
            }
            if low == "\n" { mayHoldLineBreak = true; holdsLineBreak = true }
            members.append(low)
        }
        guard peek() == "]" else { throw Unsupported() }
        i += 1
        if negated { return .character(mayBeLineFeed: !holdsLineBreak) }
        var info = Info.character(mayBeLineFeed: mayHoldLineBreak)
        if enumerable, members.count <= 8, !(caseless && members.contains(where: \.properties.changesWhenCaseMapped)) {
            var seen = Set<[UInt8]>()
            info.exact = members.map { Array(String($0).utf8) }.filter { seen.insert($0).inserted }
        }
        return info
    }
}
