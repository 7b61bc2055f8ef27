/// A look-ahead that tells PCRE2 which characters a match can start with, for patterns whose own start
/// study fails.
///
/// PCRE2 skips quickly to the positions where a match can begin when it can work out the possible first
/// bytes (a "start bitmap"). Unicode properties defeat that study: a pattern opening with
/// `(?<![\p{L}\p{N}\p{M}])(?=\p{Lu})` is tried at every byte. `StartHint` studies a *shadow* of the pattern
/// in which every property (`\p{Lu}`, `\d`, `\w` under UCP, `[^\p{L}]`) is replaced by a plain class that
/// holds at least the same characters (the ASCII ones that have the property, and every non-ASCII
/// character). The shadow matches wherever the pattern does, so the bytes it can start with include the
/// pattern's; written back as a class in a look-ahead (`(?=[A-Z\x{c0}-\x{7ff}…])`), they give PCRE2 its
/// bitmap. The look-ahead takes no text and excludes no match, so matches are unchanged.
enum StartHint {
    /// The look-ahead to put before `pattern`, or nil when the shadow's study finds nothing useful (no
    /// bitmap, or one admitting every ASCII letter and the space) or the pattern is written in a way the
    /// shadow does not handle (`\Q…\E`, POSIX classes; `RegexPattern` asks for no hint in extended mode).
    static func lookahead(for pattern: String, study: (String) -> StartBytes?) -> String? {
        guard let shadow = shadow(of: pattern), let bytes = study(shadow) else { return nil }
        let ascii = (0..<0x80).filter { bytes.contains(UInt8($0)) }
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).allSatisfy { bytes.contains($0) }
            && (UInt8(ascii: "A")...UInt8(ascii: "Z")).allSatisfy { bytes.contains($0) }
        if letters && bytes.contains(0x20) { return nil }
        var items = ascii.map { hex($0) }
        for lead in 0xC2...0xF4 where bytes.contains(UInt8(lead)) {
            let range = codePoints(leadByte: lead)
            items.append(hex(range.lowerBound) + "-" + hex(range.upperBound))
        }
        guard !items.isEmpty else { return nil }
        return "(?=[" + items.joined() + "])"
    }

    /// The bytes a match can start with, as PCRE2's study reports them (a 256-bit set).
    struct StartBytes {
        var bits: [UInt8]  // 32 bytes
        func contains(_ byte: UInt8) -> Bool { bits[Int(byte >> 3)] & (1 << (byte & 7)) != 0 }
    }

    /// The code points whose UTF-8 form starts with `lead` (0xC2…0xF4), without surrogates.
    static func codePoints(leadByte lead: Int) -> ClosedRange<Int> {
        switch lead {
        case 0xC2...0xDF: return ((lead & 0x1F) << 6)...((lead & 0x1F) << 6 | 0x3F)
        case 0xE0: return 0x800...0xFFF
        case 0xED: return 0xD000...0xD7FF
        case 0xE1...0xEF: return ((lead & 0x0F) << 12)...((lead & 0x0F) << 12 | 0xFFF)
        case 0xF0: return 0x10000...0x3FFFF
        case 0xF4: return 0x100000...0x10FFFF
        default: return ((lead & 0x07) << 18)...((lead & 0x07) << 18 | 0x3FFFF)
        }
    }

    /// A code point as a regex escape: `\x{2e}`.
    private static func hex(_ value: Int) -> String { #"\x{"# + String(value, radix: 16) + "}" }

    /// Every non-ASCII character, as class items.
    private static let nonASCII = #"\x{80}-\x{10ffff}"#

    /// The ASCII characters that have a property (`Lu` → `A-Z`) as class items, and whether that list is
    /// exact; for a property this does not know, all of ASCII, not exact (a superset still).
    private static func asciiItems(ofProperty name: String, negated: Bool) -> (items: String, exact: Bool) {
        let known: String? = switch name {
        case "L", "L&", "Lc": "A-Za-z"
        case "Lu": "A-Z"
        case "Ll": "a-z"
        case "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "No", "Nl": ""
        case "N", "Nd": "0-9"
        case "Xan": "A-Za-z0-9"
        case "Xwd": "A-Za-z0-9_"
        case "Xsp", "Xps": #"\x{09}-\x{0d}\x{20}"#
        default: nil
        }
        guard let known else { return (#"\x{00}-\x{7f}"#, false) }
        guard negated else { return (known, true) }
        let members = asciiMembers(known)
        return ((0..<0x80).filter { !members.contains($0) }.map { hex($0) }.joined(), true)
    }

    /// The code points an item list of plain characters and ranges (`A-Za-z`, `\x{09}-\x{0d}`) names.
    private static func asciiMembers(_ items: String) -> Set<Int> {
        var values: [Int] = []
        var rest = Substring(items)
        while let c = rest.unicodeScalars.first {
            if rest.hasPrefix(#"\x{"#), let close = rest.firstIndex(of: "}") {
                values.append(Int(rest[rest.index(rest.startIndex, offsetBy: 3)..<close], radix: 16)!)
                rest = rest[rest.index(after: close)...]
            } else if c == "-" {
                values.append(-1)
                rest = rest.dropFirst()
            } else {
                values.append(Int(c.value))
                rest = rest.dropFirst()
            }
        }
        var members = Set<Int>()
        var i = 0
        while i < values.count {
            if i + 2 < values.count, values[i + 1] == -1 {
                for v in values[i]...values[i + 2] { members.insert(v) }
                i += 3
            } else {
                members.insert(values[i])
                i += 1
            }
        }
        return members
    }

    /// The pattern with every Unicode property replaced by a plain class holding at least the same
    /// characters, and `^`, `$` dropped (an assertion dropped only adds matches); nil when it uses syntax
    /// the rewrite does not handle (`\Q…\E`, POSIX classes).
    static func shadow(of pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        /// The escape at `j` (s[j] is a backslash): the property it stands for, if any, and where it ends.
        func escape(at j: Int) -> (property: (name: String, negated: Bool)?, end: Int)? {
            guard j + 1 < s.count else { return nil }
            let c = s[j + 1]
            switch c {
            case "p", "P":
                if j + 2 < s.count, s[j + 2] == "{" {
                    guard let close = s[(j + 3)...].firstIndex(of: "}") else { return nil }
                    var name = String(text((j + 3)..<close).filter { $0 != " " })
                    var negated = c == "P"
                    if name.hasPrefix("^") { name.removeFirst(); negated.toggle() }
                    return ((name, negated), close + 1)
                }
                guard j + 2 < s.count else { return nil }
                return ((String(s[j + 2]), c == "P"), j + 3)
            case "d": return (("Nd", false), j + 2)
            case "D": return (("Nd", true), j + 2)
            case "w": return (("Xwd", false), j + 2)
            case "W": return (("Xwd", true), j + 2)
            case "s": return (("Xsp", false), j + 2)
            case "S": return (("Xsp", true), j + 2)
            case "Q", "E": return nil
            default: return (nil, j + 2)
            }
        }
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard let (property, end) = escape(at: i) else { return nil }
                if let property {
                    out += "[" + asciiItems(ofProperty: property.name, negated: property.negated).items + nonASCII + "]"
                } else {
                    out += text(i..<end)
                }
                i = end
            } else if c == "^" || c == "$" {
                i += 1
            } else if c == "[" {
                // A positive class takes each property's ASCII part and all of non-ASCII; a negated one
                // takes the ASCII parts only (it then excludes no more than before), or becomes any
                // character when a part is not exact.
                var j = i + 1
                let negated = j < s.count && s[j] == "^"
                if negated { j += 1 }
                var body = ""
                var exact = true
                if j < s.count, s[j] == "]" { body += "]"; j += 1 }
                while j < s.count, s[j] != "]" {
                    if s[j] == "[", j + 1 < s.count, s[j + 1] == ":" { return nil }
                    if s[j] == "\\" {
                        guard let (property, end) = escape(at: j) else { return nil }
                        if let property {
                            let part = asciiItems(ofProperty: property.name, negated: property.negated)
                            body += part.items + (negated ? "" : nonASCII)
                            exact = exact && part.exact
                        } else {
                            body += text(j..<end)
                        }
                        j = end
                    } else {
                        body.unicodeScalars.append(s[j])
                        j += 1
                    }
                }
                guard j < s.count else { return nil }
                if negated && !exact {
                    out += "(?s:.)"
                } else if negated && body.isEmpty {
                    out += "(?s:.)"
                } else {
                    out += "[" + (negated ? "^" : "") + body + "]"
                }
                i = j + 1
            } else {
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }
}
