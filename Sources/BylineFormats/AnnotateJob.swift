import Byline
import Foundation

/// `byline annotate` as a library call: reads documents, annotates each, writes them in input order, and
/// reports each document that fails (on the error channel and as an `{"id", "error"}` record) without
/// stopping the run.
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
        public var bytes = 0
    }

    public var format: OutputFormat
    public var color: Bool

    public init(format: OutputFormat, color: Bool = false) {
        self.format = format
        self.color = color
    }

    /// Runs the job; `write` receives output bytes, `report` one message per failed document.
    public func run(annotator: Annotator, input: DocumentInput,
                    write: ([UInt8]) -> Void, report: (String) -> Void) throws -> Summary {
        var summary = Summary()
        var writer = JSONWriter(pretty: format == .json)
        // For json, the first record is held back until we know whether an array is needed.
        var heldBack: [UInt8]? = nil
        var arrayOpen = false
        let renderer = TerminalRenderer(color: color)

        func emit(_ record: [UInt8]) {
            switch format {
            case .jsonl, .text:
                write(record)
            case .json:
                if let first = heldBack {
                    write(Array("[\n".utf8) + first)
                    heldBack = nil
                    arrayOpen = true
                }
                if arrayOpen { write(Array(",\n".utf8) + record) } else { heldBack = record }
            }
        }

        /// A failed document: reported, and written as an error record (text output has no records).
        func fail(_ id: String, _ message: String) {
            summary.failed += 1
            report("\(id): \(message)")
            guard format != .text else { return }
            AnnotationJSON.writeError(id: id, message: message, to: &writer)
            if format == .jsonl { writer.newline() }
            emit(writer.bytes)
        }

        try input.forEach { item in
            summary.documents += 1
            writer.reset()
            switch item.text {
            case .failure(let error):
                fail(item.id, error.description)
            case .success(let text):
                summary.bytes += text.utf8.count
                do {
                    let document = try annotator.annotate(id: item.id, text: text)
                    if format == .text {
                        emit(Array((renderer.render(document) + (text.hasSuffix("\n") ? "" : "\n")).utf8))
                    } else {
                        AnnotationJSON.write(document, to: &writer)
                        if format == .jsonl { writer.newline() }
                        emit(writer.bytes)
                    }
                } catch {
                    fail(item.id, "\(error)")
                }
            }
        }
        if format == .json {
            if let first = heldBack { write(first + [0x0A]) } else if arrayOpen { write(Array("\n]\n".utf8)) } else { write(Array("[]\n".utf8)) }
        }
        return summary
    }
}
