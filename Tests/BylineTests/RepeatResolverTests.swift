import Foundation
import Testing
@testable import Byline

@Suite struct RepeatResolverTests {
    /// The fixture rule set plus a place rule ("the village of X"), with or without `repeat: PLACE`.
    private func places(_ text: String, repeating: Bool = true, twoWords: Bool = false) throws -> [String] {
        let conf = """
        labels: PERSON TITLE PLACE
        gazetteer: lists.def
        phase: people.rules
        phase: villages.rules
        \(repeating ? "repeat: PLACE" : "")
        sentence-words: stop/word
        """
        let lists = (try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/lists.def"), encoding: .utf8))
            + "stops.tsv case=cap\n"
        let rules = """
        rule place.village-of
          pattern: \\bvillage\\h+of\\h+(?<place>\\p{Lu}\\p{Ll}+\(twoWords ? "\\h+\\p{Lu}\\p{Ll}+" : ""))
          emit: place=PLACE
          priority: 4

        rule place.capitals-dateline
          pattern: ^(?<place>\\p{Lu}[\\p{Lu}-]+),
          emit: place=PLACE
          priority: 4
          flags: multiline
        """
        let url = try Fixtures.ruleSet(replacing: ["pipeline.conf": conf, "villages.rules": rules, "lists.def": lists,
                                                   "stops.tsv": "In\tstop/word\n"])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let document = try Pipeline.load(configuration: url).makeAnnotator().annotate(id: "t", text: text)
        return document.entities.filter { $0.label == "PLACE" }.map { "\(document.text(of: $0.utf8Range))@\($0.rule)" }
    }

    @Test func aPlaceFoundByItsContextIsAPlaceWhereItIsRepeated() throws {
        let text = "They live in the village of Makatubani. Potters in Makatubani dig clay."
        #expect(try places(text) == ["Makatubani@place.village-of", "Makatubani@repeat:PLACE"])
        #expect(try places(text, repeating: false) == ["Makatubani@place.village-of"])
    }

    @Test func notInsideALongerCapitalisedRunNorInsideAWord() throws {
        let text = "The village of Makatubani grew. Makatubani Road is shut; Makatubanis are proud."
        #expect(try places(text) == ["Makatubani@place.village-of"])
    }

    @Test func anotherSpanKeepsItsText() throws {
        // "Maria Okafor" is a person here: a place named "Okafor" does not take her surname.
        let text = "the village of Okafor is small. Maria Okafor said so."
        #expect(try places(text) == ["Okafor@place.village-of"])
    }

    @Test func aLongerNameRepeatsOverAListsPlaceInsideIt() throws {
        // "Paris" is in the fixture's place list; "Nouveau Paris", found by its context, is one place where
        // it comes back (also after a sentence's "In"), not the list's "Paris" inside it. Elsewhere "Paris"
        // alone stays the list's.
        let text = "the village of Nouveau Paris is small. In Nouveau Paris, and in Paris, potters dig clay."
        #expect(try places(text, twoWords: true) == ["Nouveau Paris@place.village-of", "Nouveau Paris@repeat:PLACE", "Paris@gazetteer:places.tsv"])
        #expect(try places(text, repeating: false, twoWords: true) == ["Nouveau Paris@place.village-of", "Paris@gazetteer:places.tsv", "Paris@gazetteer:places.tsv"])
    }

    @Test func aDatelineInCapitalsRepeatsInTitleCase() throws {
        let text = "BATZ-SUR-MER, France — Salt makers in Batz-Sur-Mer sell to tourists. Not BATZ or Batz-sur-mer."
        #expect(try places(text) == ["BATZ-SUR-MER@place.capitals-dateline", "Batz-Sur-Mer@repeat:PLACE"])
        #expect(RepeatResolver.titleCase(ofCapitals: "SANTIAGO MATATLÁN") == "Santiago Matatlán")
        #expect(RepeatResolver.titleCase(ofCapitals: "Ella") == nil)
        #expect(RepeatResolver.titleCase(ofCapitals: "A") == nil)
    }

    @Test func theSortedRangesFindEveryOverlap() {
        let ranges = SortedRanges([0..<100, 10..<12, 200..<210, 205..<206])
        #expect(ranges.overlaps(50..<60))        // inside the long first range, past later starts
        #expect(ranges.overlaps(209..<215))
        #expect(!ranges.overlaps(100..<200))
        #expect(!ranges.overlaps(210..<300))
    }

    @Test func prefixBucketsGiveTheKeysAtAPositionInTheOrderAdded() {
        var buckets = PrefixBuckets<Int>()
        buckets.add(Array("Kyzyl-Unkur".utf8), 1)
        buckets.add(Array("Kyzyl".utf8), 2)
        buckets.add(Array("Kigali".utf8), 3)
        buckets.add(Array("K".utf8), 4)
        var text = "in Kyzyl-Unkur"
        var seen: [Int] = []
        text.withUTF8 { bytes in buckets.forEachMatch(in: bytes, at: 3) { _, value in seen.append(value); return false } }
        #expect(seen == [1, 2, 4])
        seen = []
        text.withUTF8 { bytes in buckets.forEachMatch(in: bytes, at: 3) { _, value in seen.append(value); return true } }
        #expect(seen == [1])
    }
}
