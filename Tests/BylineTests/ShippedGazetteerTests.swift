import Foundation
import Testing
@testable import Byline

/// The lists shipped in `Gazetteers/` and the rule set in `Rules/`: they load, they are as large as
/// `Gazetteers/SOURCES.md` says, and the entries that are easy to get wrong behave.
@Suite struct ShippedGazetteerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let gazetteer: Gazetteer = try! Gazetteer.load(definitions: root.appendingPathComponent("Gazetteers/lists.def"))
    static let pipeline: Pipeline = try! Pipeline.load(configuration: root.appendingPathComponent("Rules/pipeline.conf"))

    private var gazetteer: Gazetteer { Self.gazetteer }

    /// Entries whose class is `name` or under it.
    private func entries(_ name: String) -> [GazetteerEntry] {
        let classes = Set(gazetteer.classIndices(named: name))
        return gazetteer.entries.filter { classes.contains($0.classIndex) }
    }

    /// (class, canonical id) of every lookup covering exactly `phrase` in `text`.
    private func lookups(_ phrase: String, in text: String) throws -> [(String, String)] {
        let document = try Self.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.lookups.filter { document.text(of: $0.utf8Range) == phrase }.map {
            let entry = gazetteer.entries[$0.entry]
            return (gazetteer.classes[entry.classIndex], entry.canonicalID)
        }
    }

    private func entities(_ text: String) throws -> [String] {
        let document = try Self.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.entities.map { "\($0.label):\(document.text(of: $0.utf8Range))" }
    }

    @Test func everyListHasTheDocumentedFormat() throws {
        // Every line of every list is NAME<TAB>type[/subtype][<TAB>ID[<TAB>k=v;...]]: the loader rejects
        // anything else with file:line, so loading at all is the format check; these are the extra rules.
        let lists = try ListDefinitions.parse(Self.root.appendingPathComponent("Gazetteers/lists.def"))
        #expect(lists.count == gazetteer.lists.count)
        for entry in gazetteer.entries {
            #expect(entry.name == entry.name.trimmingCharacters(in: .whitespaces), "\(entry.name)")
            #expect(!entry.name.contains("  "), "double space in \(entry.name)")
        }
        for line in lists {
            let text = try String(contentsOf: line.url, encoding: .utf8)
            #expect(!text.contains("\r"), "\(line.list.path) has CR line ends")
            #expect(text.hasSuffix("\n"), "\(line.list.path) does not end with a line break")
        }
    }

    @Test func countsMeetTheDocumentedMinimums() {
        let places = entries("place")
        #expect(places.count >= 25_000)
        #expect(Set(entries("place/country").map(\.canonicalID)).filter { $0.count == 2 }.count >= 195)
        #expect(entries("person/first").count + entries("person/first-common").count >= 5_000)
        #expect(entries("person/surname").count + entries("person/surname-common").count >= 50_000)
        #expect(entries("title").count >= 500)
        #expect(entries("demonym").count >= 200)
        #expect(entries("cue").count >= 100)
    }

    @Test func everyCountryWithACapitalHasIt() {
        let capitals = Set(entries("place/city").filter { $0.attributes["capital"] == "1" }.compactMap { $0.attributes["country"] })
        #expect(capitals.count >= 195)
        for country in ["US", "GB", "FR", "CN", "IN", "BR", "NG", "LI", "TV", "VA", "PW", "MV"] {
            #expect(capitals.contains(country), "no capital for \(country)")
        }
    }

    @Test func usIsAPlaceOnlyInCapitals() throws {
        #expect(try entities("US officials arrived.") == ["PLACE:US"])
        #expect(try entities("Let us go.").isEmpty)
        #expect(try entities("Us and them.").isEmpty)
    }

    @Test func georgiaIsACountryAndAState() throws {
        let found = try lookups("Georgia", in: "Troops left Georgia.")
        #expect(found.contains { $0 == ("place/country", "GE") })
        #expect(found.contains { $0 == ("place/subdivision", "US-GA") })
        #expect(try entities("Troops left Georgia.") == ["PLACE:Georgia"])
    }

    @Test func willAloneIsNotAPerson() throws {
        #expect(try lookups("Will", in: "Will it rain?").contains { $0.0 == "person/first-common" })
        #expect(try entities("Will it rain?").isEmpty)
        #expect(try entities("Mark the date.").isEmpty)
    }

    @Test func lowerCaseCommonWordsAreNotPlaces() throws {
        #expect(try entities("They sold fine china and a turkey.").isEmpty)
    }

    @Test func placesThatAreCommonWordsNeedContext() throws {
        // "Nice" and "Reading" are cities, but the list that holds them emits nothing by itself.
        #expect(try lookups("Nice", in: "Nice weather.").contains { $0.0 == "place/city" })
        #expect(try entities("Nice weather. Reading is fun.").isEmpty)
    }

    @Test func acronymsAreNotShoutedFirstNames() throws {
        // "Uk" and "Li" are first names; "UK" is not one.
        #expect(try !lookups("UK", in: "UK Foreign Secretary").contains { $0.0.hasPrefix("person") })
        #expect(try entities("UK Foreign Secretary Maria Okafor").contains("PLACE:UK"))
    }

    @Test func aShoutedMultiWordPlaceIsNotAnAcronym() throws {
        // "NEW" has three letters, but inside "NEW DELHI" it is part of a shouted name.
        #expect(try entities("NEW DELHI, India (Byline) — Rain fell.").contains("PLACE:NEW DELHI"))
        #expect(try !entities("NEW DELHI, India (Byline) — Rain fell.").contains("PLACE:DELHI"))
    }

    @Test func aWholeMultiWordPlaceOutranksAPersonRuleInsideIt() throws {
        // "Chi" is a first name and "Minh" a surname, but the city's whole name wins (multiword-priority).
        let found = try entities("Prices rose in Ho Chi Minh City and HO CHI MINH CITY. Paris Hilton came to Buon Ma Thuot.")
        #expect(found.filter { $0.hasPrefix("PLACE:Ho") || $0.hasPrefix("PLACE:HO") } == ["PLACE:Ho Chi Minh City", "PLACE:HO CHI MINH CITY"])
        #expect(!found.contains { $0.hasPrefix("PERSON:Chi") || $0.hasPrefix("PERSON:MINH") })
        #expect(found.contains("PERSON:Paris Hilton"))
    }

    @Test func namedNaturalFeaturesArePlaces() throws {
        let found = try entities("Brine flows into the Bay of Bengal, not the Baltic Sea; Everest and the Danube River are far away.")
        #expect(found == ["PLACE:Bay of Bengal", "PLACE:Baltic Sea", "PLACE:Everest", "PLACE:Danube River"])
        // A river named like a country or a person needs its "River": "the Jordan" alone is the country's list.
        #expect(try lookups("Jordan River", in: "along the Jordan River").contains { $0.0 == "place/feature" })
        #expect(try lookups("Jordan", in: "along the Jordan").allSatisfy { $0.0 != "place/feature" })
        // "Olympic" and "Atlantic" are small towns too, but first the words (places-ambiguous.tsv).
        #expect(try entities("The Olympic stadium faces the Atlantic.") == ["PLACE:Atlantic"])
    }

    @Test func placesTheListsLackComeFromTheirContext() throws {
        // Rules/places.rules: a kind word after the name, an apposition, a known place beside it.
        #expect(try entities("Her clinic in the Medeu district is full.") == ["PLACE:Medeu"])
        #expect(try entities("Hotels in Thamel, the backpacker district of the capital, are empty.") == ["PLACE:Thamel"])
        #expect(try entities("Wind farms off Łeba and Ustka are planned.") == ["PLACE:Łeba", "PLACE:Ustka"])
        // Not a person's apposition, not a word the lists know as something else.
        #expect(try entities("Iyambo, a council spokesman, said so.") == [])
        #expect(try entities("The Monday district meeting was short.") == [])
    }

    @Test func exonymsAndFoldingReachOneCity() throws {
        #expect(try lookups("Kiev", in: "in Kiev").contains { $0 == ("place/city", "703448") })
        #expect(try lookups("Kyiv", in: "in Kyiv").contains { $0 == ("place/city", "703448") })
        #expect(try lookups("Sao Paulo", in: "in Sao Paulo").contains { $0 == ("place/city", "3448439") })
        #expect(try lookups("SÃO PAULO", in: "IN SÃO PAULO").contains { $0 == ("place/city", "3448439") })
    }

    @Test func theBiggestPlaceOfANameIsTheOneReported() throws {
        let document = try Self.pipeline.makeAnnotator().annotate(id: "t", text: "She moved to Paris.")
        #expect(document.entities.map { $0.attributes["id"] } == ["2988507"])
    }

    @Test func knownPeopleAreFoundWithoutAFirstNameRule() throws {
        #expect(try entities("Xi Jinping arrived.") == ["PERSON:Xi Jinping"])
        let document = try Self.pipeline.makeAnnotator().annotate(id: "t", text: "Zelensky spoke.")
        #expect(document.entities.first?.attributes["id"] == "Volodymyr Zelenskyy")
    }

    @Test func cueVerbsAndTitlesMatchInAnyCase() throws {
        #expect(try lookups("said", in: "she said").contains { $0 == ("cue/verb", "say") })
        #expect(try lookups("according to", in: "according to him").contains { $0.0 == "cue/phrase" })
        #expect(try lookups("foreign minister", in: "the foreign minister").contains { $0.0 == "title/head" })
    }
}
