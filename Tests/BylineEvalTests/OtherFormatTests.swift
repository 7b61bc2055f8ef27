import Foundation
import Testing
@testable import BylineEval

@Suite final class OtherFormatTests {
    /// The folders a test makes, under this one; removed when the test ends.
    private let root = FileManager.default.temporaryDirectory.appendingPathComponent("byline-formats-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: root) }

    private func folder() throws -> URL {
        let url = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func bratEntitiesQuotesAndLinks() throws {
        let dir = try folder()
        let text = "Foreign Minister Ana Souza said: \"We will sign.\" São Paulo agreed."
        try Data(text.utf8).write(to: dir.appendingPathComponent("a1.txt"))
        let ann = """
        T1\tTITLE 0 16\tForeign Minister
        T2\tPERSON 17 26\tAna Souza
        T3\tQuote 34 47\tWe will sign.
        T4\tCue 27 31\tsaid
        T5\tPLACE 49 58\tSão Paulo
        A1\tKind T3 direct
        A2\tName T2 Ana Souza
        R1\tSpeaker Arg1:T3 Arg2:T2
        R2\tCue Arg1:T3 Arg2:T4
        R3\tTitleOf Arg1:T1 Arg2:T2
        #1\tAnnotatorNotes T1\tnote

        """
        try Data(ann.utf8).write(to: dir.appendingPathComponent("a1.ann"))
        let documents = try AnnotationFileReader().read([dir.path])
        let document = try #require(documents.first)
        #expect(document.id == "a1")
        #expect(document.entities.map(\.label) == ["TITLE", "PERSON", "PLACE"])
        #expect(document.entities[0].attributes["person"] == "17")
        #expect(document.quotes.count == 1 && document.quotes[0].speaker?.name == "Ana Souza" && document.quotes[0].cue?.start == 27)
        #expect(GoldValidator().problems(in: document).isEmpty)
    }

    @Test func bratErrorsNameTheLine() throws {
        let dir = try folder()
        try Data("Paris".utf8).write(to: dir.appendingPathComponent("b.txt"))
        try Data("T1\tPLACE 0 2;3 5\tPa is\nR1\tSpeaker Arg1:T9 Arg2:T1\n".utf8).write(to: dir.appendingPathComponent("b.ann"))
        do {
            _ = try AnnotationFileReader().read([dir.appendingPathComponent("b.ann").path])
            Issue.record("expected errors")
        } catch let error as GoldErrors {
            #expect(error.errors.map(\.description).contains { $0.hasSuffix("b.ann:1: discontinuous spans are not supported") })
            #expect(error.errors.map(\.description).contains { $0.hasSuffix("b.ann:2: unknown span T9") })
        }
    }

    private func columns(_ content: String, _ scheme: ColumnReader.Scheme) throws -> [LabeledDocument] {
        let file = try folder().appendingPathComponent("x.conll")
        try Data(content.utf8).write(to: file)
        return try AnnotationFileReader(labelMap: ["PER": "PERSON", "LOC": "PLACE"], scheme: scheme).read([file.path])
    }

    @Test func iob1AsCoNLL2003WritesIt() throws {
        #expect(throws: GoldErrors.self) { try columns("Ana NNP I-PER\nB-LOC\n", .iob1) }  // a line with no tag
        let ok = try columns("-DOCSTART- -X- O O\n\nAna NNP I-PER\nSouza NNP I-PER\nmet O\nLima NNP I-LOC\nQuito NNP B-LOC\n\nBye O\n", .iob1)
        let document = try #require(ok.first)
        #expect(document.text == "Ana Souza met Lima Quito\nBye\n")
        #expect(document.entities.map { "\($0.label) \($0.start)-\($0.end)" } == ["PERSON 0-9", "PLACE 14-18", "PLACE 19-24"])
    }

    @Test func iob2AndBilou() throws {
        let iob2 = try columns("Ana B-PER\nSouza I-PER\nLima B-LOC\nQuito B-LOC\n", .iob2)
        #expect(iob2[0].entities.map(\.label) == ["PERSON", "PLACE", "PLACE"])
        let bilou = try columns("Ana B-PER\nSouza L-PER\nLima U-LOC\nQuito U-LOC\n", .bilou)
        #expect(bilou[0].entities.map { "\($0.start)-\($0.end)" } == ["0-9", "10-14", "15-20"])
        #expect(throws: GoldErrors.self) { try columns("Ana I-PER\n", .iob2) }
        #expect(throws: GoldErrors.self) { try columns("Ana X-PER\n", .iob2) }
    }

    /// Column text is the token's text (ASCII copied as it is, other text through its characters), with a
    /// white-space character inside a token written as "_" so the two columns stay two.
    @Test func columnTokensKeepTheirTextAndLoseInnerSpaces() {
        let text = "Zoë met 10\u{00A0}000 of them in Paris."
        let document = ExportDocument(labeled: LabeledDocument(id: "d", text: text, entities: [EntitySpan(start: 0, end: 3, label: "PERSON")]),
                                      tokens: [0..<3, 4..<7, 8..<14, 15..<17, 18..<22, 23..<25, 26..<31, 31..<32], sentences: [0..<8])
        let lines = ColumnWriter().write(document).text.split(separator: "\n")
        #expect(lines == ["-DOCSTART- O", "Zoë B-PERSON", "met O", "10_000 O", "of O", "them O", "in O", "Paris O", ". O"])
    }
}
