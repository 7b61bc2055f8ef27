import Foundation
import Testing
@testable import BylineEval

@Suite struct QuoteScoringTests {
    private func quote(_ start: Int, _ end: Int, _ kind: String = "direct", speaker: String? = nil) -> QuoteSpan {
        QuoteSpan(start: start, end: end, kind: kind, speaker: speaker.map { QuoteSpan.Mention(start: 0, end: 1, name: $0) })
    }

    @Test func overlapLevels() {
        var scores = QuoteScores()
        // 90 of 100 shared: not exact, ≥ 80%. 40 of 100: only ≥ 30%.
        scores.add(gold: [quote(0, 100), quote(200, 300)], predicted: [quote(10, 100), quote(260, 300)])
        #expect(scores.exact.matched == 0)
        #expect(scores.overlap80.matched == 1)
        #expect(scores.overlap30.matched == 2)
        #expect(scores.overlap30.precision == 1 && scores.overlap30.recall == 1)
    }

    @Test func oneGoldQuoteMatchesOnePrediction() {
        var scores = QuoteScores()
        scores.add(gold: [quote(0, 100)], predicted: [quote(0, 100), quote(0, 95)])
        #expect(scores.exact.matched == 1 && scores.overlap30.matched == 1 && scores.overlap30.precision == 0.5)
    }

    @Test func kindAndSpeakerOnMatchedQuotes() {
        var scores = QuoteScores()
        scores.add(gold: [quote(0, 50, "direct", speaker: "Maria Okafor"), quote(60, 90, "indirect", speaker: "Li Wen")],
                   predicted: [quote(0, 50, "direct", speaker: "maria okafor"), quote(60, 90, "partial", speaker: "Tom Reyes")])
        #expect(scores.kindCorrect == 1 && scores.kindTotal == 2)
        #expect(scores.speakerCorrect == 1 && scores.speakerTotal == 2)
    }

    @Test func aSpeakerIsRightByItsMentionOrByItsPerson() {
        func mention(_ start: Int, _ end: Int, _ name: String) -> QuoteSpan.Mention { QuoteSpan.Mention(start: start, end: end, name: name) }
        var scores = QuoteScores()
        // 1: same mention, a pronoun with no gold name: right. 2: another mention of the same person: right.
        // 3: another mention, no gold name: wrong. 4: the same mention resolved to the wrong person: wrong.
        let gold = [QuoteSpan(start: 0, end: 10, kind: "direct", speaker: mention(12, 14, "")),
                    QuoteSpan(start: 20, end: 30, kind: "direct", speaker: mention(32, 37, "Maria Okafor")),
                    QuoteSpan(start: 40, end: 50, kind: "direct", speaker: mention(52, 54, "")),
                    QuoteSpan(start: 60, end: 70, kind: "direct", speaker: mention(72, 77, "Tom Reyes"))]
        let predicted = [QuoteSpan(start: 0, end: 10, kind: "direct", speaker: mention(12, 14, "Maria Okafor")),
                         QuoteSpan(start: 20, end: 30, kind: "direct", speaker: mention(2, 14, "Maria Okafor")),
                         QuoteSpan(start: 40, end: 50, kind: "direct", speaker: mention(2, 14, "Maria Okafor")),
                         QuoteSpan(start: 60, end: 70, kind: "direct", speaker: mention(72, 77, "Li Wen"))]
        scores.add(gold: gold, predicted: predicted)
        #expect(scores.speakerMentionCorrect == 2 && scores.speakerMentionTotal == 4)
        #expect(scores.speakerCorrect == 1 && scores.speakerTotal == 2)
        #expect(scores.speakerEitherCorrect == 2 && scores.speakerEitherAccuracy == 0.5)
    }
}

@Suite struct ThresholdTests {
    private let evaluation: Evaluation = {
        let gold = [EntitySpan(start: 0, end: 5, label: "PERSON"), EntitySpan(start: 10, end: 15, label: "PLACE")]
        let predicted = [EntitySpan(start: 0, end: 5, label: "PERSON", rule: "a")]
        return try! Evaluator().evaluate(gold: [LabeledDocument(id: "d", text: String(repeating: "x", count: 20), entities: gold)],
                                         predicted: [LabeledDocument(id: "d", text: String(repeating: "x", count: 20), entities: predicted)])
    }()

    @Test func parsesFractionsAndPercentages() throws {
        #expect(try Threshold(parsing: "PERSON=0.9").minimum == 0.9)
        #expect(try Threshold(parsing: "PERSON=90").minimum == 0.9)
        #expect(throws: GoldErrors.self) { try Threshold(parsing: "PERSON") }
    }

    @Test func reportsScoresBelowTheMinimum() throws {
        let thresholds = try ["PERSON=1", "PLACE=0.5", "micro.partial=0.5", "nonsense=0.1"].map { try Threshold(parsing: $0) }
        let failures = Threshold.failures(thresholds, in: evaluation)
        #expect(failures.count == 2)
        #expect(failures.contains { $0.hasPrefix("PLACE is 0.000") })
        #expect(failures.contains { $0.contains("nonsense: no such score") })
    }
}

@Suite struct ReportTests {
    private func evaluation(predicted: [EntitySpan]) throws -> Evaluation {
        let gold = [EntitySpan(start: 0, end: 5, label: "PERSON"), EntitySpan(start: 10, end: 15, label: "PLACE")]
        return try Evaluator().evaluate(gold: [LabeledDocument(id: "d1", text: "Maria met Paris there", entities: gold)],
                                        predicted: [LabeledDocument(id: "d1", text: "Maria met Paris there", entities: predicted)])
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let e = try evaluation(predicted: [EntitySpan(start: 0, end: 5, label: "PERSON", rule: "p")])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(EvaluationJSON.write(e))) as? [String: Any])
        let entities = try #require(root["entities"] as? [String: Any])
        for key in ["PERSON", "PLACE", "TITLE", "micro"] {
            let schemes = try #require(entities[key] as? [String: Any])
            for scheme in ["strict", "exact", "partial", "type"] {
                let scores = try #require(schemes[scheme] as? [String: Any])
                for field in ["precision", "recall", "f1", "tp", "fp", "fn"] { #expect(scores[field] != nil, "\(key).\(scheme).\(field)") }
            }
        }
        let quotes = try #require(root["quotes"] as? [String: Any])
        for level in ["exact", "overlap80", "overlap30"] { #expect((quotes[level] as? [String: Any])?["f1"] != nil) }
        #expect(quotes["speaker_accuracy"] != nil)
        #expect(((entities["PERSON"] as? [String: Any])?["strict"] as? [String: Any])?["f1"] as? Int == 1)
    }

    @Test func comparisonShowsWhatChanged() throws {
        let before = try evaluation(predicted: [EntitySpan(start: 0, end: 5, label: "PERSON", rule: "p")])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("byline-baseline-\(UUID().uuidString).json")
        try Data(EvaluationJSON.write(before)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let after = try evaluation(predicted: [EntitySpan(start: 10, end: 15, label: "PLACE", rule: "q")])
        let comparison = Comparison(baseline: try Baseline.read(file.path), evaluation: after)
        #expect(comparison.labels.first { $0.label == "PERSON" }.map { ($0.before, $0.after) } ?? (0, 0) == (1, 0))
        #expect(Set(comparison.rules.map(\.rule)) == ["p", "q"])
        let document = try #require(comparison.documents.first)
        #expect(document.fixed == ["FN PLACE 10-15 Paris"])
        #expect(document.newErrors == ["FN PERSON 0-5 Maria"])
        let text = EvaluationReport(style: .markdown, comparison: comparison).render(after)
        #expect(text.contains("### Compared with the baseline"))
        #expect(text.contains("| PERSON | 100.0 | 0.0 | -100.0 |"))
    }

    @Test func aReportOfAnotherKindIsRejected() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("byline-not-a-report-\(UUID().uuidString).json")
        try Data("{\"id\": \"x\"}".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: GoldErrors.self) { try Baseline.read(file.path) }
    }
}
