import Foundation
import Testing
@testable import Byline

/// `Rules/lists-only.conf`: the shipped lists without any rule, the dictionary tagging that spaCy's
/// EntityRuler does (and the rule set the benchmark compares with it).
@Suite struct ListsOnlyRuleSetTests {
    static let pipeline: Pipeline = try! Pipeline.load(
        configuration: ShippedGazetteerTests.root.appendingPathComponent("Rules/lists-only.conf"))

    @Test func loadsTheListsAndNoRule() {
        #expect(Self.pipeline.rules.isEmpty)
        #expect(Self.pipeline.quotePhase == nil)
        #expect(Self.pipeline.gazetteer.entries.count == ShippedGazetteerTests.gazetteer.entries.count)
    }

    @Test func tagsWhatTheListsNameAndNothingElse() throws {
        let text = "Maria Okafor flew from Nairobi to São Paulo, and the china in Geneva was fine, she said."
        let document = try Self.pipeline.makeAnnotator().annotate(id: "t", text: text)
        // No rule finds the unlisted person, the quote or the title; the case policy still turns down
        // "china" (porcelain), and every span names the list that made it.
        #expect(document.labelled == ["PLACE:Nairobi", "PLACE:São Paulo", "PLACE:Geneva"])
        #expect(document.entities.allSatisfy { $0.rule.hasPrefix("gazetteer:") })
        #expect(document.quotes.isEmpty)
        // The full rule set finds the same places, and the person besides.
        let full = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        #expect(full.labelled == ["PERSON:Maria Okafor"] + document.labelled)
    }

    @Test func skipsTheSentencePassOnlyWhereNothingReadsSentences() throws {
        let text = "Okafor flew to Nairobi. She met Wanjiku there."
        let lists = try Self.pipeline.makeAnnotator()
        #expect(try lists.annotate(id: "t", text: text).sentences.count == 2)
        lists.findsSentences = false
        let unsplit = try lists.annotate(id: "t", text: text)
        #expect(unsplit.sentences.isEmpty && unsplit.labelled == ["PLACE:Nairobi"])
        // The full rule set reads sentences (quotes, name resolution): it finds them whatever the flag says.
        let full = try ShippedGazetteerTests.pipeline.makeAnnotator()
        full.findsSentences = false
        #expect(try full.annotate(id: "t", text: text).sentences.count == 2)
    }
}
