import Foundation
import Testing
@testable import Byline
@testable import BylineFormats

/// A batch reports each bad document, writes an error record for it, and carries on.
@Suite struct AnnotateJobTests {
    @Test func badDocumentsAreReportedAndTheBatchGoesOn() throws {
        let folder = try FormatFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Maria Okafor spoke.".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data([0x4F, 0x6B, 0xC3, 0x28]).write(to: folder.appendingPathComponent("b.txt"))
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).write(to: folder.appendingPathComponent("c.txt"))
        try Data().write(to: folder.appendingPathComponent("d.txt"))
        try Data("John Smith left.".utf8).write(to: folder.appendingPathComponent("e.txt"))
        let missing = folder.appendingPathComponent("missing.txt").path
        let (output, reports, summary) = try FormatFixtures.run(DocumentInput(paths: [folder.path, missing], mode: .text), format: .jsonl)
        let lines = output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["id"] as! String } == ["a", "b", "c", "d", "e", "missing"])
        #expect(summary.documents == 6 && summary.failed == 3)
        #expect((lines[1]["error"] as! String).hasSuffix("b.txt: invalid UTF-8 at byte offset 2"))
        #expect((lines[2]["error"] as! String).contains("binary content (NUL byte at byte offset 4)"))
        #expect((lines[3]["entities"] as! [Any]).isEmpty && lines[3]["text"] as! String == "")
        #expect((lines[5]["error"] as! String).contains("missing.txt: no such file or directory"))
        #expect(reports.count == 3 && reports[0].hasPrefix("b: "))
    }

    @Test func lossyReplacesInvalidBytes() throws {
        let folder = try FormatFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("b.txt")
        try Data([0x4F, 0x6B, 0xFF, 0x21]).write(to: file)
        let (output, reports, _) = try FormatFixtures.run(DocumentInput(paths: [file.path], mode: .text, lossy: true), format: .jsonl)
        #expect(reports.isEmpty && output.contains("\"text\":\"Ok\u{FFFD}!\""))
    }

    @Test func jsonlInputKeepsOrderAndReportsBadLines() throws {
        let folder = try FormatFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.jsonl")
        var bytes = Array("{\"id\": \"one\", \"text\": \"Maria Okafor\"}\r\nnot json\n{\"id\": 7, \"text\": \"Paris\"}\n\n{\"id\": \"x\"}\n".utf8)
        bytes += [0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]  // {"text":"\xFF"} with no newline
        try Data(bytes).write(to: file)
        let (output, _, summary) = try FormatFixtures.run(DocumentInput(paths: [file.path], mode: .jsonl), format: .jsonl)
        let lines = output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["id"] as! String } == ["one", "\(file.path):2", "7", "x", "\(file.path):6"])
        #expect(summary.failed == 3)
        #expect((lines[1]["error"] as! String).hasSuffix(":2: not a JSON object"))
        #expect((lines[3]["error"] as! String).contains("no string field \"text\""))
        #expect((lines[4]["error"] as! String).contains("invalid UTF-8 at byte offset 9 of the line"))
    }

    @Test func jsonFormatIsAnObjectForOneDocumentAndAnArrayForSeveral() throws {
        let folder = try FormatFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Paris".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("China".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let one = try FormatFixtures.run(DocumentInput(paths: [folder.appendingPathComponent("a.txt").path], mode: .text), format: .json).0
        #expect(try JSONSerialization.jsonObject(with: Data(one.utf8)) is [String: Any])
        let two = try FormatFixtures.run(DocumentInput(paths: [folder.path], mode: .text), format: .json).0
        #expect((try JSONSerialization.jsonObject(with: Data(two.utf8)) as? [Any])?.count == 2)
    }

    @Test func lineReaderHandlesHugeLinesAndCRLF() throws {
        let folder = try FormatFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lines")
        let huge = String(repeating: "x", count: 3 << 20)
        try Data("a\r\n\(huge)\nlast".utf8).write(to: file)
        let reader = LineReader(try FileHandle(forReadingFrom: file))
        #expect(try reader.nextLine() == Array("a".utf8))
        #expect(try reader.nextLine()?.count == 3 << 20)
        #expect(try reader.nextLine() == Array("last".utf8))
        #expect(try reader.nextLine() == nil)
    }
}
