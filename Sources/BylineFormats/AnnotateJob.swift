import Byline
import Foundation

/// `byline annotate` as a library call: reads documents, annotates them on `jobs` threads, writes them in
/// input order (unless `ordered` is off), and reports each document that fails (on the error channel and
/// as an `{"id", "error"}` record) without stopping the run. With an output directory, each document goes
/// to its own file, written atomically, and `resume` skips documents whose file is already there.
public struct AnnotateJob {
    public enum OutputFormat: String, CaseIterable, Sendable {
        /// Pretty JSON: one object for one document, an array of objects for several.
        case json
        /// One compact JSON object a line.
        case jsonl
        /// The article with entities marked, for a person.
        case text
    }

    public struct Summary: Sendable {
        public var documents = 0
        public var failed = 0
        /// Documents skipped by `resume` because their output file exists.
        public var skipped = 0
        /// UTF-8 bytes of the documents annotated.
        public var bytes = 0
        /// Where the time went, when profiling was asked for (all threads merged).
        public var profile: AnnotationProfile?
    }

    public var format: OutputFormat
    public var color: Bool
    /// Worker threads (1: annotate on the calling thread).
    public var jobs: Int
    /// Write results in input order (otherwise as they finish).
    public var ordered: Bool
    /// Write each document to `DIRECTORY/ID.json` (or `.txt` for text) instead of to `write`.
    public var outputDirectory: URL?
    /// With `outputDirectory`: skip documents whose output file exists.
    public var resume: Bool
    /// Gather an `AnnotationProfile`.
    public var profile: Bool
    /// Find quotes as well as entities (off: every document's `quotes` list is empty, and the run is faster).
    public var quotes: Bool
    /// Called now and then on the calling thread with the running summary (for a progress line).
    public var progress: ((Summary) -> Void)?

    public init(format: OutputFormat, color: Bool = false, jobs: Int = 1, ordered: Bool = true, outputDirectory: URL? = nil,
                resume: Bool = false, profile: Bool = false, quotes: Bool = true, progress: ((Summary) -> Void)? = nil) {
        self.format = format
        self.color = color
        self.jobs = jobs
        self.ordered = ordered
        self.outputDirectory = outputDirectory
        self.resume = resume
        self.profile = profile
        self.quotes = quotes
        self.progress = progress
    }

    /// What a worker hands back for one document.
    private struct Record {
        var id: String
        var bytes: [UInt8]
        var error: String?
        var inputBytes: Int
    }

    /// Runs the job; `write` receives output bytes (unless there is an output directory), `report` one
    /// message per failed document.
    public func run(pipeline: Pipeline, input: DocumentInput,
                    write: ([UInt8]) -> Void, report: (String) -> Void) throws -> Summary {
        var summary = Summary()
        let format = self.format, profile = self.profile, quotes = self.quotes
        let renderer = TerminalRenderer(color: color)
        let output = outputDirectory.map { DocumentFileWriter(directory: $0, fileExtension: format == .text ? "txt" : "json") }
        let pool = OrderedWorkerPool<DocumentInput.InputDocument, Record, Annotator>(
            workers: jobs, ordered: ordered,
            makeState: {
                let annotator = try pipeline.makeAnnotator()
                if profile { annotator.profile = AnnotationProfile() }
                annotator.findsQuotes = quotes
                annotator.findsSentences = false  // the output shows none (a rule set that reads them still finds them)
                return annotator
            },
            work: { annotator, item in
                Self.process(item, annotator: annotator, format: format, toFile: output != nil, renderer: renderer)
            })

        // For json to standard output, the first record is held back until we know whether an array is needed.
        var heldBack: [UInt8]? = nil
        var arrayOpen = false
        func emit(_ record: [UInt8]) {
            switch format {
            case .jsonl, .text:
                write(record)
            case .json:
                // Separators are written on their own: a record may be gigabytes, not worth a copy.
                if let first = heldBack {
                    write(Array("[\n".utf8))
                    write(first)
                    heldBack = nil
                    arrayOpen = true
                }
                if arrayOpen {
                    write(Array(",\n".utf8))
                    write(record)
                } else {
                    heldBack = record
                }
            }
        }
        var lastProgress = DispatchTime.now().uptimeNanoseconds

        let annotators = try pool.run(produce: { feed in
            try input.forEach { item in
                if resume, let output, case .success = item.text, output.exists(id: item.id) {
                    summary.skipped += 1
                    return
                }
                try feed(item)
            }
        }, emit: { record in
            summary.documents += 1
            summary.bytes += record.inputBytes
            if let error = record.error {
                summary.failed += 1
                report("\(record.id): \(error)")
            }
            if let output {
                if record.error == nil { try output.write(record.bytes, id: record.id) }
            } else if !(record.error != nil && format == .text) {
                emit(record.bytes)
            }
            if let progress {
                let now = DispatchTime.now().uptimeNanoseconds
                if now - lastProgress > 250_000_000 {
                    lastProgress = now
                    progress(summary)
                }
            }
        })
        if format == .json && output == nil {
            if let first = heldBack {
                write(first)
                write([0x0A])
            } else if arrayOpen { write(Array("\n]\n".utf8)) } else { write(Array("[]\n".utf8)) }
        }
        if profile {
            var merged = AnnotationProfile()
            for annotator in annotators { if let profile = annotator.profile { merged.merge(profile) } }
            summary.profile = merged
        }
        return summary
    }

    /// Annotates one document and serialises it (or its error record).
    private static func process(_ item: DocumentInput.InputDocument, annotator: Annotator, format: OutputFormat, toFile: Bool,
                                renderer: TerminalRenderer) -> Record {
        var writer = JSONWriter(pretty: format == .json || toFile)
        func failure(_ message: String) -> Record {
            AnnotationJSON.writeError(id: item.id, message: message, to: &writer)
            if format == .jsonl { writer.newline() }
            return Record(id: item.id, bytes: writer.bytes, error: message, inputBytes: 0)
        }
        switch item.text {
        case .failure(let error):
            return failure(error.description)
        case .success(let text):
            do {
                let document = try annotator.annotate(id: item.id, text: text)
                let bytes: [UInt8]
                if format == .text {
                    bytes = Array((renderer.render(document) + (text.hasSuffix("\n") ? "" : "\n")).utf8)
                } else {
                    AnnotationJSON.write(document, to: &writer)
                    if format == .jsonl || toFile { writer.newline() }
                    bytes = writer.bytes
                }
                return Record(id: item.id, bytes: bytes, error: nil, inputBytes: text.utf8.count)
            } catch {
                var record = failure("\(error)")
                record.inputBytes = text.utf8.count
                return record
            }
        }
    }
}
