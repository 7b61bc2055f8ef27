import Foundation
import Testing
@testable import Byline

@Suite struct NameResolverTests {
    private func people(_ text: String, resolve: Bool = true) throws -> [String] {
        let conf = """
        labels: PERSON TITLE PLACE
        nest: PLACE in TITLE
        gazetteer: lists.def
        phase: people.rules
        phase: titles.rules
        \(resolve ? "resolve: PERSON" : "")
        """
        // "Okafor" is also a place here, as a surname can be in the shipped lists ("Moyo").
        let places = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/places.tsv"), encoding: .utf8)
            + "Okafor\tplace/city\t1\nKenya\tplace/country\tKE\n"
        let url = try Fixtures.ruleSet(replacing: ["pipeline.conf": conf, "places.tsv": places])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let document = try Pipeline.load(configuration: url).makeAnnotator().annotate(id: "t", text: text)
        return document.entities.map { "\($0.label):\(document.text(of: $0.utf8Range))=\($0.attributes["name"] ?? "-")" }
    }

    @Test func aFullNameMakesItsShortFormAName() throws {
        let text = "Okafor arrived. Maria Okafor said Kenya agreed, and Okafor's aide nodded."
        #expect(try people(text) == ["PERSON:Okafor=Maria Okafor", "PERSON:Maria Okafor=Maria Okafor", "PLACE:Kenya=-",
                                     "PERSON:Okafor=Maria Okafor"])
        // Without it, "Okafor" alone is the gazetteer's place.
        #expect(try people(text, resolve: false).contains("PLACE:Okafor=-"))
    }

    @Test func onlyWholeCapitalisedTokens() throws {
        #expect(try people("Maria Okafor met Okaforson and okafor.") == ["PERSON:Maria Okafor=Maria Okafor"])
    }

    @Test func aShortFormOfTwoPeopleResolvesToNeither() throws {
        let found = try people("Maria Okafor and John Okafor met. Okafor said no.")
        #expect(found == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:John Okafor=John Okafor", "PLACE:Okafor=-"])
    }

    @Test func unknownKeyIsStillAnError() throws {
        let message = try Fixtures.loadError(["pipeline.conf": "labels: PERSON\nresolv: PERSON\n"])
        #expect(message?.contains("unknown key 'resolv' (expected labels, nest, gazetteer, abbreviations, phase, resolve, quotes, match-limit)") == true)
    }
}
