import Testing
@testable import BylineEval

private func span(_ start: Int, _ end: Int, _ label: String, rule: String = "r") -> EntitySpan {
    EntitySpan(start: start, end: end, label: label, rule: rule)
}

private func evaluate(_ gold: [EntitySpan], _ predicted: [EntitySpan], text: String = String(repeating: "x", count: 100)) throws -> Evaluation {
    try Evaluator().evaluate(gold: [LabeledDocument(id: "d", text: text, entities: gold)],
                             predicted: [LabeledDocument(id: "d", text: text, entities: predicted)])
}

@Suite struct EntityScoringTests {
    @Test func perfectPredictionScoresOneUnderEveryScheme() throws {
        let e = try evaluate([span(0, 5, "PERSON"), span(10, 15, "PLACE")], [span(0, 5, "PERSON"), span(10, 15, "PLACE")])
        for scheme in EntityScheme.allCases { #expect(e.entities["micro"]?[scheme]?.f1 == 1) }
    }

    @Test func emptyGoldAndEmptyPrediction() throws {
        let none = try evaluate([], [])
        #expect(none.microStrict.f1 == 0 && none.microStrict.possible == 0 && none.microStrict.actual == 0)
        let onlyPredicted = try evaluate([], [span(0, 3, "PLACE")])
        #expect(onlyPredicted.microStrict.spurious == 1 && onlyPredicted.microStrict.precision == 0)
        let onlyGold = try evaluate([span(0, 3, "PLACE")], [])
        #expect(onlyGold.microStrict.missed == 1 && onlyGold.microStrict.recall == 0)
    }

    @Test func theFourSchemesDisagreeAsSemEvalSays() throws {
        // Wrong label, same boundaries: exact and partial accept it, strict and type do not.
        let wrongLabel = try evaluate([span(0, 5, "PERSON")], [span(0, 5, "PLACE")])
        #expect(wrongLabel.entities["micro"]![.strict]!.incorrect == 1)
        #expect(wrongLabel.entities["micro"]![.exact]!.correct == 1)
        #expect(wrongLabel.entities["micro"]![.partial]!.correct == 1)
        #expect(wrongLabel.entities["micro"]![.type]!.incorrect == 1)
        // Right label, boundary off by one word: only partial (half credit) and type accept it.
        let shifted = try evaluate([span(0, 10, "PERSON")], [span(0, 5, "PERSON")])
        #expect(shifted.entities["micro"]![.strict]!.f1 == 0)
        #expect(shifted.entities["micro"]![.exact]!.incorrect == 1)
        #expect(shifted.entities["micro"]![.partial]!.partial == 1)
        #expect(shifted.entities["micro"]![.partial]!.f1 == 0.5)
        #expect(shifted.entities["micro"]![.type]!.f1 == 1)
    }

    @Test func nestedSpansAreScoredIndependently() throws {
        // "UK Foreign Secretary" with "UK" inside: both gold, both predicted.
        let gold = [span(0, 20, "TITLE"), span(0, 2, "PLACE")]
        let e = try evaluate(gold, gold)
        #expect(e.microStrict.correct == 2)
        #expect(e.entities["TITLE"]![.strict]!.f1 == 1 && e.entities["PLACE"]![.strict]!.f1 == 1)
        // Predicting only the outer span misses the inner one.
        let outer = try evaluate(gold, [span(0, 20, "TITLE")])
        #expect(outer.microStrict.correct == 1 && outer.microStrict.missed == 1)
    }

    @Test func crossingSpansCountAsIncorrectNotTwice() throws {
        let e = try evaluate([span(0, 10, "PERSON"), span(12, 20, "PLACE")], [span(5, 15, "PERSON")])
        let strict = e.entities["micro"]![.strict]!
        #expect(strict.incorrect == 1 && strict.missed == 1 && strict.spurious == 0)
    }

    @Test func duplicatePredictionsCountOnce() throws {
        let e = try evaluate([span(0, 5, "PERSON")], [span(0, 5, "PERSON"), span(0, 5, "PERSON", rule: "other")])
        #expect(e.microStrict.correct == 1 && e.microStrict.spurious == 0 && e.microStrict.f1 == 1)
    }

    @Test func perLabelScoresOnlySeeTheirLabel() throws {
        let e = try evaluate([span(0, 5, "PERSON"), span(10, 15, "PLACE")], [span(0, 5, "PERSON"), span(20, 25, "PLACE")])
        #expect(e.entities["PERSON"]![.strict]!.f1 == 1)
        #expect(e.entities["PLACE"]![.strict]!.f1 == 0)
        #expect(e.entities["TITLE"]![.strict]!.possible == 0)
        #expect(abs(e.macro(.strict).f1 - 1.0 / 3) < 1e-9)
    }

    @Test func rulesAreRankedByWhatTheyCost() throws {
        let gold = [span(0, 5, "PERSON"), span(10, 15, "PLACE")]
        let predicted = [span(0, 5, "PERSON", rule: "good"), span(10, 15, "PLACE", rule: "good"),
                         span(30, 35, "PLACE", rule: "bad"), span(40, 45, "PLACE", rule: "bad")]
        let e = try evaluate(gold, predicted)
        #expect(e.rules.map(\.rule) == ["bad", "good"])
        #expect(e.rules[0].produced == 2 && e.rules[0].correct == 0 && e.rules[0].delta > 0)
        #expect(e.rules[1].precision == 1 && e.rules[1].delta < 0)
    }

    @Test func errorsNameTheRuleAndTheContext() throws {
        let text = "Officials in Kenya met Maria Okafor on Monday."
        let e = try evaluate([span(13, 18, "PLACE"), span(23, 35, "PERSON")], [span(13, 18, "PERSON", rule: "person.bad")], text: text)
        let errors = e.documents[0].errors
        #expect(errors.count == 3)
        let fp = try #require(errors.first { $0.kind == .falsePositive })
        #expect(fp.rule == "person.bad" && fp.text == "Kenya" && fp.detail == "gold PLACE 'Kenya'")
        #expect(fp.context.contains("⟦Kenya⟧"))
        #expect(errors.contains { $0.kind == .falseNegative && $0.text == "Maria Okafor" && $0.detail == "nothing predicted there" })
    }

    @Test func missingPredictionsAreEmptyAndListed() throws {
        let e = try Evaluator().evaluate(gold: [LabeledDocument(id: "a", text: "Paris", entities: [span(0, 5, "PLACE")])],
                                         predicted: [LabeledDocument(id: "b", text: "x")])
        #expect(e.missingPredictions == ["a"] && e.unmatchedPredictions == ["b"])
        #expect(e.microStrict.missed == 1)
    }

    @Test func aPredictionOfAnotherTextIsAnError() {
        #expect(throws: GoldErrors.self) {
            try Evaluator().evaluate(gold: [LabeledDocument(id: "a", text: "Paris")], predicted: [LabeledDocument(id: "a", text: "Rome")])
        }
    }

    @Test func titleAndNameLinksAreScoredOnMatchedSpans() throws {
        var goldTitle = span(0, 9, "TITLE"); goldTitle.attributes["person"] = "10"
        var goldPerson = span(10, 16, "PERSON"); goldPerson.attributes["name"] = "Maria Okafor"
        var predTitle = goldTitle; predTitle.attributes["person"] = "10"
        var predPerson = goldPerson; predPerson.attributes["name"] = "maria okafor"
        let e = try evaluate([goldTitle, goldPerson], [predTitle, predPerson])
        #expect(e.links.titleCorrect == 1 && e.links.titleTotal == 1)
        #expect(e.links.nameCorrect == 1 && e.links.nameTotal == 1)
    }

    @Test func onlyLabelsTurnOtherGoldIntoIgnoredRegions() throws {
        // CoNLL: "Bank of England" is ORG; a predicted PLACE "England" inside it is neither right nor wrong.
        let text = "The Bank of England and Paris and Ann"
        let gold = [span(4, 19, "ORG"), span(24, 29, "PLACE"), span(34, 37, "PERSON")]
        let predicted = [span(12, 19, "PLACE"), span(24, 29, "PLACE"), span(34, 37, "PERSON"), span(0, 3, "TITLE")]
        let e = try Evaluator(onlyLabels: ["PERSON", "PLACE"]).evaluate(
            gold: [LabeledDocument(id: "d", text: text, entities: gold)],
            predicted: [LabeledDocument(id: "d", text: text, entities: predicted)])
        #expect(e.labels == ["PERSON", "PLACE"])
        #expect(e.microStrict.correct == 2 && e.microStrict.spurious == 0 && e.microStrict.missed == 0)
    }
}
