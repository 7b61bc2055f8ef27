import Foundation
import Testing
@testable import Byline

@Suite struct GazetteerMatchingTests {
    let annotator = try! Fixtures.pipeline.makeAnnotator()

    private func places(_ text: String) throws -> [String] {
        let document = try annotator.annotate(id: "t", text: text)
        return document.entities.filter { $0.label == "PLACE" }.map { "\($0.attributes["id"] ?? "?"):\(document.text(of: $0.utf8Range))" }
    }

    @Test func longestMatchWins() throws {
        #expect(try places("He flew to New York City and then New York.") == ["5128581:New York City", "5128581:New York"])
    }

    @Test func onlyTokensAfterAnEntrysFirstContinueAMatch() throws {
        // "York" and "City" follow "New" in "New York City"; "New" follows nothing; a word in no entry
        // has no id at all.
        let gazetteer = Fixtures.pipeline.gazetteer
        func id(_ word: String) -> Int32? {
            var key = Array(word.lowercased().utf8)
            return key.withUnsafeMutableBufferPointer { gazetteer.vocabulary.id(of: UnsafeBufferPointer($0)) }
        }
        let york = try #require(id("York")), city = try #require(id("City")), new = try #require(id("New"))
        #expect(gazetteer.continues(york) && gazetteer.continues(city))
        #expect(!gazetteer.continues(new))
        #expect(id("porcelain") == nil)
    }

    @Test func upperCasePolicy() throws {
        #expect(try places("The US and the UK.") == ["US:US", "GB:UK"])
        #expect(try places("Tell us about it. Us too.") == [])
    }

    @Test func capitalisedPolicyAcceptsAllCapsButNotLowerCase() throws {
        #expect(try places("PARIS TALKS STALL") == ["2988507:PARIS"])
        #expect(try places("fine china from paris") == [])
        #expect(try places("China and Paris") == ["CN:China", "2988507:Paris"])
    }

    @Test func foldsDiacritics() throws {
        #expect(try places("From Sao Paulo to SÃO PAULO and São Paulo") ==
                ["3448439:Sao Paulo", "3448439:SÃO PAULO", "3448439:São Paulo"])
    }

    @Test func abbreviationEntriesMatch() throws {
        #expect(try places("U.S. officials in St. Louis") == ["US:U.S.", "4407066:St. Louis"])
    }

    @Test func neverAcrossALineBreak() throws {
        #expect(try places("New\nYork") == [])
    }

    @Test func oneNameSeveralClasses() throws {
        let document = try annotator.annotate(id: "t", text: "Georgia")
        let classes = document.lookups.map { Fixtures.pipeline.gazetteer.classes[Fixtures.pipeline.gazetteer.entries[$0.entry].classIndex] }
        #expect(classes == ["place/country", "place/state"])
        // One PLACE survives resolution: the first list entry.
        #expect(document.entities.count == 1 && document.entities[0].attributes["id"] == "GE")
    }

    @Test func entityCarriesItsListAndAttributes() throws {
        let entity = try annotator.annotate(id: "t", text: "São Paulo").entities[0]
        #expect(entity.rule == "gazetteer:places.tsv")
        #expect(entity.attributes == ["id": "3448439", "class": "place/city", "population": "12400000"])
    }
}

@Suite struct GazetteerErrorTests {
    @Test func badLinesNameFileAndLine() throws {
        let error = try #require(try Fixtures.loadError(["places.tsv": "Paris\tplace/city\nLyon\n\tplace/city\nNice\tPlace\n"]))
        #expect(error.contains("places.tsv:2: expected NAME<TAB>TYPE"))
        #expect(error.contains("places.tsv:3: empty name in column 1"))
        #expect(error.contains("places.tsv:4: bad type 'Place' in column 2"))
    }

    @Test func badAttributesAndCasePolicies() throws {
        let error = try #require(try Fixtures.loadError(["places.tsv": "Paris\tplace/city\t1\tpopulation\nUS\tplace/country\tUS\tcase=shout\n"]))
        #expect(error.contains("places.tsv:1: bad attribute 'population' in column 4: expected key=value"))
        #expect(error.contains("places.tsv:2: unknown case policy 'shout'"))
    }

    @Test func listsDefErrors() throws {
        let error = try #require(try Fixtures.loadError(["lists.def": "places.tsv case=cap\nmissing.tsv\nfirst-names.tsv colour=red\n"]))
        #expect(error.contains("lists.def:2: list file 'missing.tsv' not found"))
        #expect(error.contains("lists.def:3: unknown key 'colour'"))
    }

    @Test func invalidUTF8InAListNamesTheLine() throws {
        let url = try Fixtures.ruleSet(replacing: [:])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Data([0x50, 0x61, 0x72, 0x69, 0x73, 0x09, 0x70, 0x0A, 0x4C, 0xFF, 0x0A]).write(to: url.deletingLastPathComponent().appendingPathComponent("places.tsv"))
        #expect {
            _ = try Pipeline.load(configuration: url)
        } throws: { "\($0)".contains("places.tsv:2: invalid UTF-8 at byte offset 9") }
    }
}
