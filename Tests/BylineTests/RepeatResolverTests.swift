import Foundation
import Testing
@testable import Byline
import BylineText

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

    @Test func wholeTokenKeysGiveTheKeysAtATokenInTheOrderAdded() throws {
        var keys = WholeTokenKeys<Int>()
        keys.add(Array("Kyzyl-Unkur".utf8), 1)
        keys.add(Array("Kyzyl".utf8), 2)
        keys.add(Array("Kigali".utf8), 3)
        keys.add(Array("K".utf8), 4)      // matches a byte, not a whole token: never offered here
        keys.add(Array("Unkur".utf8), 5)
        keys.add(Array("Kyzyl".utf8), 6)  // the same key again: offered after the first
        var text = "in Kyzyl-Unkur and Kigali"
        let tokens = try text.withUTF8 { try BylineText.Tokenizer().tokenize(utf8: $0, sentences: false).tokens }
        // Nothing taken: every whole-token key at each capitalised token, longest-added first.
        var seen: [[Int]] = []
        text.withUTF8 { bytes in
            keys.forEachWholeTokenMatch(in: tokens, bytes: bytes) { first, last, key, value in
                seen.append([Int(tokens[first].start), Int(tokens[last].end), value])
                #expect(key.elementsEqual(bytes[Int(tokens[first].start)..<Int(tokens[last].end)]))
                return false
            }
        }
        #expect(seen == [[3, 14, 1], [3, 8, 2], [3, 8, 6], [9, 14, 5], [19, 25, 3]])
        // A key taken: the walk goes on after it, so "Unkur" is not offered inside "Kyzyl-Unkur".
        seen = []
        text.withUTF8 { bytes in
            keys.forEachWholeTokenMatch(in: tokens, bytes: bytes) { first, last, _, value in
                seen.append([Int(tokens[first].start), Int(tokens[last].end), value])
                return true
            }
        }
        #expect(seen == [[3, 14, 1], [19, 25, 3]])
    }
}
