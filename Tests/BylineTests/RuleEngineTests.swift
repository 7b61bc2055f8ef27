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

    @Test func aSpanWalkResumesAtItsOwnStartAfterBacktracking() throws {
        // "New York" (a second list) and "New York City" are both cities: each pattern first takes the
        // shorter, fails on "City", and must resume walking the span that started at "New", in a repeated
        // group (where a later iteration has started another span meanwhile) and outside one (no mark group).
        let definitions = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/lists.def"), encoding: .utf8)
        let url = try Fixtures.ruleSet(replacing: [
            "lists.def": definitions + "more-places.tsv   case=cap\n",
            "more-places.tsv": "New York\tplace/city\t5128581\n",
            "titles.rules": """
            rule places.repeated
              pattern: (?<list>(?:{place/city}\\h)+)(?<tail>X)
              emit: list=TITLE
            rule places.single
              pattern: (?<one>{place/city})\\h(?<tail>X)
              emit: one=TITLE
            """,
        ])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let pipeline = try Pipeline.load(configuration: url)
        let annotator = try pipeline.makeAnnotator()
        let repeated = try #require(pipeline.rules.first { $0.id == "places.repeated" })
        let single = try #require(pipeline.rules.first { $0.id == "places.single" })
        #expect(try annotator.matches(of: repeated, in: "New York City X").map { $0["list"] } == ["New York City "])
        #expect(try annotator.matches(of: single, in: "New York City X").map { $0["one"] } == ["New York City"])
        #expect(repeated.slotMarks.allSatisfy { $0 != 0 } && single.slotMarks.allSatisfy { $0 == 0 })
    }

    @Test func onlySlotsInsideRepeatedGroupsKeepTheirMarks() {
        let pattern = "(?<_bs0>)a(?:(?<_bs1>)b,)*(?:(?<_bs2>)c)?(?:x(?:(?<_bs3>)d))+(?:(?<_bs4>)e){0,1}(?:(?<_bs5>)f){2,}[(?<_bs6>)]"
        #expect(SlotMarks.repeatedSlots(in: pattern) == [1, 3, 5])
        #expect(SlotMarks.removingMarks(from: "(?<_bs1>)x(?<_bs10>)y", keeping: [10]) == "x(?<_bs10>)y")
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

@Suite struct ResolverEquivalenceTests {
    /// The clustered resolver keeps exactly what one greedy pass over all candidates keeps.
    @Test func clusteredEqualsGreedyOverEverything() {
        var generator = SystemRandomNumberGenerator()
        let nesting: Set<NestRule> = [NestRule(inner: "B", outer: "A")]
        for _ in 0..<200 {
            let spans = (0..<Int.random(in: 1...40, using: &generator)).map { i -> Span in
                let start = Int.random(in: 0..<120, using: &generator)
                return Span(label: ["A", "B", "C"].randomElement(using: &generator)!,
                            utf8Range: start..<start + Int.random(in: 1...15, using: &generator),
                            rule: "r\(i % 4)", priority: Int.random(in: 0...2, using: &generator))
            }
            let order: (Span) -> Int = { Int($0.rule.dropFirst())! }
            let resolver = OverlapResolver(nesting: nesting)
            let fast = resolver.resolve(spans, order: order)
            // Reference: rank everything, keep each span that conflicts with nothing kept so far.
            let ranked = spans.enumerated().sorted { a, b in
                let x = a.element, y = b.element
                if x.priority != y.priority { return x.priority > y.priority }
                if x.length != y.length { return x.length > y.length }
                if x.utf8Range.lowerBound != y.utf8Range.lowerBound { return x.utf8Range.lowerBound < y.utf8Range.lowerBound }
                if order(x) != order(y) { return order(x) < order(y) }
                return a.offset < b.offset
            }.map(\.element)
            var kept: [Span] = []
            for candidate in ranked where !kept.contains(where: { other in
                let x = candidate.utf8Range, y = other.utf8Range
                guard x.overlaps(y) else { return false }
                if x == y && candidate.label == other.label { return true }
                if y.lowerBound <= x.lowerBound && x.upperBound <= y.upperBound && nesting.contains(NestRule(inner: candidate.label, outer: other.label)) { return false }
                if x.lowerBound <= y.lowerBound && y.upperBound <= x.upperBound && nesting.contains(NestRule(inner: other.label, outer: candidate.label)) { return false }
                return true
            }) { kept.append(candidate) }
            let key: (Span) -> String = { "\($0.label)\($0.utf8Range)\($0.rule)\($0.priority)" }
            #expect(Set(fast.map(key)) == Set(kept.map(key)))
            #expect(fast.count == kept.count)
        }
    }
}

@Suite struct CodePointIndexTests {
    @Test func roundTripsAcrossCheckpoints() {
        let pieces = ["a", "é", "€", "🇧🇷", "\r\n", "Ω", " ", "z"]
        var generator = SystemRandomNumberGenerator()
        let text = (0..<2000).map { _ in pieces.randomElement(using: &generator)! }.joined()
        let index = CodePointIndex(text)
        let scalars = Array(text.unicodeScalars)
        #expect(index.codePointCount == scalars.count)
        var byte = 0
        for (codePoint, scalar) in scalars.enumerated() {
            #expect(index.codePointOffset(utf8: byte) == codePoint)
            #expect(index.utf8Offset(codePoint: codePoint) == byte)
            byte += String(scalar).utf8.count
        }
        #expect(index.codePointOffset(utf8: byte) == scalars.count)
        #expect(CodePointIndex("plain ascii").codePointOffset(utf8: 5) == 5)
    }
}

@Suite struct AnchoredRuleTests {
    @Test func onlyPatternsThatMustStartWithAClassAreAnchored() {
        // Span classes as the analysis sees them: a bare callout each.
        func starts(_ pattern: String) -> [Int]? { Prerequisites.startSlots(pattern) }
        let x = #"(?C"S0")"#, y = #"(?C"S1")"#
        #expect(starts(x + ",\\h+(?<t>a|b)") == [0])
        #expect(starts(x + "[|]\\|x") == [0])
        #expect(starts(x + "?,y") == nil)
        #expect(starts(x + "*y") == nil)
        #expect(starts(x + "y|z") == nil)
        #expect(starts("(?:" + x + "|y)") == nil)
        // Inside leading groups: anchored unless a group is optional or has an alternative that may
        // start elsewhere.
        #expect(starts("(?:" + x + ")") == [0])
        #expect(starts("(?<quote>" + x + "),?\\h*(?<s>a|b)") == [0])
        #expect(starts("(?<a>(?:" + x + "x))+y") == [0])
        #expect(starts("(?<quote>" + x + ")?y") == nil)
        #expect(starts("(?<quote>" + x + "|z)y") == nil)
        #expect(starts("(?<a>(?:" + x + ")|z)y") == nil)
        #expect(starts("(?<a>" + x + "){0,2}y") == nil)
        // Several classes: alternatives that each open with one, or optional ones before a required one.
        #expect(starts("(?:" + x + "|" + y + ")z") == [0, 1])
        #expect(starts("(?:" + y + "\\h+)?" + x + "z") == [0, 1])
        #expect(starts("(?:" + y + "\\h+)*" + x) == [0, 1])
        #expect(starts("(?:" + y + "\\h+)?(?:" + x + ")?z") == nil)
        // Lookarounds before the opening take no text: the match still starts with the class.
        #expect(starts("(?<=a)" + x) == [0])
        #expect(starts("(?<![)\\]]-)(?!y|(?:z))(?<name>" + x + "w)") == [0])
        #expect(starts("(?=a)(?:" + x + "|y)") == nil)
        #expect(starts("(?=a)y" + x) == nil)
        #expect(starts("(?=a|" + x + ")") == nil)
        #expect(starts("(?!" + y + ")" + x) == [0])
        // \G holds where a search starts, not at every span: not followed.
        #expect(starts("\\G" + x) == nil)
    }

    @Test func aSpanEndingInsideAWordIsStillMatchedWhole() throws {
        // Span classes are walked a word run at a time, unless a span of the class ends inside a word in
        // this document: then character by character, so "{PERSON}x" still matches the PERSON "Okafo" of
        // "Okafox" that a rule made.
        let people = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/people.rules"), encoding: .utf8) + """

        rule person.stem
          pattern: (?<name>Okafo)x
          emit: name=PERSON
        """
        let titles = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/titles.rules"), encoding: .utf8) + """

        rule title.after-stem
          pattern: (?<![\\p{L}])(?<title>{PERSON}x)
          emit: title=TITLE
        """
        let url = try Fixtures.ruleSet(replacing: ["people.rules": people, "titles.rules": titles])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let pipeline = try Pipeline.load(configuration: url)
        let rule = try #require(pipeline.rules.first { $0.id == "title.after-stem" })
        #expect(rule.exactPattern != nil && rule.anchoredPattern != nil)
        let document = try pipeline.makeAnnotator().annotate(id: "t", text: "They met Okafox and Maria Okafor.")
        #expect(document.entities.filter { $0.rule == "title.after-stem" }.map { document.text(of: $0.utf8Range) } == ["Okafox"])
    }

    @Test func anchoredRulesFindWhatAScanFinds() throws {
        // A rule opening with {PERSON} runs anchored at PERSON starts; it must find every match a scan finds.
        let titles = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/titles.rules"), encoding: .utf8) + """

        rule title.apposition
          pattern: {PERSON},\\h+(?:the|a)\\h+(?<title>(?:former\\h+)?{title})
          emit: title=TITLE
        """
        let url = try Fixtures.ruleSet(replacing: ["titles.rules": titles])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let pipeline = try Pipeline.load(configuration: url)
        let rule = try #require(pipeline.rules.first { $0.id == "title.apposition" })
        #expect(rule.anchoredPattern != nil)
        let document = try pipeline.makeAnnotator().annotate(id: "t", text: "Maria Okafor, the foreign minister, met John Reyes, a former president.")
        #expect(document.entities.filter { $0.rule == "title.apposition" }.map { document.text(of: $0.utf8Range) } == ["foreign minister", "former president"])
    }
}
