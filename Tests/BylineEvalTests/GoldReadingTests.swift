import Foundation
import Testing
@testable import BylineEval

@Suite final class GoldReadingTests {
    /// The files a test writes, each in its own folder under this one; removed when the test ends.
    private let root = FileManager.default.temporaryDirectory.appendingPathComponent("byline-gold-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: root) }

    private func write(_ name: String, _ content: String) throws -> String {
        let folder = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(content.utf8).write(to: file)
        return file.path
    }

    private func problems(_ json: String) throws -> [String] {
        let path = try write("gold.jsonl", json + "\n")
        let documents = try AnnotationFileReader().read([path])
        return documents.flatMap { GoldValidator().problems(in: $0) }.map(\.description)
    }

    @Test func readsJSONObjectsArraysAndLines() throws {
        let one = try write("one.json", #"{"id": "a", "text": "Paris", "entities": [{"start": 0, "end": 5, "label": "PLACE"}]}"#)
        let array = try write("many.json", #"[{"id": "b", "text": "x"}, {"id": "c", "text": "y"}]"#)
        let lines = try write("lines.jsonl", "{\"id\": \"d\", \"text\": \"z\"}\n\n{\"id\": 5, \"text\": \"w\"}\n")
        let documents = try AnnotationFileReader().read([one, array, lines])
        #expect(documents.map(\.id) == ["a", "b", "c", "d", "5"])
        #expect(documents[0].entities == [EntitySpan(start: 0, end: 5, label: "PLACE")])
    }

    /// Only annotate JSON with a `quotes` field (and brat) can hold quotes; the empty quotes of column files,
    /// Hugging Face and spaCy JSONL say nothing, so `eval --run` against them skips the quote phase.
    @Test func whichFormatsCanHoldQuotes() throws {
        let annotated = try write("a.jsonl", #"{"id": "a", "text": "Paris", "entities": [], "quotes": []}"#)
        let entitiesOnly = try write("b.jsonl", #"{"id": "b", "text": "Paris", "entities": []}"#)
        let spacy = try write("c.jsonl", #"{"text": "Paris", "spans": [{"start": 0, "end": 5, "label": "PLACE"}], "meta": {"id": "c"}}"#)
        let columns = try write("d.conll", "Paris B-LOC\n")
        let hf = try write("e.jsonl", #"{"id": "e-0", "document": "e", "tokens": ["Paris"], "ner_tags": ["B-LOC"]}"#)
        let documents = try AnnotationFileReader().read([annotated, entitiesOnly, spacy, columns, hf])
        #expect(documents.map(\.holdsQuotes) == [true, false, false, false, false])
    }

    @Test func codePointOffsetsOnNonASCIIText() throws {
        let found = try problems(#"{"id": "a", "text": "In São Paulo 🇧🇷 Zoë spoke", "entities": [{"start": 3, "end": 12, "label": "PLACE", "text": "São Paulo"}, {"start": 16, "end": 19, "label": "PERSON", "text": "Zoë"}]}"#)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func malformedGoldNamesFileLineAndSpan() throws {
        let found = try problems(#"{"id": "a", "text": "Maria Okafor in Kenya", "entities": [{"start": 0, "end": 40, "label": "PERSON"}, {"start": 0, "end": 5, "label": "PERSON", "text": "Maria Okafor"}, {"start": 16, "end": 21, "label": "LOC"}, {"start": 0, "end": 12, "label": "PERSON"}]}"#)
        #expect(found.count == 4, "\(found)")
        #expect(found.allSatisfy { $0.contains("gold.jsonl:1: document a:") })
        #expect(found.contains { $0.contains("span 0-40 PERSON: offsets out of range (the text has 21 code points)") })
        #expect(found.contains { $0.contains("span 0-5 PERSON: its text \"Maria Okafor\" is not the document's \"Maria\"") })
        #expect(found.contains { $0.contains("span 16-21 LOC \"Kenya\": unknown label") })
        #expect(found.contains { $0.contains("span 0-12 PERSON \"Maria Okafor\" overlaps 0-5 \"Maria\"") })
    }

    @Test func aPlaceInsideATitleIsFine() throws {
        let found = try problems(#"{"id": "a", "text": "UK Foreign Secretary", "entities": [{"start": 0, "end": 20, "label": "TITLE"}, {"start": 0, "end": 2, "label": "PLACE"}]}"#)
        #expect(found.isEmpty)
    }

    @Test func badJSONLineAndMissingFieldsAreErrors() throws {
        let path = try write("bad.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\nnot json\n{\"text\": \"no id\"}\n{\"id\": \"b\", \"text\": \"x\", \"entities\": [{\"start\": \"0\"}]}\n")
        do {
            _ = try AnnotationFileReader().read([path])
            Issue.record("expected errors")
        } catch let error as GoldErrors {
            let lines = error.errors.map(\.description)
            #expect(lines.count == 3)
            #expect(lines[0].contains("bad.jsonl:2: not a JSON object"))
            #expect(lines[1].contains("bad.jsonl:3: the document has no \"id\""))
            #expect(lines[2].contains("bad.jsonl:4: document b: entity 1 needs integer \"start\""))
        }
    }

    @Test func labelMapRenamesLabels() throws {
        let path = try write("g.jsonl", #"{"id": "a", "text": "Paris", "entities": [{"start": 0, "end": 5, "label": "LOC"}]}"# + "\n")
        let documents = try AnnotationFileReader(labelMap: ["LOC": "PLACE"]).read([path])
        #expect(documents[0].entities[0].label == "PLACE")
    }

    @Test func duplicateIDsAreReported() throws {
        let path = try write("g.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}\n")
        #expect(throws: GoldErrors.self) { try GoldValidator().validate(try AnnotationFileReader().read([path])) }
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: GoldErrors.self) { try AnnotationFileReader().read(["/nonexistent/gold.jsonl"]) }
    }
}
