import ArgumentParser
import Byline
import BylineEval
import BylineFormats
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a labelled dataset: CoNLL columns, spaCy/Prodigy JSONL, brat standoff, Hugging Face JSONL.",
        discussion: """
        Reads raw text (files, folders of .txt, or {"id", "text"} JSONL with --input jsonl), annotating on the \
        way, or annotate JSON/JSONL that is already annotated (--input annotated). Formats: conll (CoNLL-2003 \
        columns, IOB2 tags unless --scheme says iob1 or bilou), iob2, bilou, spacy (one JSON object a document: \
        text, tokens, spans in code points), brat (a folder of .txt + .ann and annotation.conf; needs --output), \
        hf (token-classification JSONL, a sentence a line, with labels.json beside it). Flat formats cannot \
        hold nested spans: the outermost span is kept (a PLACE inside a TITLE is dropped); see docs/export.md.
        """
    )

    @OptionGroup var ruleSet: RuleSetOptions

    @Argument(help: "Files or folders; '-' or nothing reads standard input.")
    var inputs: [String] = []

    @Option(name: .long, help: "conll, iob2, bilou, spacy, brat, hf.")
    var format: ExportJob.Format

    @Option(name: .long, help: "Input: text, jsonl ({\"id\", \"text\"} a line), or annotated (annotate JSON/JSONL).")
    var input: ExportInput = .text

    enum ExportInput: String, ExpressibleByArgument, CaseIterable { case text, jsonl, annotated }

    @Option(name: .long, help: "Tag scheme for conll: iob1, iob2 (default), bilou.")
    var scheme: ColumnReader.Scheme?

    @Option(name: .long, help: "Rename labels on the way out, e.g. PERSON=PER,PLACE=LOC,TITLE=TTL.")
    var labelMap: String?

    @Flag(name: .long, help: "spacy: keep only the outermost of nested spans (for doc.ents / ner.manual).")
    var flat = false

    @Option(name: .long, help: "Output file (written atomically), or folder for brat. Default: standard output.")
    var output: String?

    @Option(name: .long, help: "hf: where to write labels.json (default: beside --output).")
    var labels: String?

    @Option(name: [.short, .long], help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of rejecting the document.")
    var lossy = false

    func validate() throws {
        if format == .brat && output == nil { throw ValidationError("--format brat writes a folder: give --output DIR") }
        if format == .hf && output == nil && labels == nil { throw ValidationError("--format hf writes labels.json: give --output FILE or --labels FILE") }
        if scheme != nil && ![.conll, .iob2, .bilou].contains(format) { throw ValidationError("--scheme applies to conll output only") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
    }

    func run() throws {
        let pipeline = try ruleSet.loadPipeline()
        let job = ExportJob(format: format, scheme: scheme, labelMap: try LabelMap.parse(labelMap), jobs: jobs, flat: flat)
        let source: ExportJob.Source = input == .annotated
            ? .annotated(inputs.isEmpty ? ["/dev/stdin"] : inputs)
            : .raw(DocumentInput(paths: inputs, mode: input == .jsonl ? .jsonl : .text, lossy: lossy))
        let sink = try ExportSink(format: format, output: output)
        let summary: ExportJob.Summary
        do {
            summary = try job.run(pipeline: pipeline, source: source, emit: sink.write, report: { Diagnostics.error($0) })
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        if format == .hf {
            let path = labels ?? ((output! as NSString).deletingLastPathComponent as NSString).appendingPathComponent("labels.json")
            try AtomicFile.write(HuggingFaceWriter(labels: job.labels(of: pipeline)).labelsJSON(), to: path)
        }
        if format == .brat, let output {
            try AtomicFile.write(Array(BratWriter().configuration(labels: job.labels(of: pipeline)).utf8),
                                 to: (output as NSString).appendingPathComponent("annotation.conf"))
        }
        if summary.losses.nested > 0 || summary.losses.misaligned > 0 {
            Diagnostics.note("\(summary.losses.nested) nested spans left out (the outermost span is kept), \(summary.losses.misaligned) spans not on token boundaries")
        }
        if !summary.unknownLabels.isEmpty {
            Diagnostics.note("labels not in the label list, written as O: \(summary.unknownLabels.sorted().joined(separator: ", "))")
        }
        if summary.failed > 0 {
            Diagnostics.error("\(summary.failed) of \(summary.documents) documents failed")
            throw ExitCode(1)
        }
    }
}

extension ExportJob.Format: ExpressibleByArgument {}

/// Where exported pieces go: standard output, a file written through a temporary file renamed at the end,
/// or a brat folder (a `.txt` and an `.ann` per document, each written atomically).
final class ExportSink {
    private let handle: FileHandle
    private let temporary: String?
    private let final: String?
    private let folder: DocumentFileWriter?
    private let stream: BufferedOutput

    init(format: ExportJob.Format, output: String?) throws {
        if format == .brat, let output {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            folder = DocumentFileWriter(directory: URL(fileURLWithPath: output), fileExtension: "ann")
            handle = FileHandle.standardOutput
            temporary = nil
            final = nil
        } else if let output {
            let temporary = output + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw ValidationError("cannot write \(temporary)")
            }
            self.handle = handle
            self.temporary = temporary
            self.final = output
            folder = nil
        } else {
            handle = FileHandle.standardOutput
            temporary = nil
            final = nil
            folder = nil
        }
        stream = BufferedOutput(handle)
    }

    func write(_ piece: ExportJob.Piece) throws {
        switch piece {
        case .stream(let bytes):
            stream.write(bytes)
        case .brat(let id, let text, let annotation):
            guard let folder else { return }
            try DocumentFileWriter(directory: folder.directory, fileExtension: "txt").write(Array(text.utf8), id: id)
            try folder.write(Array(annotation.utf8), id: id)
        }
    }

    func finish() throws {
        stream.flush()
        guard let temporary, let final else { return }
        try handle.close()
        guard rename(temporary, final) == 0 else { throw ValidationError("cannot rename \(temporary) to \(final)") }
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
