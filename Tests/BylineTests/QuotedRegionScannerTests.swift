import Testing
@testable import Byline

/// Quotation marks: which pair, which are apostrophes, and how paragraphs chain.
@Suite struct QuotedRegionScannerTests {
    /// (content, closed, chain) of each region.
    private func regions(_ text: String) -> [String] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            QuotedRegionScanner().regions(in: bytes).map { region in
                let content = String(decoding: UnsafeBufferPointer(rebasing: bytes[region.content]), as: UTF8.self)
                return "\(content)|\(region.closed ? "closed" : "open")|\(region.chain)"
            }
        }!
    }

    @Test func straightAndCurlyDoubleMarksPair() {
        #expect(regions(#""We will win," she said. “Not today.”"#) == ["We will win|closed|0", "Not today.|closed|1"])
    }

    @Test func apostrophesAreNotQuotes() {
        #expect(regions("Don't ask O'Brien about the farmers' union or the ’90s.") == [])
        #expect(regions("It isn’t O’Malley’s fault.") == [])
    }

    @Test func singleQuotesInsideDoubleQuotesAreNested() {
        #expect(regions(#""They called it 'a joke', and it was," he said."#) == ["They called it 'a joke', and it was|closed|0"])
        #expect(regions("‘He said “never” twice,’ she recalled.") == ["He said “never” twice|closed|0"])
    }

    @Test func aQuoteOverSeveralParagraphsIsOneChain() {
        let text = "\"First paragraph of the quote.\n\n\"Second paragraph.\n\n\"Last one,\" she said.\n\nThen \"another\" one."
        #expect(regions(text) == ["First paragraph of the quote.|open|0", "Second paragraph.|open|0",
                                  "Last one|closed|0", "another|closed|3"])
    }

    @Test func anUnbalancedMarkStopsAtItsParagraph() {
        let text = "He said \"this never closes.\n\nA new paragraph with \"a real quote\" here."
        #expect(regions(text) == ["this never closes.|open|0", "a real quote|closed|1"])
    }

    @Test func aSingleMarkLeftOpenIsDropped() {
        #expect(regions("The ‘plan had flaws.") == [])
    }

    @Test func theTrailingCommaIsTheWriters() {
        #expect(regions("\"Luck is not a policy,\" she said.") == ["Luck is not a policy|closed|0"])
    }
}
