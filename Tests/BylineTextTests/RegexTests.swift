import Testing
@testable import BylineText

private func allMatches(_ pattern: String, _ text: String) throws -> [String] {
    let matcher = RegexMatcher(try RegexPattern(pattern))
    var found: [String] = []
    var text = text
    try text.withUTF8 { bytes in
        try matcher.forEachMatch(in: bytes) { match in
            found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[match.range]), as: UTF8.self))
            return true
        }
    }
    return found
}

@Suite struct RegexTests {
    @Test func findsAllMatchesInUTF8WithUnicodeClasses() throws {
        #expect(try allMatches(#"\p{Lu}\p{Ll}+"#, "Émile met Zoë and Ødegaard") == ["Émile", "Zoë", "Ødegaard"])
        #expect(try allMatches(#"\w+"#, "naïve café") == ["naïve", "café"])
    }

    @Test func namedGroups() throws {
        let pattern = try RegexPattern(#"(?<title>Minister)\h+(?<name>\p{Lu}\w+)"#)
        #expect(pattern.groupNumbers == ["title": 1, "name": 2])
        #expect(pattern.isJITCompiled)
        let matcher = RegexMatcher(pattern)
        var text = "the Minister Okafor spoke"
        var name = ""
        try text.withUTF8 { bytes in
            try matcher.forEachMatch(in: bytes) { match in
                name = String(decoding: UnsafeBufferPointer(rebasing: bytes[match.range(ofGroup: 2)!]), as: UTF8.self)
                return false
            }
        }
        #expect(name == "Okafor")
    }

    @Test func emptyMatchesAdvanceOneCharacter() throws {
        #expect(try allMatches("x*", "aéx").filter { !$0.isEmpty } == ["x"])
        #expect(try allMatches(#"\b"#, "ab cd").count == 4)
    }

    @Test func syntaxErrorsCarryTheOffset() {
        #expect {
            _ = try RegexPattern("(abc")
        } throws: { error in
            if case TextError.patternSyntax(let message, let offset)? = error as? TextError {
                return offset == 4 && message.contains("missing closing parenthesis")
            }
            return false
        }
    }

    @Test func catastrophicBacktrackingHitsTheLimit() throws {
        let matcher = RegexMatcher(try RegexPattern(#"^(\w+\s?)*$"#), limits: MatchLimits(matchLimit: 100_000))
        let subject = String(repeating: "word ", count: 40) + "!"
        #expect {
            _ = try matcher.matches(subject)
        } throws: { error in
            if case TextError.matchLimitExceeded? = error as? TextError { return true }
            return false
        }
    }

    /// Allows matches to start only at one byte offset.
    final class OnlyAt: RegexCalloutHandler {
        let position: Int
        init(_ position: Int) { self.position = position }
        override func callout(_ callout: RegexCallout) -> CalloutVerdict { callout.position == position ? .proceed : .fail }
    }

    @Test func calloutsCanRejectPositions() throws {
        let matcher = RegexMatcher(try RegexPattern(#"(?C1)\w+"#))
        let handler = OnlyAt(4)
        matcher.calloutHandler = handler
        var text = "one two three"
        var found: [Range<Int>] = []
        try text.withUTF8 { bytes in try matcher.forEachMatch(in: bytes) { found.append($0.range); return true } }
        #expect(found == [4..<7])
        withExtendedLifetime(handler) {}
    }
}
