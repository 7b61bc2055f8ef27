import Foundation
import Testing
@testable import Byline
@testable import BylineFormats

@Suite struct AnnotationJSONTests {
    /// Every span's `text` equals the code points `text[start..<end]`, on text full of multi-byte characters.
    @Test func offsetsAreCodePointsOnNonASCIIInput() throws {
        let path = FormatFixtures.directory.appendingPathComponent("accented.txt").path
        let (output, reports, _) = try FormatFixtures.run(DocumentInput(paths: [path], mode: .text), format: .jsonl)
        #expect(reports.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let text = Array((object["text"] as! String).unicodeScalars)
        let entities = try #require(object["entities"] as? [[String: Any]])
        #expect(entities.count >= 4)
        for entity in entities {
            let start = entity["start"] as! Int, end = entity["end"] as! Int
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text[start..<end])
            #expect(String(view) == entity["text"] as! String)
        }
        #expect(entities.map { $0["text"] as! String }.contains("São Paulo"))
    }

    @Test func goldenJSON() throws {
        let path = FormatFixtures.directory.appendingPathComponent("accented.txt").path
        let (output, _, _) = try FormatFixtures.run(DocumentInput(paths: [path], mode: .text), format: .json)
        let golden = FormatFixtures.directory.appendingPathComponent("accented.golden.json")
        if ProcessInfo.processInfo.environment["BYLINE_UPDATE_GOLDEN"] != nil {
            try Data(output.utf8).write(to: golden)
        }
        #expect(output == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func goldenText() throws {
        let path = FormatFixtures.directory.appendingPathComponent("accented.txt").path
        let (output, _, _) = try FormatFixtures.run(DocumentInput(paths: [path], mode: .text), format: .text)
        #expect(output == """
            [[UK]PLACE Foreign Secretary]TITLE [María Okafor-Dúró]PERSON met officials in [São Paulo]PLACE 🇧🇷 on “Monday”.
            [John Smith]PERSON said\tgoodbye.

            """)
    }

    @Test func jsonWriterEscapes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a\"b"); writer.string("line\nbreak\ttab \\ \u{01} é 🇧🇷")
        writer.key("n"); writer.int(-3)
        writer.key("list"); writer.beginArray(); writer.null(); writer.bool(true); writer.endArray()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"a\"b":"line\nbreak\ttab \\ \u0001 é 🇧🇷","n":-3,"list":[null,true]}"#)
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any]
        #expect(parsed?["a\"b"] as? String == "line\nbreak\ttab \\ \u{01} é 🇧🇷")
    }

    @Test func jsonWriterNumbersAndEscapesAtTheEdges() {
        var writer = JSONWriter()
        writer.beginArray()
        for n in [0, 7, 10, 1_234_567, Int.max, Int.min] { writer.int(n) }
        // Escapes first, last, back to back, and nothing to escape; from bytes that are not contiguous too.
        writer.string("\"\"")
        writer.string("plain")
        writer.string("")
        writer.string(utf8: Array("a\u{7F}b\"".utf8).lazy.map { $0 })
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self)
                == #"[0,7,10,1234567,9223372036854775807,-9223372036854775808,"\"\"","plain","","a\u007fb\""]"#)
    }

    @Test func jsonWriterEscapesEveryByteThatNeedsItWhereverItFalls() throws {
        // Strings are scanned eight bytes at a time: put each byte that needs an escape at every position
        // of a 20-byte string (before, inside and after a word; also two of them in one word), and check
        // that a JSON reader gets the string back.
        for special in ["\"", "\\", "\n", "\u{00}", "\u{1F}", "\u{7F}"] {
            for position in 0..<20 {
                var chars = Array(repeating: "x", count: 20)
                chars[position] = special
                chars[(position + 3) % 20] = "é"
                chars[(position + 5) % 20] = special
                let value = chars.joined()
                var writer = JSONWriter()
                writer.beginArray(); writer.string(value); writer.endArray()
                let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [Any]
                #expect(parsed?.first as? String == value, "\(special) at \(position)")
            }
        }
    }

    @Test func aCopiedWriterWritesOnItsOwn() {
        var first = JSONWriter()
        first.beginArray()
        first.int(1)
        var second = first  // shares the buffer until one of them writes
        second.int(2)
        second.endArray()
        first.int(3)
        first.endArray()
        #expect(String(decoding: first.bytes, as: UTF8.self) == "[1,3]")
        #expect(String(decoding: second.bytes, as: UTF8.self) == "[1,2]")
        // Writing past the first capacity grows the buffer without losing what was written.
        var long = JSONWriter(capacity: 16)
        long.beginArray()
        for n in 0..<1000 { long.int(n) }
        long.endArray()
        #expect(String(decoding: long.bytes, as: UTF8.self) == "[" + (0..<1000).map(String.init).joined(separator: ",") + "]")
    }
}
