import Foundation
import Testing
@testable import Byline

/// Attributed quotes with the shipped rule set (`Rules/quotes.rules`): every phenomenon of the quote
/// extractor on short texts written for these tests.
@Suite struct QuoteExtractionTests {
    /// "kind|content|speaker mention|canonical name|cue|rule" of each quote.
    private func quotes(_ text: String) throws -> [String] {
        let document = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.quotes.map { quote in
            let speaker = quote.speaker.map { document.text(of: $0.utf8Range) } ?? "-"
            let cue = quote.cue.map { document.text(of: $0.utf8Range) } ?? "-"
            return "\(quote.kind.rawValue)|\(document.text(of: quote.content))|\(speaker)|\(quote.speaker?.name ?? "-")|\(cue)"
        }
    }

    /// `findsQuotes` off: no quotes, and on every Corpus article the very same entities (rule, range,
    /// attributes), since the quote phase comes after the entities and never changes them.
    @Test func entitiesWithoutTheQuotePhaseAreTheSame() throws {
        let full = try ShippedGazetteerTests.pipeline.makeAnnotator()
        let entitiesOnly = try ShippedGazetteerTests.pipeline.makeAnnotator()
        entitiesOnly.findsQuotes = false
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus/source/dev")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 20)
        var quotes = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let a = try full.annotate(id: file, text: text), b = try entitiesOnly.annotate(id: file, text: text)
            quotes += a.quotes.count
            #expect(b.quotes.isEmpty)
            #expect(a.entities == b.entities, "\(file)")
            #expect(a.internalSpans == b.internalSpans, "\(file)")
        }
        #expect(quotes > 40)
    }

    @Test func cueAfterTheQuoteInEitherOrder() throws {
        #expect(try quotes(#""We will not back down," Maria Okafor said."#)
                == ["direct|We will not back down|Maria Okafor|Maria Okafor|said"])
        #expect(try quotes(#"“We will not back down,” said Maria Okafor."#)
                == ["direct|We will not back down|Maria Okafor|Maria Okafor|said"])
    }

    @Test func cueBeforeTheQuoteWithAColon() throws {
        #expect(try quotes(#"Maria Okafor told reporters on Tuesday: "The talks are over.""#)
                == ["direct|The talks are over.|Maria Okafor|Maria Okafor|told"])
    }

    @Test func anAsideBetweenSpeakerAndCue() throws {
        #expect(try quotes(#""It will pass," Maria Okafor, the finance minister, told reporters."#)
                == ["direct|It will pass|Maria Okafor|Maria Okafor|told"])
    }

    @Test func accordingToAndTheDash() throws {
        #expect(try quotes(#""The plan is dead," according to Maria Okafor."#)
                == ["direct|The plan is dead|Maria Okafor|Maria Okafor|according to"])
        #expect(try quotes("“Nothing is settled until everything is settled.” — Maria Okafor")
                == ["direct|Nothing is settled until everything is settled.|Maria Okafor|Maria Okafor|-"])
    }

    @Test func aColonAttributionInAHeadline() throws {
        #expect(try quotes("Maria Okafor: 'We will not back down'\n\nLAGOS (Byline) — The minister spoke.")
                == ["direct|We will not back down|Maria Okafor|Maria Okafor|-"])
    }

    @Test func aPartialQuoteInTheWritersSentence() throws {
        #expect(try quotes(#"Maria Okafor called the plan "a serious mistake" on Monday."#)
                == ["partial|a serious mistake|Maria Okafor|Maria Okafor|called"])
        // A fragment inside reported speech takes the reported speech's attribution.
        #expect(try quotes(#"Councillor Chidi Okonkwo said the plan was "a promise without a budget"."#)
                == ["partial|a promise without a budget|Chidi Okonkwo|Chidi Okonkwo|said"])
    }

    @Test func indirectQuotesWithAndWithoutThat() throws {
        #expect(try quotes("Maria Okafor said the talks would resume next week.")
                == ["indirect|the talks would resume next week|Maria Okafor|Maria Okafor|said"])
        #expect(try quotes("Maria Okafor told a meeting in Abuja that the talks would resume.")
                == ["indirect|the talks would resume|Maria Okafor|Maria Okafor|told"])
        #expect(try quotes("The talks will resume next week, Maria Okafor said.")
                == ["indirect|The talks will resume next week|Maria Okafor|Maria Okafor|said"])
        // "said after the match" reports no speech.
        #expect(try quotes("Maria Okafor said after the match that she was tired.").count == 1)
        #expect(try quotes("Maria Okafor said after the match.") == [])
    }

    @Test func aFloatingQuoteKeepsTheSpeaker() throws {
        let text = "\"We were lucky,\" Lindiwe Brown said on Tuesday.\n\n\"Luck is not a water policy.\""
        #expect(try quotes(text) == ["direct|We were lucky|Lindiwe Brown|Lindiwe Brown|said",
                                     "direct|Luck is not a water policy.|Lindiwe Brown|Lindiwe Brown|said"])
    }

    @Test func aQuoteAfterAReportedClauseKeepsItsSpeaker() throws {
        let text = "Water prices will rise next year, Maria Okafor said on Tuesday.\n\n\"We cannot wait any longer.\""
        #expect(try quotes(text) == ["indirect|Water prices will rise next year|Maria Okafor|Maria Okafor|said",
                                     "direct|We cannot wait any longer.|Maria Okafor|Maria Okafor|said"])
    }

    @Test func thePersonCalledSomethingIsNotTheSpeaker() throws {
        let text = "Maria Okafor called Tom Reyes a \"pathological liar\" on Monday."
        #expect(try quotes(text) == ["partial|pathological liar|Maria Okafor|Maria Okafor|called"])
    }

    @Test func aQuoteOverParagraphsSharesItsAttribution() throws {
        let text = "\"Every household cut its use by half.\n\n\"They will ask why we waited,\" Lindiwe Brown added."
        #expect(try quotes(text) == ["direct|Every household cut its use by half.|Lindiwe Brown|Lindiwe Brown|added",
                                     "direct|They will ask why we waited|Lindiwe Brown|Lindiwe Brown|added"])
    }

    @Test func pronounsResolveByGenderAndSentence() throws {
        // "she" skips the man mentioned last; the subject of the nearest sentence with a woman wins.
        let text = "Ayesha Malik made 71 with Sana Qureshi. Tom Reyes watched. \"We ran hard,\" she said."
        #expect(try quotes(text) == ["direct|We ran hard|she|Ayesha Malik|said"])
        let he = "Ayesha Malik met Tom Reyes in Lahore. \"It was useful,\" he said."
        #expect(try quotes(he) == ["direct|It was useful|he|Tom Reyes|said"])
    }

    @Test func aPronounNeverStandsForTheWriterOfTheByline() throws {
        // The only woman the lists can tell is the writer; the story's speaker is a man's name in the lists.
        let text = "Mango Growers Look To Europe\n\nBy Farhana Rahman\n\nNusrat Jahan inspects the fruit. \"One bad box can close a market,\" she warned."
        #expect(try quotes(text) == ["direct|One bad box can close a market|she|-|warned"])
        // "By then" opens a sentence of the story, not a byline.
        let story = "By then Ayesha Malik had left. \"We ran hard,\" she said."
        #expect(try quotes(story) == ["direct|We ran hard|she|Ayesha Malik|said"])
    }

    @Test func aSpeakerReadFromInsideANameIsThatPerson() throws {
        // The rule reads "Okafor’s" (not after "on"), inside the name "Maria Okafor".
        #expect(try quotes("Analysts did a check on Maria Okafor’s claim that there were “thousands of cases” in the city.")
                == ["partial|thousands of cases|Okafor’s|Maria Okafor|claim"])
    }

    @Test func anHonorificTellsTwoPeopleOfOneSurnameApart() throws {
        let text = #""We will win," Mr. Okafor said on Monday. His wife, Maria Okafor, did not speak. "It is over," Ms. Okafor said later."#
        #expect(try quotes(text) == ["direct|We will win|Mr. Okafor|Okafor|said", "direct|It is over|Ms. Okafor|Maria Okafor|said"])
    }

    @Test func aQuoteWithNoCueAfterASentenceAboutAPersonIsTheirs() throws {
        let text = #"Maria Okafor named the young as a reason for hope. "They are tired of it," Tom Reyes said. "#
            + #"Lawrence Cole, her partner, called it a master stroke. "She showed it again and again.""#
        #expect(try quotes(text) == ["direct|They are tired of it|Tom Reyes|Tom Reyes|said",
                                     "direct|She showed it again and again.|Lawrence Cole|Lawrence Cole|-"])
    }

    @Test func aNameWrittenSurnameFirstTakesItsGenderFromItsLastWord() throws {
        // "Tran" is a woman's first name in the lists; the given name of "Tran Quoc Minh" is "Minh", a man's.
        let text = "Nguyen Thi Lan said the water took the plants. The vice-chairman, Tran Quoc Minh, said the province would help. He said four people had died."
        #expect(try quotes(text).last == "indirect|four people had died|He|Tran Quoc Minh|said")
    }

    @Test func aSurnameThatIsAlsoAFirstNameSaysNothingOfGender() throws {
        // "Thomas" is a man's first name, but here it is the short form of a name whose first name no list knows.
        let text = "Tharshini Thomas chairs the board. Thomas said the fund was empty. \"We tried,\" she said."
        #expect(try quotes(text).last == "direct|We tried|she|Tharshini Thomas|said")
    }

    @Test func aTitleBoundToAPersonSpeaksForThem() throws {
        let text = "Finance Minister Maria Okafor arrived in Geneva. \"We are ready,\" the finance minister said."
        #expect(try quotes(text) == ["direct|We are ready|the finance minister|Maria Okafor|said"])
    }

    @Test func anUnnamedSpeakerHasNoName() throws {
        #expect(try quotes(#""We do not comment on leaks," a spokeswoman for the ministry said."#)
                == ["direct|We do not comment on leaks|a spokeswoman for the ministry|-|said"])
    }

    @Test func aQuoteWithoutAnySpeakerKeepsNull() throws {
        #expect(try quotes("The river rose overnight.\n\n\"Nobody expected the water to come so fast.\"")
                == ["direct|Nobody expected the water to come so fast.|-|-|-"])
    }

    @Test func nicknamesScareQuotesAndTitlesAreNotQuotes() throws {
        // A nickname inside a quote is part of it; a headline's single-quoted word and a show's name are not quotes.
        #expect(try quotes(#""Ask 'Shorty' about the bus," Rogelio Santos said."#)
                == ["direct|Ask 'Shorty' about the bus|Rogelio Santos|Rogelio Santos|said"])
        #expect(try quotes("Metro's 'success' draws crowds\n\nThe line opened in Bogota.") == [])
        #expect(try quotes("She appeared on the broadcast of “Fox News Sunday” this week.") == [])
    }

    @Test func aNewSentenceAfterAQuoteIsNotItsAttribution() throws {
        let text = "Maria Okafor called it “a disaster.” She says the vote will fail."
        #expect(try quotes(text).first == "partial|a disaster.|Maria Okafor|Maria Okafor|called")
    }

    @Test func anUnbalancedMarkLosesNothingAfterIt() throws {
        let text = "He called it \"a mess.\n\n\"We will fix it,\" Maria Okafor said."
        #expect(try quotes(text).last == "direct|We will fix it|Maria Okafor|Maria Okafor|said")
    }
}
