import Foundation
import Testing
@testable import Byline

@Suite struct NameResolverTests {
    private func people(_ text: String, resolve: Bool = true, firstNames: String = "", rules: String = "") throws -> [String] {
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
        let names = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/first-names.tsv"), encoding: .utf8)
            + firstNames
        let peopleRules = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/people.rules"), encoding: .utf8)
            + rules
        let url = try Fixtures.ruleSet(replacing: ["pipeline.conf": conf, "places.tsv": places, "first-names.tsv": names,
                                                   "people.rules": peopleRules])
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

    @Test func theFirstOfTwoSurnamesIsAShortFormToo() throws {
        // "Rosa Quispe Mamani" is "Quispe" for short, as well as "Mamani".
        #expect(try people("Maria Quispe Mamani spoke. Quispe said no, and Mamani left.")
                == ["PERSON:Maria Quispe Mamani=Maria Quispe Mamani", "PERSON:Quispe=Maria Quispe Mamani",
                    "PERSON:Mamani=Maria Quispe Mamani"])
    }

    @Test func aNameInCapitalsIsFoundInAWireHeadline() throws {
        let found = try people("QUISPE NAMED AS CAPTAIN\n\nMaria Quispe will lead the team.")
        #expect(found == ["PERSON:QUISPE=Maria Quispe", "PERSON:Maria Quispe=Maria Quispe"])
    }

    @Test func onlyWholeCapitalisedTokens() throws {
        #expect(try people("Maria Okafor met Okaforson and okafor.") == ["PERSON:Maria Okafor=Maria Okafor"])
    }

    @Test func aShortFormOfTwoPeopleResolvesToNeither() throws {
        let found = try people("Maria Okafor and John Okafor met. Okafor said no.")
        #expect(found == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:John Okafor=John Okafor", "PLACE:Okafor=-"])
    }

    @Test func aShortFormUsedBeforeASecondPersonIsNamedStaysWithTheFirst() throws {
        // The writer made "Okafor" Maria Okafor before naming John Okafor; later "Okafor" is still her.
        let found = try people("Maria Okafor spoke first. Okafor said yes. Her brother, John Okafor, nodded. Okafor left.")
        #expect(found == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:Okafor=Maria Okafor", "PERSON:John Okafor=John Okafor",
                          "PERSON:Okafor=Maria Okafor"])
        // Inside another name ("John Okafor" before "Okafor" alone) it establishes nothing.
        #expect(try people("Maria Okafor and John Okafor met. Okafor said no.").contains("PLACE:Okafor=-"))
    }

    /// Gendered honorifics and a rule that finds the name after one.
    private func peopleWithHonorifics(_ text: String) throws -> [String] {
        try people(text, firstNames: "Mr.\tperson/honorific\t\tgender=m\nMs.\tperson/honorific\t\tgender=f\n", rules: """

            rule person.honorific-name
              pattern: {person/honorific}\\h+(?<name>{SURNAME})
              emit: name=PERSON
              priority: 10
            """)
    }

    @Test func anHonorificPicksThePersonOfItsGender() throws {
        let found = try peopleWithHonorifics("Maria Okafor and John Okafor met. Mr. Okafor said no. Ms. Okafor said yes.")
        #expect(found == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:John Okafor=John Okafor", "PERSON:Okafor=John Okafor",
                          "PERSON:Okafor=Maria Okafor"])
    }

    @Test func anHonorificOfTheOtherGenderIsSomeoneElse() throws {
        // "Mr. Okafor" is written long before his wife is named: he is not Maria Okafor, and nor is "Okafor" alone.
        let found = try peopleWithHonorifics("Mr. Okafor spoke. Later his wife, Maria Okafor, spoke. Okafor left.")
        #expect(found == ["PERSON:Okafor=Okafor", "PERSON:Maria Okafor=Maria Okafor", "PERSON:Okafor=Okafor"])
        // Once both are named in full, the one an honorific named first keeps the short form.
        let both = try peopleWithHonorifics("Mr. Okafor spoke. Maria Okafor spoke. Okafor left. John Okafor agreed.")
        #expect(both == ["PERSON:Okafor=John Okafor", "PERSON:Maria Okafor=Maria Okafor", "PERSON:Okafor=John Okafor",
                         "PERSON:John Okafor=John Okafor"])
        // Named in full first, a person an honorific contradicts is still that person (the first-name list erred).
        #expect(try peopleWithHonorifics("Maria Okafor spoke. Mr. Okafor left.")
                == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:Okafor=Maria Okafor"])
    }

    @Test func nameParticlesStayWithTheSurname() throws {
        // `name-particles:` makes "Le Goff" the short form of "Yann Le Goff"; without it, only "Goff" is.
        func people(particles: Bool) throws -> [String] {
            let conf = """
            labels: PERSON TITLE PLACE
            gazetteer: lists.def
            phase: people.rules
            resolve: PERSON
            \(particles ? "name-particles: person/particle" : "")
            """
            let lists = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/lists.def"), encoding: .utf8)
                + "particles.tsv case=any\n"
            let names = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/first-names.tsv"), encoding: .utf8)
                + "Yann\tperson/first\t\tgender=m\n"
            let url = try Fixtures.ruleSet(replacing: ["pipeline.conf": conf, "lists.def": lists, "first-names.tsv": names,
                                                       "particles.tsv": "le\tperson/particle\nvan\tperson/particle\n"])
            defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
            let text = "Yann Le Goff rakes salt. Le Goff said so, and Goff smiled."
            let document = try Pipeline.load(configuration: url).makeAnnotator().annotate(id: "t", text: text)
            return document.entities.map { "\(document.text(of: $0.utf8Range))=\($0.attributes["name"] ?? "-")" }
        }
        #expect(try people(particles: true) == ["Yann Le Goff=Yann Le Goff", "Le Goff=Yann Le Goff", "Goff=Yann Le Goff"])
        #expect(try people(particles: false) == ["Yann Le Goff=Yann Le Goff", "Goff=Yann Le Goff", "Goff=Yann Le Goff"])
    }

    @Test func aShortFormReadAsSurnameFirstGivesNoShortFormOfItsOwn() throws {
        // A rule reads "Le Goff said" as a surname-first name ("Le" a surname, as in Vietnamese); it is the
        // short form of "Yann Le Goff", so "Le" is no short form, and "Le Croisic" keeps no person.
        let conf = """
        labels: PERSON TITLE PLACE
        gazetteer: lists.def
        phase: people.rules
        phase: surname-first.rules
        resolve: PERSON
        name-particles: person/particle
        """
        let rules = """
        rule person.surname-first-said
          pattern: (?<name>Le\\h+\\p{Lu}\\p{Ll}+)(?=\\h+said)
          emit: name=PERSON
          attr: order=surname-first
          priority: 11
        """
        let lists = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/lists.def"), encoding: .utf8)
            + "particles.tsv case=any\n"
        let names = try String(contentsOf: Fixtures.directory.appendingPathComponent("ruleset/first-names.tsv"), encoding: .utf8)
            + "Yann\tperson/first\t\tgender=m\n"
        let url = try Fixtures.ruleSet(replacing: ["pipeline.conf": conf, "lists.def": lists, "first-names.tsv": names,
                                                   "particles.tsv": "le\tperson/particle\n", "surname-first.rules": rules])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let text = "Yann Le Goff rakes salt. Le Goff said so on the road to Le Croisic."
        let document = try Pipeline.load(configuration: url).makeAnnotator().annotate(id: "t", text: text)
        let people = document.entities.map { "\(document.text(of: $0.utf8Range))=\($0.attributes["name"] ?? "-")" }
        #expect(people == ["Yann Le Goff=Yann Le Goff", "Le Goff=Yann Le Goff"])
    }

    @Test func aGivenNameAloneIsThePersonToo() throws {
        // Features call people by their given names once introduced ("Zurab said").
        #expect(try people("Maria Okafor runs the cellar. Maria said the jars were late.")
                == ["PERSON:Maria Okafor=Maria Okafor", "PERSON:Maria=Maria Okafor"])
    }

    @Test func aGivenNameInsideACapitalisedRunIsNotTaken() throws {
        // "Paulo" in "São Paulo" is not Paulo Okafor: the place stays whole; "Paulo said" is the person.
        let found = try people("Paulo Okafor flew to São Paulo. Paulo said no.", firstNames: "Paulo\tperson/first\t\tgender=m\n")
        #expect(found == ["PERSON:Paulo Okafor=Paulo Okafor", "PLACE:São Paulo=-", "PERSON:Paulo=Paulo Okafor"])
    }

    @Test func aGivenNameOfTwoPeopleOrSomeonesSurnameIsNoGivenName() throws {
        #expect(try people("Maria Okafor met Maria Silva. Maria said no.").filter { $0.hasPrefix("PERSON:Maria=") }.isEmpty)
        // "Maria" is John Maria's surname: the surname wins.
        #expect(try people("John Maria met Maria Okafor. Maria said no.").contains("PERSON:Maria=John Maria"))
    }

    @Test func unknownKeyIsStillAnError() throws {
        let message = try Fixtures.loadError(["pipeline.conf": "labels: PERSON\nresolv: PERSON\n"])
        #expect(message?.contains("unknown key 'resolv' (expected labels, nest, gazetteer, abbreviations, phase, resolve, repeat, common-words, date-words, sentence-words, evidence-excludes, name-particles, headline-words, quotes, match-limit)") == true)
    }

    @Test func anUnknownCommonWordClassNamesItsLine() throws {
        let message = try Fixtures.loadError(["pipeline.conf": "labels: PERSON\ngazetteer: lists.def\ncommon-words: nosuch/class\n"])
        #expect(message?.contains("pipeline.conf:3: no gazetteer class 'nosuch/class'") == true)
    }
}

/// Short forms that are also common words, with the shipped rule set (`common-words:`,
/// `date-words:` and `sentence-words:` in Rules/pipeline.conf).
@Suite struct CommonWordShortFormTests {
    private func people(_ text: String) throws -> [String] {
        let document = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.entities.filter { $0.label == "PERSON" }.map { document.text(of: $0.utf8Range) }
    }

    @Test func aMonthIsNotThePersonItNames() throws {
        let text = "Councillor Helen May chairs the committee. Fares rise in May. May said the money was not there. May 5 is the date. May's committee meets by May."
        #expect(try people(text) == ["Helen May", "May", "May"])
    }

    @Test func aSentenceStartNeedsAVerbOrPunctuation() throws {
        let text = "The union's president, Denise Young, spoke. Young people would lose a week. Young said talks would go on. Young, 52, agreed."
        #expect(try people(text) == ["Denise Young", "Young", "Young"])
        let rice = "Senator Margaret Rice wrote the bill. Rice and wheat growers objected. Rice told reporters it would pass."
        #expect(try people(rice) == ["Margaret Rice", "Rice"])
    }

    @Test func aPronounSurnameIsThePersonOnlyWhenLastNamed() throws {
        let text = "The deputy director, He Lian, said the pandas were tired. He said they needed quiet. Zhou Ming disagreed. He said the centre should open a second site. Officials met He in Chengdu."
        // The first "He said" follows He Lian; the second follows Zhou Ming, so it is his pronoun; "met He" is mid-sentence.
        #expect(try people(text) == ["He Lian", "He", "Zhou Ming", "He"])
    }
}

/// Names the lists do not know, introduced by evidence elsewhere in the document (`evidence-excludes:` in
/// Rules/pipeline.conf, `NameResolver.evidencedPairs`).
@Suite struct EvidenceNameTests {
    private func people(_ text: String) throws -> [String] {
        let document = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.entities.filter { $0.label != "TITLE" }
            .map { "\($0.label):\(document.text(of: $0.utf8Range))=\($0.attributes["name"] ?? "-")" }
    }

    @Test func aLaterWhoClauseMakesAnUnknownPairAName() throws {
        let text = "Kenya's Tigist Alemu finished second. Alemu, who won two years ago, was tired."
        #expect(try people(text) == ["PLACE:Kenya=-", "PERSON:Tigist Alemu=Tigist Alemu", "PERSON:Alemu=Tigist Alemu"])
    }

    @Test func anAgeOrASpeechVerbIsEvidenceToo() throws {
        #expect(try people("Faith Chebet won on Sunday. Chebet, 24, trains at altitude.")
                == ["PERSON:Faith Chebet=Faith Chebet", "PERSON:Chebet=Faith Chebet"])
        // "Banda" is also a town; the document shows it is the minister's name.
        #expect(try people("Mulenga Banda spoke first. \"We listened,\" Banda said.")
                == ["PERSON:Mulenga Banda=Mulenga Banda", "PERSON:Banda=Mulenga Banda"])
    }

    @Test func withoutEvidenceAnUnknownPairIsNothing() throws {
        #expect(try people("Faith Chebet won on Sunday. Chebet's coach was pleased.") == [])
        // A pair across a line break, or the tail of a longer capitalised run, is not taken.
        #expect(try people("Results from Faith\nChebet, 24, was first.") == [])
        #expect(try people("The Grand Hotel Chebet opened. Chebet, who owns it, smiled.") == [])
    }

    @Test func aGivenNameAloneIsEvidenceWhenNoListKnowsEitherWord() throws {
        // Mongolian news calls people by their given names: "Batbayar said" shows "Batbayar Tserendorj".
        #expect(try people("Batbayar Tserendorj lost 170 goats. \"We counted,\" Batbayar said.")
                == ["PERSON:Batbayar Tserendorj=Batbayar Tserendorj", "PERSON:Batbayar=Batbayar Tserendorj"])
        // A known word on either side is no such pair ("Chile" is a country).
        #expect(try people("Batbayar Chile lost goats. \"We counted,\" Batbayar said.").contains { $0.hasPrefix("PERSON:Batbayar Chile") } == false)
    }

    @Test func aKnownMultiWordPlaceIsNoEvidencePair() throws {
        // "Spring Hill" is a suburb in the shipped lists; were it a name, "Hill" would belong to two people
        // and resolve to neither.
        let text = "Megan Hill chairs the committee. \"Not yet,\" Hill told the meeting. Residents of Spring Hill, who live near the park, object."
        #expect(try people(text) == ["PERSON:Megan Hill=Megan Hill", "PERSON:Hill=Megan Hill", "PLACE:Spring Hill=-"])
    }
}
