import BylineText
import Testing
@testable import Byline

/// Headline-case lines (`HeadlineFinder`, `headline-words:`, `{HEADLINE}`): where every word is capitalised,
/// a capital proves no name, so a name does not run on into the headline's verb.
@Suite struct HeadlineTests {
    /// The words of `text` that `HeadlineFinder` puts in the headline class, with "The", "Of", "As", "In",
    /// "For" as markers.
    private func headlineWords(_ text: String) throws -> [String] {
        let tokens = try Tokenizer().tokenize(text).tokens
        let bytes = Array(text.utf8)
        let markers: Set<String> = ["The", "Of", "As", "In", "For", "THE", "OF", "AS", "IN", "FOR"]
        return HeadlineFinder.words(in: tokens) { markers.contains(String(decoding: bytes[tokens[$0].utf8Range], as: UTF8.self)) }
            .map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func aTitleCaseLineWithAMarkerIsAHeadline() throws {
        #expect(try headlineWords("Córdoba Farmer Lucía Ferreyra Counts The Cost Of a Dry Winter") ==
                ["Córdoba", "Farmer", "Lucía", "Ferreyra", "Counts", "The", "Cost", "Of", "Dry", "Winter"])
        #expect(try headlineWords("CUNNINGHAM RETIRES FROM RACING") == ["CUNNINGHAM", "RETIRES", "FROM", "RACING"])
        #expect(try headlineWords("JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT") ==
                ["JAPAN", "GET", "LUCKY", "WIN", "CHINA", "IN", "SURPRISE", "DEFEAT"])
    }

    @Test func aCompoundMayEndInLowerCase() throws {
        #expect(try headlineWords("Tamale Shea Co-operative Signs Deal With Buyer In Rotterdam").count == 9)
        #expect(try headlineWords("Tamale Shea Co - operative Signs Deal With Buyer In Rotterdam").isEmpty)
    }

    @Test func onlyThatLineOfTheText() throws {
        #expect(try headlineWords("Ferreyra Counts The Cost\nFerreyra counts the cost of the drought.") ==
                ["Ferreyra", "Counts", "The", "Cost"])
    }

    @Test func sentenceCaseNamesAndTablesAreNoHeadlines() throws {
        // A long lower-case word: a sentence or a headline in sentence case.
        #expect(try headlineWords("Typhoon shuts Taipei offices and markets").isEmpty)
        // Only names: no marker.
        #expect(try headlineWords("Maria Okafor, Kwame Mensah and John Smith").isEmpty)
        #expect(try headlineWords("1. Maria Okafor (Kenya) 2:05:33").isEmpty)
        // A marker only as the first word, which every sentence capitalises.
        #expect(try headlineWords("The Okafor Report").isEmpty)
        // Fewer than three capitalised words.
        #expect(try headlineWords("Read In Full").count == 3)
        #expect(try headlineWords("Read In").isEmpty)
    }

    private func people(_ text: String) throws -> [String] {
        let document = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        return document.entities.filter { $0.label == "PERSON" }.map { document.text(of: $0.utf8Range) }
    }

    @Test func aHeadlineNameEndsBeforeTheVerb() throws {
        #expect(try people("Nurse Fatima Mahama Named Health Worker Of The Year") == ["Fatima Mahama"])
        #expect(try people("Ski Instructor Sora Ishikawa Opens School For Beginners In Niseko") == ["Sora Ishikawa"])
        // A listed surname that looks like a verb is still one.
        #expect(try people("Serena Williams Wins Again In Rome") == ["Serena Williams"])
        #expect(try people("BOXING - PANAMA'S ROBERTO DURAN FIGHTS THE SANDS OF TIME") == ["ROBERTO DURAN"])
        // Running text keeps taking a second capitalised word.
        #expect(try people("The guest was Sora Ishikawa Opens, a sculptor.") == ["Sora Ishikawa Opens"])
    }

    @Test func aTitleBeforeAVerbIsNoName() throws {
        #expect(try people("White Ferns Level Series As Spinner Takes Five").isEmpty)
    }

    @Test func aPlaceTheStoryFoundByItsContextRepeatsInItsHeadline() throws {
        // "Tamale" is also a dish: the lists need context, which the dateline and "around" give; in the
        // headline its capitalised neighbours prove no longer name.
        let text = "Tamale Shea Co-operative Signs First Export Deal With Rotterdam Buyer\n\n"
            + "TAMALE, Ghana (Byline) — Women in the villages around Tamale gather shea nuts."
        let document = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        let places = document.entities.filter { $0.label == "PLACE" }.map { document.text(of: $0.utf8Range) }
        #expect(places == ["Tamale", "Rotterdam", "TAMALE", "Ghana", "Tamale"])
    }

    @Test func theBodyStillResolvesToTheHeadlinesName() throws {
        let text = "Córdoba Farmer Lucía Ferreyra Counts The Cost Of The Driest Winter\n\n"
            + "Lucía Ferreyra walks along a field of wheat. \"It barely reaches my boots,\" Ferreyra said."
        #expect(try people(text) == ["Lucía Ferreyra", "Lucía Ferreyra", "Ferreyra"])
    }
}
