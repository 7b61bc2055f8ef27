import Foundation
import Testing
@testable import Byline

@Suite struct RuleEngineTests {
    let annotator = try! Fixtures.pipeline.makeAnnotator()

    @Test func rulesUseGazetteerClassesAndEarlierLabels() throws {
        let document = try annotator.annotate(id: "t", text: "UK Foreign Secretary Maria Okafor met John Smith-Jones in Paris.")
        #expect(document.labelled == ["TITLE:UK Foreign Secretary", "PLACE:UK", "PERSON:Maria Okafor",
                                      "PERSON:John Smith-Jones", "PLACE:Paris"])
        let title = document.entities[0]
        #expect(title.rule == "title.before-person" && title.attributes["link"] == "person" && title.role == "title")
    }

    @Test func higherPriorityInternalLabelBlocksAPlace() throws {
        let document = try annotator.annotate(id: "t", text: "The Bank of England and England.")
        #expect(document.labelled == ["PLACE:England"])
        #expect(document.internalSpans.map { document.text(of: $0.utf8Range) } == ["Bank of England"])
        #expect(document.entities[0].utf8Range.lowerBound == 24)
    }

    @Test func nestingIsOnlyWhereDeclared() throws {
        // PLACE may sit inside TITLE (declared); PERSON "Maria Paris" would contain PLACE "Paris" (not declared).
        let document = try annotator.annotate(id: "t", text: "Maria Paris spoke.")
        #expect(document.labelled == ["PERSON:Maria Paris"])
    }

    @Test func examplesRunThroughEarlierPhases() throws {
        let rule = try #require(Fixtures.pipeline.rules.first { $0.id == "title.before-person" })
        let matches = try annotator.matches(of: rule, in: "President Maria Okafor and Foreign Minister John Ode")
        #expect(matches.map { $0["title"] } == ["President", "Foreign Minister"])
        #expect(matches.map { $0["person"] } == ["Maria Okafor", "John Ode"])
    }

    @Test func spanClassMatchesExactlyTheSpanUnderBacktracking() throws {
        // The repeated {PLACE} must match whole places each time, never a place's prefix.
        let url = try Fixtures.ruleSet(replacing: [
            "titles.rules": """
            rule places.list
              pattern: (?<list>{PLACE}(?:,\\h{PLACE})+)\\h(?<tail>\\w+)
              emit: list=TITLE
              example: Paris, New York City, UK met => list="Paris, New York City, UK"
            """,
        ])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let pipeline = try Pipeline.load(configuration: url)
        let rule = try #require(pipeline.rules.first { $0.id == "places.list" })
        let annotator = try pipeline.makeAnnotator()
        #expect(try annotator.matches(of: rule, in: "Paris, New York City, UK met").map { $0["tail"] } == ["met"])
        #expect(try annotator.matches(of: rule, in: "Paris, New Yorkers").isEmpty)
    }
}

@Suite struct OverlapResolverTests {
    private func span(_ label: String, _ range: Range<Int>, priority: Int = 0, rule: String = "r") -> Span {
        Span(label: label, utf8Range: range, rule: rule, priority: priority)
    }

    @Test func priorityThenLengthThenLeftmost() {
        let resolver = OverlapResolver()
        let order: (Span) -> Int = { $0.rule == "first" ? 0 : 1 }
        #expect(resolver.resolve([span("A", 0..<10), span("B", 2..<5, priority: 1)], order: order).map(\.label) == ["B"])
        #expect(resolver.resolve([span("A", 0..<4), span("B", 2..<10)], order: order).map(\.label) == ["B"])
        #expect(resolver.resolve([span("A", 3..<7), span("B", 0..<4)], order: order).map(\.label) == ["B"])
        #expect(resolver.resolve([span("A", 0..<4, rule: "second"), span("B", 0..<4, rule: "first")], order: order).map(\.label) == ["B"])
    }

    @Test func declaredNestingKeepsBoth() {
        let resolver = OverlapResolver(nesting: [NestRule(inner: "PLACE", outer: "TITLE")])
        let kept = resolver.resolve([span("TITLE", 0..<20), span("PLACE", 0..<2), span("PERSON", 18..<30)], order: { _ in 0 })
        #expect(kept.map(\.label) == ["TITLE", "PLACE"])
    }

    @Test func duplicatesCollapse() {
        #expect(OverlapResolver().resolve([span("A", 0..<3), span("A", 0..<3)], order: { _ in 0 }).count == 1)
    }

    @Test func isDeterministicWhateverTheInputOrder() {
        let spans = (0..<50).map { i in span(i % 3 == 0 ? "A" : "B", (i * 7 % 40)..<(i * 7 % 40 + 3 + i % 5), priority: i % 2) }
        let expected = OverlapResolver().resolve(spans, order: { _ in 0 })
        #expect(OverlapResolver().resolve(spans.reversed(), order: { _ in 0 }).map(\.utf8Range) == expected.map(\.utf8Range))
        for (a, b) in zip(expected, expected.dropFirst()) { #expect(!a.utf8Range.overlaps(b.utf8Range)) }
    }
}
