import Byline
import BylineFormats
import BylineText
import Foundation

/// `byline export` as a library call: documents in (raw text or JSONL, annotated on the way; or annotate
/// JSON/JSONL already annotated), a labelled dataset out, on `jobs` threads, in input order. A document
/// that fails is reported and left out; the run goes on.
public struct ExportJob {
    public enum Format: String, CaseIterable, Sendable {
        /// CoNLL-2003 columns, IOB2 tags (`--scheme` changes them).
        case conll
        /// CoNLL columns with IOB2 tags.
        case iob2
        /// CoNLL columns with BILOU tags.
        case bilou
        /// spaCy / Prodigy JSONL.
        case spacy
        /// brat standoff: a directory of `.txt` + `.ann`.
        case brat
        /// Hugging Face token-classification JSONL with `labels.json`.
        case hf
    }

    /// Where documents come from.
    public enum Source {
        /// Text or `{"id", "text"}` JSONL, annotated with the pipeline.
        case raw(DocumentInput)
        /// Annotate JSON or JSONL (files or directories), exported as they are.
        case annotated([String])
    }

    public struct Summary: Sendable {
        public var documents = 0
        public var failed = 0
        public var losses = FlatTagging.Losses()
        public var unknownLabels: Set<String> = []
    }

    public var format: Format
    /// Tag scheme for `conll` (iob1, iob2, bilou).
    public var scheme: ColumnReader.Scheme
    public var labelMap: [String: String]
    public var jobs: Int
    /// spaCy: keep only the outermost of nested spans.
    public var flat: Bool

    public init(format: Format, scheme: ColumnReader.Scheme? = nil, labelMap: [String: String] = [:], jobs: Int = 1, flat: Bool = false) {
        self.format = format
        self.scheme = scheme ?? (format == .bilou ? .bilou : .iob2)
        self.labelMap = labelMap
        self.jobs = jobs
        self.flat = flat
    }

    /// The output labels after the label map, in the pipeline's order.
    public func labels(of pipeline: Pipeline) -> [String] {
        var seen: Set<String> = [], labels: [String] = []
        for label in pipeline.outputLabels.map({ labelMap[$0] ?? $0 }) where seen.insert(label).inserted { labels.append(label) }
        return labels
    }

    /// One exported document: bytes for a stream, or the files of a brat document.
    public enum Piece {
        case stream([UInt8])
        case brat(id: String, text: String, annotation: String)
    }

    private enum Item {
        case raw(DocumentInput.InputDocument)
        case annotated(LabeledDocument)
        case failed(id: String, message: String)
    }

    private struct Result {
        var piece: Piece?
        var id: String
        var error: String?
        var losses = FlatTagging.Losses()
        var unknown: Set<String> = []
    }

    /// Runs the export; `emit` receives each document's piece in input order, `report` each failure.
    public func run(pipeline: Pipeline, source: Source, emit: (Piece) throws -> Void, report: (String) -> Void) throws -> Summary {
        var summary = Summary()
        let format = self.format
        let columns = ColumnWriter(tagging: FlatTagging(scheme: scheme, labelMap: labelMap))
        let spacy = SpacyWriter(labelMap: labelMap, flat: flat)
        let brat = BratWriter(labelMap: labelMap)
        let hf = HuggingFaceWriter(labels: labels(of: pipeline), labelMap: labelMap)
        let pool = OrderedWorkerPool<Item, Result, (Annotator, Tokenizer)>(
            workers: jobs,
            makeState: {
                let annotator = try pipeline.makeAnnotator()
                // Only brat holds quotes: the other formats are entity labels, found without the quote phase.
                annotator.findsQuotes = format == .brat
                return (annotator, try Tokenizer(abbreviations: pipeline.abbreviations))
            },
            work: { state, item in
                let document: ExportDocument
                do {
                    switch item {
                    case .failed(let id, let message):
                        return Result(id: id, error: message)
                    case .raw(let input):
                        switch input.text {
                        case .failure(let error): return Result(id: input.id, error: error.description)
                        case .success(let text): document = ExportDocument(annotated: try state.0.annotate(id: input.id, text: text))
                        }
                    case .annotated(let labeled):
                        document = try ExportDocument(labeled: labeled, tokenizer: state.1)
                    }
                } catch {
                    let id: String
                    switch item {
                    case .raw(let input): id = input.id
                    case .annotated(let labeled): id = labeled.id
                    case .failed(let failedID, _): id = failedID
                    }
                    return Result(id: id, error: "\(error)")
                }
                var result = Result(id: document.labeled.id)
                switch format {
                case .conll, .iob2, .bilou:
                    let (text, losses) = columns.write(document)
                    result.piece = .stream(Array(text.utf8))
                    result.losses = losses
                case .spacy:
                    result.piece = .stream(spacy.write(document))
                case .hf:
                    let (bytes, losses, unknown) = hf.write(document)
                    result.piece = .stream(bytes)
                    result.losses = losses
                    result.unknown = unknown
                case .brat:
                    result.piece = .brat(id: document.labeled.id, text: document.labeled.text, annotation: brat.annotation(document))
                }
                return result
            })
        _ = try pool.run(produce: { feed in
            switch source {
            case .raw(let input):
                try input.forEach { try feed(.raw($0)) }
            case .annotated(let paths):
                try Self.readAnnotated(paths) { try feed($0.map { .annotated($0) } ?? .failed(id: "", message: $1)) }
            }
        }, emit: { result in
            summary.documents += 1
            if let error = result.error {
                summary.failed += 1
                // A document that could not be read has no id: its message names the file and line.
                report(result.id.isEmpty ? error : "\(result.id): \(error)")
                return
            }
            summary.losses.add(result.losses)
            summary.unknownLabels.formUnion(result.unknown)
            if let piece = result.piece { try emit(piece) }
        })
        return summary
    }

    /// Annotate JSON/JSONL documents one at a time (JSONL is streamed line by line); a document that cannot
    /// be read is passed as nil with its error message.
    static func readAnnotated(_ paths: [String], _ body: (LabeledDocument?, String) throws -> Void) throws {
        let reader = AnnotationFileReader()
        let files: [String]
        do { files = try AnnotationFileReader.files(under: paths, extensions: ["json", "jsonl"]) } catch let error as GoldErrors {
            for e in error.errors { try body(nil, e.description) }
            return
        }
        for file in files {
            if file.hasSuffix(".jsonl") {
                guard let handle = FileHandle(forReadingAtPath: file) else { try body(nil, "\(file): cannot open"); continue }
                defer { try? handle.close() }
                let lines = LineReader(handle)
                var number = 0
                while let line = try lines.nextLine() {
                    number += 1
                    guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
                    do {
                        let object = try JSONSerialization.jsonObject(with: Data(line))
                        try body(try reader.document(object, file: file, line: number), "")
                    } catch let error as GoldError {
                        try body(nil, error.description)
                    } catch {
                        try body(nil, "\(file):\(number): not a JSON object")
                    }
                }
            } else {
                do { for document in try reader.readFile(file) { try body(document, "") } } catch let error as GoldErrors {
                    for e in error.errors { try body(nil, e.description) }
                }
            }
        }
    }
}
