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

/// Several workers: the same output, in input order; `--output DIR` writes a file per document and
/// `--resume` skips the ones already there.
@Suite struct ParallelBatchTests {
    static func corpus(_ count: Int) throws -> URL {
        let folder = try FormatFixtures.temporaryDirectory()
        var lines = ""
        for n in 0..<count {
            let text = n % 7 == 3 ? "" : "Maria Okafor met John Smith in Paris on day \(n). \(String(repeating: "Talks went on. ", count: n % 13))"
            lines += "{\"id\": \"doc\(n)\", \"text\": \"\(text)\"}\n"
            if n == 40 { lines += "not json\n" }
        }
        try Data(lines.utf8).write(to: folder.appendingPathComponent("in.jsonl"))
        return folder
    }

    @Test func workersKeepInputOrderAndReportFailures() throws {
        let folder = try Self.corpus(200)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = DocumentInput(paths: [folder.appendingPathComponent("in.jsonl").path], mode: .jsonl)
        let (one, _, summaryOne) = try FormatFixtures.run(input, format: .jsonl, jobs: 1)
        let (three, reports, summaryThree) = try FormatFixtures.run(input, format: .jsonl, jobs: 3)
        #expect(one == three)
        #expect(summaryOne.documents == 201 && summaryThree.documents == 201 && summaryThree.failed == 1 && reports.count == 1)
        let ids = three.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        #expect(Array(ids.prefix(42)) == (0...40).map { "doc\($0)" } + ["\(input.paths[0]):42"])
    }

    @Test func unorderedRunsWriteEveryDocumentOnce() throws {
        let folder = try Self.corpus(100)
        defer { try? FileManager.default.removeItem(at: folder) }
        var output: [UInt8] = []
        let job = AnnotateJob(format: .jsonl, jobs: 2, ordered: false)
        _ = try job.run(pipeline: FormatFixtures.pipeline, input: DocumentInput(paths: [folder.appendingPathComponent("in.jsonl").path], mode: .jsonl),
                        write: { output += $0 }, report: { _ in })
        let ids = String(decoding: output, as: UTF8.self).split(separator: "\n")
            .map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        #expect(ids.count == 101 && Set(ids).count == 101)
    }

    @Test func outputDirectoryAndResume() throws {
        let folder = try Self.corpus(30)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let input = DocumentInput(paths: [folder.appendingPathComponent("in.jsonl").path], mode: .jsonl)
        var written: [UInt8] = []
        let first = try AnnotateJob(format: .jsonl, jobs: 2, outputDirectory: out)
            .run(pipeline: FormatFixtures.pipeline, input: input, write: { written += $0 }, report: { _ in })
        #expect(written.isEmpty && first.documents == 30 && first.skipped == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 30 && files.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") })
        let doc5 = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("doc5.json"))) as! [String: Any]
        #expect(doc5["id"] as? String == "doc5" && !(doc5["entities"] as! [Any]).isEmpty)
        // A crash lost two files: resume writes only those.
        try FileManager.default.removeItem(at: out.appendingPathComponent("doc5.json"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("doc17.json"))
        let second = try AnnotateJob(format: .jsonl, jobs: 2, outputDirectory: out, resume: true)
            .run(pipeline: FormatFixtures.pipeline, input: input, write: { _ in }, report: { _ in })
        #expect(second.documents == 2 && second.skipped == 28)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("doc5.json").path))
    }

    @Test func idsThatCannotNameAFileAreRejected() {
        let writer = DocumentFileWriter(directory: URL(fileURLWithPath: "/tmp/x"), fileExtension: "json")
        #expect(throws: OutputError.self) { try writer.url(id: "../etc/passwd") }
        #expect(throws: OutputError.self) { try writer.url(id: "") }
        #expect((try? writer.url(id: "2024/03/story"))?.path == "/tmp/x/2024/03/story.json")
    }
}
