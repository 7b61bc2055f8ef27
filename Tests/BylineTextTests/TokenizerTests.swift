import Testing
@testable import BylineText

/// Tokenizes and returns the token strings.
private func words(_ text: String) throws -> [String] {
    let tokenized = try Tokenizer().tokenize(text)
    return tokenized.tokens.map { String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self) }
}

private func sentences(_ text: String) throws -> [String] {
    let tokenized = try Tokenizer().tokenize(text)
    return tokenized.sentences.map { String(decoding: Array(text.utf8)[$0.utf8Range], as: UTF8.self) }
}

@Suite struct TokenizerTests {
    @Test func splitsWordsAndPunctuation() throws {
        #expect(try words("Maria Okafor said, \"We will act.\"") ==
                ["Maria", "Okafor", "said", ",", "\"", "We", "will", "act", ".", "\""])
    }

    @Test func curlyQuotesAndDashesAreTheirOwnTokens() throws {
        #expect(try words("“Never,” she said — twice – and left") ==
                ["“", "Never", ",", "”", "she", "said", "—", "twice", "–", "and", "left"])
        let tokens = try Tokenizer().tokenize("“Never” — ok").tokens
        #expect(tokens[0].has(.quote) && tokens[2].has(.quote) && tokens[3].has(.dash))
    }

    @Test func possessiveCliticIsSplitOff() throws {
        #expect(try words("Okafor's plan and Okafor’s aide") == ["Okafor", "'s", "plan", "and", "Okafor", "’s", "aide"])
        let tokens = try Tokenizer().tokenize("OKAFOR'S").tokens
        #expect(tokens.count == 2 && tokens[1].has(.possessive) && tokens[0].has(.allUpper))
    }

    @Test func apostropheNamesStayWhole() throws {
        #expect(try words("O'Brien and N’Diaye met") == ["O'Brien", "and", "N’Diaye", "met"])
    }

    @Test func hyphensAreSeparateSoPlacesInCompoundsSurface() throws {
        #expect(try words("Jean-Pierre, a Paris-based aide") == ["Jean", "-", "Pierre", ",", "a", "Paris", "-", "based", "aide"])
    }

    @Test func abbreviationsKeepTheirPeriod() throws {
        #expect(try words("Dr. Okafor met Gov. Lee in St. Louis, U.S. officials said.") ==
                ["Dr.", "Okafor", "met", "Gov.", "Lee", "in", "St.", "Louis", ",", "U.S.", "officials", "said", "."])
        #expect(try words("e.g. this") == ["e.g.", "this"])
    }

    @Test func initialsAreTokens() throws {
        let tokens = try Tokenizer().tokenize("J. K. Rowling wrote")
        #expect(tokens.tokens.count == 4)
        #expect(tokens.tokens[0].has(.initial) && tokens.tokens[1].has(.initial))
    }

    @Test func numberAbbreviationOnlyBeforeANumber() throws {
        #expect(try words("No. 10 said no.") == ["No.", "10", "said", "no", "."])
    }

    @Test func ellipsisIsOneToken() throws {
        #expect(try words("Well... maybe") == ["Well", "...", "maybe"])
    }

    @Test func caseFeatures() throws {
        let tokens = try Tokenizer().tokenize("NATO Okafor iPhone 2024 Émile élan").tokens
        #expect(tokens[0].has(.allUpper) && tokens[0].has(.capitalized))
        #expect(tokens[1].has(.capitalized) && !tokens[1].has(.allUpper) && !tokens[1].has(.allLower))
        #expect(!tokens[2].has(.capitalized))
        #expect(tokens[3].has(.numeric) && !tokens[3].has(.alphabetic))
        #expect(tokens[4].has(.capitalized) && !tokens[4].has(.ascii))
        #expect(tokens[5].has(.allLower))
    }

    @Test func nonLatinAndEmoji() throws {
        let got = try words("Владимир Зеленский 習近平 👍🏽 ok")
        // ICU segments Han text with its dictionary: 習近平 comes out as 習 + 近平.
        #expect(got == ["Владимир", "Зеленский", "習", "近平", "👍🏽", "ok"], "\(got)")
        let tokens = try Tokenizer().tokenize("Зеленский 👍🏽").tokens
        #expect(tokens[0].has(.capitalized) && tokens[1].has(.emoji))
    }

    @Test func lineAndParagraphLayout() throws {
        let tokens = try Tokenizer().tokenize("Headline here\r\nFirst line.\r\n\r\nSecond para").tokens
        #expect(tokens[0].has(.startsLine) && tokens[0].has(.followsBlankLine))
        #expect(tokens[2].has(.startsLine) && !tokens[2].has(.followsBlankLine))
        #expect(tokens[5].has(.startsLine) && tokens[5].has(.followsBlankLine))
        #expect(!tokens[1].has(.startsLine) && tokens[1].has(.spaceBefore))
    }

    @Test func emptyAndBlankText() throws {
        #expect(try Tokenizer().tokenize("").tokens.isEmpty)
        let blank = try Tokenizer().tokenize(" \n\t ")
        #expect(blank.tokens.isEmpty && blank.sentences.isEmpty)
    }
}

@Suite struct SentenceTests {
    @Test func abbreviationsDoNotEndSentences() throws {
        #expect(try sentences("Dr. Maria Okafor met Sen. Lee at No. 10 Downing St. on Monday. They talked.") ==
                ["Dr. Maria Okafor met Sen. Lee at No. 10 Downing St. on Monday.", "They talked."])
        #expect(try sentences("Gov. Ana Ruiz and Rep. Tom Bell spoke. Then they left.") ==
                ["Gov. Ana Ruiz and Rep. Tom Bell spoke.", "Then they left."])
    }

    @Test func initialsDoNotEndSentences() throws {
        #expect(try sentences("J. K. Rowling spoke. She left.") == ["J. K. Rowling spoke.", "She left."])
    }

    @Test func generalAbbreviationEndsASentenceOnlyBeforeAnOpener() throws {
        #expect(try sentences("He joined Acme Inc. The firm grew.") == ["He joined Acme Inc.", "The firm grew."])
        #expect(try sentences("The U.S. Senate voted. It passed.") == ["The U.S. Senate voted.", "It passed."])
        #expect(try sentences("Use a tool, e.g. Python. It works.") == ["Use a tool, e.g. Python.", "It works."])
    }

    @Test func lineBreaksEndSentences() throws {
        #expect(try sentences("TRADE TALKS RESUME\nOfficials met on Monday") ==
                ["TRADE TALKS RESUME", "Officials met on Monday"])
    }

    @Test func quotesStayWithTheirSentence() throws {
        #expect(try sentences("“We will act,” she said. “Soon.”") == ["“We will act,” she said.", "“Soon.”"])
    }

    @Test func sentenceStartFlag() throws {
        let text = try Tokenizer().tokenize("One. Two.")
        #expect(text.tokens.filter { $0.has(.startsSentence) }.count == 2)
    }

    @Test func asciiFastPathAgreesWithTheScalarFeatures() throws {
        // Every ASCII shape the byte-table path decides on its own, against ICU's properties.
        let samples = ["Okafor", "OKAFOR", "okafor", "O'Brien", "don't", "1990s", "U2", "42", "3.5", "\"", "'",
                       "-", "--", ",", "...", "$", "#1", "A", "a", "x86", "COVID-19", "e.g", "Mc'", "'s", "N.Y", " ", "\t"]
        for sample in samples {
            var text = sample
            text.withUTF8 { bytes in
                let fast = Tokenizer.asciiFeatures(bytes, 0, bytes.count)
                #expect(fast == Tokenizer.scalarFeatures(bytes, 0, bytes.count), "\(sample)")
            }
        }
        var accented = "Zoë"
        accented.withUTF8 { #expect(Tokenizer.asciiFeatures($0, 0, $0.count) == nil) }
    }
}
