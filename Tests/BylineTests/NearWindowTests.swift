import Foundation
import Testing
@testable import Byline

/// `near: CLASS` rules run only on the lines around spans of the class, `needs: TEXT` rules on the lines
/// holding the text: the windows, and proof on the whole Corpus that the shipped rules find exactly what
/// they find when run everywhere.
@Suite struct NearWindowTests {
    private func windows(_ text: String, spans: [(String, Int)]) -> [String] {
        let keys = spans.map { phrase, occurrence -> UInt64 in
            var found = text.range(of: phrase)!
            for _ in 0..<occurrence { found = text.range(of: phrase, range: found.upperBound..<text.endIndex)! }
            let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
            return UInt64(start) << 32 | UInt64(start + phrase.utf8.count)
        }.sorted()
        var copy = text
        return copy.withUTF8 { bytes in
            keys.withUnsafeBufferPointer { Annotator.windows(around: $0, in: bytes) }
                .map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func aWindowRunsFromTheNonBlankLineBeforeToTheEndOfTheSpansLine() {
        let text = "Headline\n\nShe said:\n\n\"We will win.\" More text.\nLater line.\nAnother \"quote\" here.\n"
        #expect(windows(text, spans: [("\"We will win.\"", 0)]) == ["She said:\n\n\"We will win.\" More text."])
        // Overlapping windows merge; the first line has no line before it.
        #expect(windows(text, spans: [("Headline", 0), ("She", 0), ("\"quote\"", 0)])
                == ["Headline\n\nShe said:", "Later line.\nAnother \"quote\" here."])
    }

    @Test func spansOnOneLongLineShareOneWindow() {
        let line = String(repeating: "word \"q\" ", count: 2000)
        #expect(windows("first\n" + line, spans: (0..<2000).map { ("\"q\"", $0) }) == ["first\n" + line])
    }

    @Test func aSentenceWindowRunsFromTheSentenceStartToTheSpan() {
        // Sentences 0..<10, 11..<30, 31..<50; spans start at 15 and 20 (one window) and at 40.
        let keys: [UInt64] = [15 << 32 | 19, 20 << 32 | 24, 40 << 32 | 44]
        let windows = keys.withUnsafeBufferPointer { Annotator.windows(before: $0, in: [0..<10, 11..<30, 31..<50]) }
        #expect(windows == [11..<20, 31..<40])
        // A span between two sentences belongs to the one before; before the first, it is its own start.
        let between: [UInt64] = [5 << 32 | 6, 10 << 32 | 11]
        #expect(between.withUnsafeBufferPointer { Annotator.windows(before: $0, in: [7..<9, 12..<20]) } == [5..<5, 7..<10])
    }

    @Test func aStartWindowIsEachSpanStartOnce() {
        let keys: [UInt64] = [3 << 32 | 9, 3 << 32 | 12, 20 << 32 | 24]
        #expect(keys.withUnsafeBufferPointer { Annotator.windows(startingAt: $0) } == [3..<3, 20..<20])
    }

    @Test func severalNearLinesAllowOnlyWhereAllAllow() {
        #expect(Annotator.intersection([0..<10, 20..<30], [5..<25]) == [5..<10, 20..<25])
        // Bounds are inclusive: a match may start at a window's upper bound.
        #expect(Annotator.intersection([0..<10], [10..<12]) == [10..<10])
        #expect(Annotator.intersection([0..<10], [11..<12]).isEmpty)
    }

    @Test func outsideTakesSpansOutOfTheWindows() {
        // Spans 5..<8 and 12..<20 (the second runs past the first window); a match may start at a span's end.
        let keys: [UInt64] = [5 << 32 | 8, 12 << 32 | 20]
        let windows = keys.withUnsafeBufferPointer { Annotator.windows([0..<10, 15..<30], outside: $0) }
        #expect(windows == [0..<4, 8..<10, 20..<30])
        // A window inside a span is gone; a span at a window's start moves it.
        #expect(keys.withUnsafeBufferPointer { Annotator.windows([5..<9, 13..<18], outside: $0) } == [8..<9])
        #expect(keys.withUnsafeBufferPointer { Annotator.windows([0..<100], outside: $0) } == [0..<4, 8..<11, 20..<100])
    }

    /// The windows of `needs: needles`, found by a scanner that also looks for `others`.
    private func neededWindows(_ text: String, _ needles: [String], others: [String] = ["Stone", "here"]) -> [String] {
        let scanner = TextAtomScanner(atoms: (others + needles).map { Array($0.utf8) })
        var needed = [UInt64](repeating: 0, count: scanner.words)
        for bit in others.count..<(others.count + needles.count) { needed[bit >> 6] |= 1 << UInt64(bit & 63) }
        var copy = text, scan = TextScan()
        return copy.withUTF8 { bytes in
            scanner.scan(bytes, into: &scan)
            return scan.windows(needing: needed).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func aNeedsWindowRunsFromTheLineStartToTheText() {
        let text = "Buyers in Stone Town pay.\nNo town here.\nA road to George Town and Old Town.\n"
        #expect(neededWindows(text, ["Town"]) == ["Buyers in Stone ", "A road to George Town and Old "])
        // Several texts: their windows merge in text order; a text at the very start has an empty window.
        #expect(neededWindows("City hall. Then Mexico City.\nCITY", ["CITY", "City"]) == ["City hall. Then Mexico ", ""])
        #expect(neededWindows("nothing here", ["Town"]).isEmpty)
        #expect(neededWindows("To", ["Town"]).isEmpty)
    }

    @Test func aNeedsTextOverlappingAnotherIsFound() {
        // "Town" inside "Townsend" and overlapping another text of the scanner's ("ownse").
        #expect(neededWindows("See Townsend.\nNo.", ["Town"], others: ["ownse", "Tow"]) == ["See "])
        #expect(neededWindows("a Town b Town\nTown", ["Town"]) == ["a Town b ", ""])
    }

    @Test func needsWantsTexts() throws {
        let message = try #require(try Fixtures.loadError(["titles.rules": "rule t.one\n  pattern: \\w+\n  emit: x=TITLE\n  needs: Town | \n"]))
        #expect(message.contains("titles.rules:4: needs: expects one or more texts separated by '|'"))
    }

    @Test func nearTakesAScope() throws {
        let message = try #require(try Fixtures.loadError(["titles.rules": "rule t.one\n  pattern: \\w+\n  emit: x=TITLE\n  near: PERSON lines\n"]))
        #expect(message.contains("titles.rules:4: near: expects one class name"))
    }

    @Test func nearNamesAKnownClass() throws {
        let message = try #require(try Fixtures.loadError(["titles.rules": "rule t.one\n  pattern: \\w+\n  emit: x=TITLE\n  near: nosuch/class\n"]))
        #expect(message.contains("titles.rules:1: rule t.one: near: nosuch/class is no gazetteer class"))
        let two = try #require(try Fixtures.loadError(["titles.rules": "rule t.one\n  pattern: \\w+\n  emit: x=TITLE\n  near: a b\n"]))
        #expect(two.contains("titles.rules:4: near: expects one class name"))
    }

    @Test func outsideHoldsAlsoWithoutTheWindows() throws {
        // "We said that …" inside quotation marks is no reported speech of the article's, windows or not.
        let text = "\"A bricklayer cannot wait as long as a lawyer,\" Tjaša Kranjc said. \"We said that on the first day, and we are saying it today.\"\n"
        for windows in [true, false] {
            let annotator = try ShippedGazetteerTests.pipeline.makeAnnotator()
            annotator.windowsEnabled = windows
            let document = try annotator.annotate(id: "t", text: text)
            #expect(document.quotes.map { $0.speaker?.name } == ["Tjaša Kranjc", "Tjaša Kranjc"], "windows: \(windows)")
        }
    }

    @Test func theShippedNearRulesFindTheSameOnTheCorpus() throws {
        let root = ShippedGazetteerTests.root
        let windowed = try ShippedGazetteerTests.pipeline.makeAnnotator()
        let everywhere = try ShippedGazetteerTests.pipeline.makeAnnotator()
        everywhere.windowsEnabled = false
        #expect(ShippedGazetteerTests.pipeline.rules.filter { !$0.near.isEmpty }.count >= 10)
        #expect(ShippedGazetteerTests.pipeline.rules.filter { !$0.needs.isEmpty }.count >= 5)
        var documents = 0
        for split in ["dev", "test"] {
            let folder = root.appendingPathComponent("Corpus/\(split)")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                let text = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["text"] as? String)
                let a = try windowed.annotate(id: file, text: text), b = try everywhere.annotate(id: file, text: text)
                #expect(a.entities == b.entities, "\(file)")
                #expect(a.quotes.map { "\($0)" } == b.quotes.map { "\($0)" }, "\(file)")
                documents += 1
            }
        }
        #expect(documents >= 60)
    }
}
