import Foundation
import Testing
@testable import Byline
@testable import BylineEval
import BylineFormats

/// Each export format, read back by the harness's readers, gives the spans that were exported.
@Suite struct ExportRoundTripTests {
    /// The shipped rules: the documents must carry quotes, speakers and title links to export.
    static let pipeline: Pipeline = try! Pipeline.load(configuration: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules/pipeline.conf"))

    static let texts = [
        "UK Foreign Secretary María Okafor-Dúró met officials in São Paulo on Monday.\n\n\"We will not back down,\" Okafor said.\n",
        "John Smith 🇬🇧 visited Paris and London. Maria Okafor stayed in Lagos.",
        "",
    ]

    static func documents() throws -> [ExportDocument] {
        let annotator = try pipeline.makeAnnotator()
        return try texts.enumerated().map { n, text in ExportDocument(annotated: try annotator.annotate(id: "doc\(n)", text: text)) }
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// (label, text without spaces) of the spans flat formats keep: token formats keep no spacing.
    static func flat(_ document: ExportDocument) -> [String] {
        FlatTagging.outermost(document.labeled.entities).kept.map { "\($0.label):\(document.text($0.start..<$0.end).filter { $0 != " " })" }
    }

    static func flat(_ document: LabeledDocument) -> [String] {
        let scalars = Array(document.text.unicodeScalars)
        return document.entities.map { span in
            var view = String.UnicodeScalarView(); view.append(contentsOf: scalars[span.start..<span.end])
            return "\(span.label):\(String(view).filter { $0 != " " })"
        }
    }

    @Test(arguments: [ColumnReader.Scheme.iob1, .iob2, .bilou])
    func conllColumns(scheme: ColumnReader.Scheme) throws {
        let documents = try Self.documents()
        #expect(documents[0].labeled.entities.contains { $0.label == "PLACE" && $0.start == 0 })  // nested in the TITLE
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = ColumnWriter(tagging: FlatTagging(scheme: scheme, labelMap: ["PERSON": "PER", "PLACE": "LOC"]))
        let file = folder.appendingPathComponent("out.conll")
        var nested = 0
        try Data(documents.map { document -> String in
            let (text, losses) = writer.write(document)
            nested += losses.nested
            return text
        }.joined().utf8).write(to: file)
        #expect(nested == 1)
        let read = try ColumnReader(scheme: scheme, labelMap: ["PER": "PERSON", "LOC": "PLACE"]).read(file.path)
        #expect(read.count == 2)  // the empty document has no tokens
        #expect(read.map(Self.flat) == documents.prefix(2).map { Self.flat($0) })
    }

    @Test func spacyJSONLines() throws {
        let documents = try Self.documents()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.jsonl")
        try Data(documents.flatMap { SpacyWriter().write($0) }).write(to: file)
        let read = try AnnotationFileReader().read([file.path])
        #expect(read.map(\.id) == ["doc0", "doc1", "doc2"])
        #expect(read.map(\.text) == Self.texts)
        for (original, back) in zip(documents, read) {
            #expect(back.entities.map { [$0.start, $0.end] } == original.labeled.entities.map { [$0.start, $0.end] })
            #expect(back.entities.map(\.label) == original.labeled.entities.map(\.label))
        }
        // token_start / token_end (inclusive) point at the tokens the span covers.
        let line = try JSONSerialization.jsonObject(with: Data(SpacyWriter().write(documents[0]))) as! [String: Any]
        let tokens = line["tokens"] as! [[String: Any]]
        let person = (line["spans"] as! [[String: Any]]).first { $0["label"] as? String == "PERSON" }!
        #expect(tokens[person["token_start"] as! Int]["start"] as? Int == person["start"] as? Int)
        #expect(tokens[person["token_end"] as! Int]["end"] as? Int == person["end"] as? Int)
    }

    @Test func bratStandoff() throws {
        let documents = try Self.documents()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for document in documents {
            try Data(document.labeled.text.utf8).write(to: folder.appendingPathComponent("\(document.labeled.id).txt"))
            try Data(BratWriter().annotation(document).utf8).write(to: folder.appendingPathComponent("\(document.labeled.id).ann"))
        }
        let read = try AnnotationFileReader().read([folder.path])
        #expect(read.map(\.id) == ["doc0", "doc1", "doc2"])
        for (original, back) in zip(documents, read) {
            #expect(back.entities.map { [$0.start, $0.end] } == original.labeled.entities.map { [$0.start, $0.end] })
            #expect(back.entities.map(\.label) == original.labeled.entities.map(\.label))
            #expect(back.quotes.map { [$0.start, $0.end] } == original.labeled.quotes.map { [$0.start, $0.end] })
            #expect(back.quotes.map(\.kind) == original.labeled.quotes.map(\.kind))
            #expect(back.quotes.map { $0.speaker?.name } == original.labeled.quotes.map { $0.speaker?.name })
            #expect(back.quotes.map { $0.cue?.start } == original.labeled.quotes.map { $0.cue?.start })
            // A name is written only where it differs from the span's text.
            #expect(back.entities.map { $0.attributes["name"] ?? original.text($0.start..<$0.end) }
                    == original.labeled.entities.map { $0.attributes["name"] ?? original.text($0.start..<$0.end) })
        }
        // The title's person comes back as the offset of the person it names.
        let title = try #require(read[0].entities.first { $0.label == "TITLE" })
        let person = try #require(read[0].entities.first { $0.label == "PERSON" })
        #expect(title.attributes["person"] == String(person.start))
        #expect(!read[0].quotes.isEmpty)
        let conf = BratWriter().configuration(labels: ["PERSON", "TITLE", "PLACE"])
        #expect(conf.contains("[entities]\nPERSON\nTITLE\nPLACE\nQuote\nCue\nSpeaker\n") && conf.contains("Kind\tArg:Quote, Value:direct|partial|indirect"))
    }

    @Test func huggingFaceTokenClassification() throws {
        let documents = try Self.documents()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = HuggingFaceWriter(labels: ["PER", "TTL", "LOC"], labelMap: ["PERSON": "PER", "TITLE": "TTL", "PLACE": "LOC"])
        #expect(writer.labels == ["O", "B-PER", "I-PER", "B-TTL", "I-TTL", "B-LOC", "I-LOC"])
        try Data(writer.labelsJSON()).write(to: folder.appendingPathComponent("labels.json"))
        try Data(documents.flatMap { writer.write($0).bytes }).write(to: folder.appendingPathComponent("train.jsonl"))
        let read = try AnnotationFileReader(labelMap: ["PER": "PERSON", "TTL": "TITLE", "LOC": "PLACE"]).read([folder.appendingPathComponent("train.jsonl").path])
        #expect(read.map(\.id) == ["doc0", "doc1"])
        #expect(read.map(Self.flat) == documents.prefix(2).map { Self.flat($0) })
    }

    @Test func numericTagsWithoutTheirLabelListAreAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.jsonl")
        try Data("{\"tokens\": [\"Paris\"], \"ner_tags\": [5]}\n".utf8).write(to: file)
        #expect(throws: GoldErrors.self) { try AnnotationFileReader().read([file.path]) }
    }
}

/// `ExportJob`: raw text is annotated on the way; annotate JSONL is exported as it is, a bad line reported.
@Suite struct ExportJobTests {
    @Test func rawAndAnnotatedInputsExportTheSameSpans() throws {
        let folder = try ExportRoundTripTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("in.jsonl")
        try Data(ExportRoundTripTests.texts.enumerated().map { n, text in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["id": "doc\(n)", "text": text]), as: UTF8.self) + "\n"
        }.joined().utf8).write(to: raw)
        var fromRaw: [UInt8] = []
        let job = ExportJob(format: .spacy, jobs: 2)
        let summary = try job.run(pipeline: ExportRoundTripTests.pipeline, source: .raw(DocumentInput(paths: [raw.path], mode: .jsonl)),
                                  emit: { if case .stream(let bytes) = $0 { fromRaw += bytes } }, report: { _ in })
        #expect(summary.documents == 3 && summary.failed == 0)
        // The same documents as annotate JSONL, plus a line that is not JSON.
        let annotator = try ExportRoundTripTests.pipeline.makeAnnotator()
        var annotated = ""
        for (n, text) in ExportRoundTripTests.texts.enumerated() {
            var writer = JSONWriter()
            AnnotationJSON.write(try annotator.annotate(id: "doc\(n)", text: text), to: &writer)
            annotated += String(decoding: writer.bytes, as: UTF8.self) + "\n"
            if n == 0 { annotated += "{broken\n" }
        }
        let file = folder.appendingPathComponent("annotated.jsonl")
        try Data(annotated.utf8).write(to: file)
        var fromAnnotated: [UInt8] = []
        var reports: [String] = []
        let second = try job.run(pipeline: ExportRoundTripTests.pipeline, source: .annotated([file.path]),
                                 emit: { if case .stream(let bytes) = $0 { fromAnnotated += bytes } }, report: { reports.append($0) })
        #expect(second.documents == 4 && second.failed == 1 && reports.count == 1 && reports[0].contains("annotated.jsonl:2"))
        #expect(fromAnnotated == fromRaw)
    }

    /// Entity formats are exported without the quote phase (it never changes entities); brat, which holds
    /// quotes, still gets them from raw text.
    @Test func onlyBratAnnotatesQuotesOnTheWay() throws {
        let folder = try ExportRoundTripTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("in.txt")
        try Data(ExportRoundTripTests.texts[0].utf8).write(to: raw)
        var annotation = ""
        _ = try ExportJob(format: .brat).run(pipeline: ExportRoundTripTests.pipeline, source: .raw(DocumentInput(paths: [raw.path], mode: .text)),
                                             emit: { if case .brat(_, _, let ann) = $0 { annotation += ann } }, report: { _ in })
        #expect(annotation.contains("\tQuote ") && annotation.contains("\tSpeaker "))
        var columns: [UInt8] = []
        _ = try ExportJob(format: .conll).run(pipeline: ExportRoundTripTests.pipeline, source: .raw(DocumentInput(paths: [raw.path], mode: .text)),
                                              emit: { if case .stream(let bytes) = $0 { columns += bytes } }, report: { _ in })
        let full = try ExportRoundTripTests.pipeline.makeAnnotator().annotate(id: "in", text: ExportRoundTripTests.texts[0])
        #expect(!full.quotes.isEmpty)
        let (expected, _) = ColumnWriter(tagging: FlatTagging(scheme: .iob2, labelMap: [:])).write(ExportDocument(annotated: full))
        #expect(String(decoding: columns, as: UTF8.self) == expected)
    }
}
