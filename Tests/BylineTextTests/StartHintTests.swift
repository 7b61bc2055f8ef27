import Testing
@testable import BylineText

private func matches(_ pattern: RegexPattern, _ text: String) throws -> [Range<Int>] {
    let matcher = RegexMatcher(pattern)
    var found: [Range<Int>] = []
    var text = text
    try text.withUTF8 { bytes in
        try matcher.forEachMatch(in: bytes) { match in
            found.append(match.range)
            return true
        }
    }
    return found
}

@Suite struct StartHintTests {
    @Test func theShadowReplacesPropertiesWithPlainSupersets() {
        #expect(StartHint.shadow(of: #"\p{Lu}x"#) == #"[A-Z\x{80}-\x{10ffff}]x"#)
        #expect(StartHint.shadow(of: #"[\p{Ll}'’-]"#) == #"[a-z\x{80}-\x{10ffff}'’-]"#)
        // A negated class keeps only the ASCII part of an exact property: it then excludes no more than before.
        #expect(StartHint.shadow(of: #"[^\p{L}\p{N}]"#) == #"[^A-Za-z0-9]"#)
        // A property it cannot spell in ASCII turns a negated class into any character.
        #expect(StartHint.shadow(of: #"[^\p{Sc}]a"#) == "(?s:.)a")
        #expect(StartHint.shadow(of: #"^a\d$"#) == #"a[0-9\x{80}-\x{10ffff}]"#)
        #expect(StartHint.shadow(of: #"\Qa\E"#) == nil)
    }

    @Test func aPatternOpeningWithPropertiesGetsAHintAndALiteralOneDoesNot() throws {
        let hinted = try RegexPattern(#"(?<![\p{L}\p{N}\p{M}])(?=\p{Lu})\p{L}+"#, options: .startHint)
        #expect(hinted.startHinted)
        #expect(hinted.source.hasPrefix(#"(?=[\x{41}"#))
        #expect(!(try RegexPattern(#"said\h+\p{Lu}"#, options: .startHint)).startHinted)
        // Every letter and the space may start a match: no use.
        #expect(!(try RegexPattern(#"\p{L}|\h"#, options: .startHint)).startHinted)
        // Option settings stay first, and the groups keep their numbers.
        let named = try RegexPattern(#"(?J)(?<n>\p{Lu})x|(?<n>\d)y"#, options: .startHint)
        #expect(named.source.hasPrefix("(?J)(?=["))
        #expect(named.groupNames.map(\.number) == [1, 2])
    }

    @Test(arguments: [
        #"(?<![\p{L}\p{N}\p{M}])(?=\p{Lu})\p{L}+"#,
        #"\b\p{Lu}\p{Ll}+|\d+"#,
        #"(?:^|(?<=[.!?]\h))\p{Lu}\w*"#,
        #"(?m)(?:^|(?<=[.!?]\h))\p{Lu}\w*"#,
        #"[^\p{L}\h]+"#,
        #"\P{L}\p{Lu}"#,
        #"(?i)\p{Lu}x"#,
        #"\p{Lu}a|b"#,
        #"\p{Lt}|\p{Lo}+"#,
        #"[\p{M}\p{Nd}]+"#,
        #"\S+\s"#,
        #"\W\w"#,
        #"(?i)(?=\p{L})k\w"#,
        #"(?i)(?<!\p{L})s\w+"#,
    ])
    func aHintNeverChangesTheMatches(pattern: String) throws {
        let texts = [
            "Émile met Zoë. Ødegaard said “no” — ǅemal, Ωμέγα and Жанна left. ℂ is a letter; ǈ too.",
            "e\u{301}clair 42 x X ab\u{0308}c 東京 和 😀 Ab 9b\nNew line. Ok! Yes? Ba",
            "\u{212A}elvin and \u{17F}traße, Kelvin and Straße",
            "",
        ]
        let plain = try RegexPattern(pattern)
        let hinted = try RegexPattern(pattern, options: .startHint)
        for text in texts {
            #expect(try matches(hinted, text) == matches(plain, text), "\(pattern) on \(text)")
        }
    }
}
