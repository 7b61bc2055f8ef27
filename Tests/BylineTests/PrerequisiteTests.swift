import Foundation
import Testing
@testable import Byline

/// Rules run only on the lines holding what their patterns need (`Prerequisites`): what the analysis
/// reads from a pattern, the scanner that finds the texts line by line, and proof on the whole Corpus
/// that the shipped rules find exactly what they find when run everywhere.
@Suite struct PrerequisiteTests {
    /// The clauses of `pattern`, each as its atoms' texts sorted ("<0>" for slot 0's span class).
    private func clauses(_ pattern: String, caseless: Bool = false) -> Set<[String]>? {
        Prerequisites.of(pattern, caseless: caseless).map { prerequisites in
            Set(prerequisites.clauses.map { clause in
                clause.map { atom in
                    switch atom {
                    case .text(let bytes): String(decoding: bytes, as: UTF8.self)
                    case .span(let slot): "<\(slot)>"
                    }
                }.sorted()
            })
        }
    }

    private func staysOnLine(_ pattern: String) -> Bool? { Prerequisites.of(pattern)?.staysOnLine }

    @Test func wordsAndAlternativesBecomeClauses() {
        #expect(clauses(#"\b(?:market|bazaar)\h+(?:of|in)\h+(?<place>\p{Lu}\p{Ll}+)"#) == [["bazaar", "market"]])
        // Short classes multiply out with the text around them.
        #expect(clauses(#"[Tt]he\h+mayor\h+said"#) == [["The", "the"], ["mayor"], ["said"]])
        #expect(clauses(#"According\h+to"#) == [["According"]])
    }

    @Test func whatAMatchCanDoWithoutIsNoClause() {
        #expect(clauses(#"(?:Dr\.\h+)?Smith"#) == [["Smith"]])
        #expect(clauses(#"(?:said|\p{L}+)\h+Smith"#) == [["Smith"]])
        #expect(clauses(#"(?:said|\p{L}+)"#) == nil)
        #expect(clauses(#"(?!said)\p{Ll}+"#) == nil)
        #expect(clauses(#"(?:ruling){0,2}\h+\p{Lu}"#) == nil)
        // Too common to look for: "a", "in", a comma.
        #expect(clauses(#"\bin\h+a\h*,"#) == nil)
    }

    @Test func positiveLookAroundsCountTheyAreReadToo() {
        #expect(clauses(#"(?=[^\n]*?\hsaid\h)\p{Lu}\p{Ll}+"#) == [["said"]])
        #expect(clauses(#"(?<=\bMayor\h)\p{Lu}\p{Ll}+"#) == [["Mayor"]])
    }

    @Test func spanClassesAreAtoms() {
        #expect(clauses(#"(?C"S0")\h+(?:said|told)\h+(?C"S1")"#) == [["<0>"], ["said", "told"], ["<1>"]])
        #expect(clauses(#"(?:(?C"S0")|chief)\h+executive"#) == [["<0>", "chief"], ["executive"]])
    }

    @Test func caselessTextIsNoAtom() {
        #expect(clauses(#"said\h+\p{Lu}"#, caseless: true) == nil)
        #expect(clauses(#"(?i:said)\h+Smith"#) == [["Smith"]])
        // "(?i)" holds to the end of its group, not past it.
        #expect(clauses(#"(?:(?i)said\h+)Smith"#) == [["Smith"]])
        #expect(clauses(#"(?i)said\h+Smith"#) == nil)
        #expect(clauses(#"(?i:[Ss]aid)"#) == nil)
    }

    @Test func unsupportedSyntaxGivesNoPrerequisites() {
        #expect(clauses(#"\Qsaid\E"#) == nil)
        #expect(clauses(#"(\p{Lu})said\1"#) == nil)
        #expect(clauses(#"said(?R)?"#) == nil)
        #expect(clauses(#"said[[:alpha:]]"#) == nil)
        #expect(Prerequisites.of("said", extended: true) == nil)
        #expect(clauses(#"said\h{,3}Smith"#) == nil)
        // A brace that opens no quantifier is text.
        #expect(clauses(#"said\h\{x}"#) == [["said"], ["{x}"]])
    }

    @Test func aMatchStaysOnItsLineUnlessItCanReadPastALineFeed() {
        #expect(staysOnLine(#"said\h+\p{Lu}[^\n.]+"#) == true)
        // A line feed read last (the line's own) is still the line.
        #expect(staysOnLine(#"said(?=[.!?]|\n|$)"#) == true)
        #expect(staysOnLine(#"said(?:\n|$)"#) == true)
        #expect(staysOnLine(#"said\n\p{Lu}"#) == false)
        #expect(staysOnLine(#"said[^.]+"#) == false)
        #expect(staysOnLine(#"said\s+\p{Lu}"#) == false)
        #expect(staysOnLine(#"said(?:\n\h*){1,2}"#) == false)
        #expect(staysOnLine(#"(?<=\n)said"#) == false)
        #expect(staysOnLine(#"said(?=\n\p{Lu})"#) == false)
        #expect(staysOnLine(#"said.\p{Lu}"#) == false)
        #expect(staysOnLine(#"said\P{L}\p{Lu}"#) == false)
        #expect(staysOnLine(#"said\P{L}"#) == true)
    }

    @Test func theScannerFindsEveryTextOnItsLine() {
        let scanner = TextAtomScanner(atoms: ["he", "she", "hers", "said"].map { Array($0.utf8) })
        var text = "she said\nhers\n\nhe"
        var scan = TextScan()
        text.withUTF8 { scanner.scan($0, into: &scan) }
        #expect(scan.lineEnds == [8, 13, 14, 17])
        #expect(scan.lineTexts == [0b1011, 0b0101, 0, 0b0001])
        // Where each text starts, in the order they end: "she" and "he" end together, "hers" holds "he".
        #expect(scan.hits.map { "\($0.atom)@\($0.start)" } == ["0@1", "1@0", "3@4", "0@9", "2@9", "0@15"])
        #expect(scan.lineHits == [0, 3, 5, 5, 6])
        #expect((0..<scan.lineCount).map { scan.hits(on: $0).count } == [3, 2, 0, 1])
        #expect(scan.lineStart(2) == 14)
        #expect(scan.documentTexts == [0b1111])
    }

    @Test func aheadClausesBoundWhereAMatchStarts() throws {
        let prerequisites = try #require(Prerequisites.of(#"(?<=\bMayor\h)(?C"S0")\h+(?:said|told)"#))
        let ahead = Dictionary(uniqueKeysWithValues: zip(prerequisites.clauses, prerequisites.ahead))
        #expect(ahead[[.text(Array("Mayor".utf8))]] == false)
        #expect(ahead[[.span(slot: 0)]] == true)
        #expect(ahead[[.text(Array("said".utf8)), .text(Array("told".utf8))]] == true)
        // A look-ahead's text is ahead of the match start too; an alternative is ahead only if all its branches are.
        #expect(Prerequisites.of(#"(?=\p{Lu}[^\n]*?\hsaid\h)\p{Lu}"#)?.ahead == [true])
        #expect(Prerequisites.of(#"(?:(?<=Mayor\h)|chief\h)\p{Lu}"#)?.ahead == [false])
    }

    @Test func aRuleIsTriedOnlyUpToTheLastAtomOfALine() throws {
        // quote.indirect-said needs "said" (or another cue) at or after its start: on the first line it is
        // tried only up to "said", so "Later Tunde Bello spoke." is not tried; the same quotes either way.
        let text = "Amara Wanjiku said the port would reopen. Later Tunde Bello spoke.\nTunde Bello said it would not.\n"
        let annotator = try ShippedGazetteerTests.pipeline.makeAnnotator()
        let everywhere = try ShippedGazetteerTests.pipeline.makeAnnotator()
        everywhere.prerequisitesEnabled = false
        let a = try annotator.annotate(id: "t", text: text), b = try everywhere.annotate(id: "t", text: text)
        #expect(a.quotes.map { "\($0)" } == b.quotes.map { "\($0)" })
        #expect(a.quotes.count == 2)
    }

    @Test func mostShippedRulesHavePrerequisites() {
        let rules = ShippedGazetteerTests.pipeline.rules
        #expect(rules.filter { $0.prerequisites != nil }.count >= rules.count * 3 / 4)
        let kind = rules.first { $0.id == "place.before-kind" }?.prerequisites
        #expect(kind?.clauses.contains { $0.contains(.text(Array("district".utf8))) } == true)
    }

    @Test func checkRulesDescribesThem() throws {
        let pipeline = ShippedGazetteerTests.pipeline
        let rule = try #require(pipeline.rules.first { $0.id == "org.statistics-office" })
        #expect(pipeline.prerequisiteDescription(of: rule) == #"("Statistics") & ({place/country}) on its line"#)
        let byline = try #require(pipeline.rules.first { $0.id == "person.byline" })
        #expect(pipeline.prerequisiteDescription(of: byline)?.hasPrefix(#""By""#) == true)
        // Where a rule is tried: the classes every match opens with, through optional openers.
        let firstLast = try #require(pipeline.rules.first { $0.id == "person.first-last" })
        #expect(pipeline.startDescription(of: firstLast) == "{person/first}")
        let titled = try #require(pipeline.rules.first { $0.id == "title.before-person" })
        #expect(pipeline.startDescription(of: titled)?.contains("{title/head}") == true)
        #expect(pipeline.startDescription(of: titled)?.contains("{PLACE}") == true)
        #expect(pipeline.startDescription(of: byline) == nil)
    }

    @Test func theShippedRulesFindTheSameWithAndWithoutThem() throws {
        let root = ShippedGazetteerTests.root
        let checked = try ShippedGazetteerTests.pipeline.makeAnnotator()
        let everywhere = try ShippedGazetteerTests.pipeline.makeAnnotator()
        everywhere.prerequisitesEnabled = false
        // Rules whose matches open with a span of some classes are tried at those spans' starts only;
        // scanned every byte instead, they find the same.
        let scanned = try ShippedGazetteerTests.pipeline.makeAnnotator()
        scanned.anchoringEnabled = false
        var texts: [(String, String)] = [
            // A quote over two paragraphs: its span crosses a line, so rules naming {QUOTED} check the whole document.
            ("paragraphs", "\"The port will reopen,\" said Amara Wanjiku, the harbour master.\n\n\"It will take a year,\nperhaps two,\" she told reporters in Mombasa. The Likoni district market said prices rose.\n"),
        ]
        for split in ["dev", "test"] {
            let folder = root.appendingPathComponent("Corpus/\(split)")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                texts.append((file, try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["text"] as? String)))
            }
        }
        for (name, text) in texts {
            let a = try checked.annotate(id: name, text: text), b = try everywhere.annotate(id: name, text: text)
            #expect(a.entities == b.entities, "\(name)")
            #expect(a.quotes.map { "\($0)" } == b.quotes.map { "\($0)" }, "\(name)")
            let c = try scanned.annotate(id: name, text: text)
            #expect(a.entities == c.entities, "\(name)")
            #expect(a.quotes.map { "\($0)" } == c.quotes.map { "\($0)" }, "\(name)")
        }
        #expect(texts.count >= 60)
    }
}
