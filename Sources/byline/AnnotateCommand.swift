import ArgumentParser
import Byline
import BylineFormats
import Foundation

struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Annotate articles with people, titles, places and quotes.",
        discussion: """
        Reads text files, folders of .txt files (or .jsonl with --input jsonl), or standard input ('-' or \
        nothing). A document that cannot be read or annotated is reported on standard error and as \
        {"id", "error"} in the output; the run goes on, and the exit status is 1 if any document failed.
        Offsets in JSON are Unicode code-point offsets, end exclusive.
        """
    )

    @OptionGroup var ruleSet: RuleSetOptions

    @Argument(help: "Files or folders to annotate; '-' or nothing reads standard input.")
    var inputs: [String] = []

    @Option(name: .long, help: "Output: json (one object, or an array for several documents), jsonl (one object a line), text (marked-up article). Default: json for one file, jsonl otherwise.")
    var format: AnnotateJob.OutputFormat?

    @Option(name: .long, help: "Input: text (one document a file) or jsonl ({\"id\": …, \"text\": …} a line).")
    var input: DocumentInput.Mode = .text

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of rejecting the document.")
    var lossy = false

    @Option(name: .long, help: "Reject documents larger than this many bytes.")
    var maxBytes: Int = 100 << 20

    @Option(name: .long, help: "Colour in text output: auto (when standard output is a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Print to standard error where the time went: each step of the pipeline and each rule, slowest first, with the share of the text each rule scanned, its anchored attempts and its span-class callouts.")
    var profile = false

    @Option(name: [.short, .long], help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Write documents as they finish instead of in input order.")
    var unordered = false

    @Option(name: .long, help: "Write each document to DIR/ID.json (text: ID.txt), atomically, instead of to standard output.")
    var output: String?

    @Flag(name: .long, help: "With --output: skip documents whose output file already exists.")
    var resume = false

    @Flag(name: .long, help: "Entities only: skip the quote rules and attribution (every 'quotes' list is empty; the entities are the same, found faster).")
    var noQuotes = false

    @Flag(name: .long, help: "No progress line and no summary on standard error.")
    var quiet = false

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        if resume && output == nil { throw ValidationError("--resume needs --output DIR") }
    }

    func run() throws {
        let pipeline = try ruleSet.loadPipeline()
        let singleFile = inputs.count == 1 && inputs[0] != "-" && !isDirectory(inputs[0]) && input == .text
        let documentInput = DocumentInput(paths: inputs, mode: input, lossy: lossy, maxBytes: maxBytes)
        let progress = quiet ? nil : ProgressLine(totalBytes: documentInput.totalBytes)
        let job = AnnotateJob(format: format ?? (singleFile ? .json : .jsonl),
                              color: color == .always || (color == .auto && output == nil && isatty(STDOUT_FILENO) != 0),
                              jobs: jobs, ordered: !unordered, outputDirectory: output.map { URL(fileURLWithPath: $0) },
                              resume: resume, profile: profile, quotes: !noQuotes, progress: progress.map { line in { line.update($0) } })
        let standardOutput = BufferedOutput()
        let summary = try job.run(pipeline: pipeline, input: documentInput, write: standardOutput.write,
                                  report: { message in
                                      progress?.clear()
                                      Diagnostics.error(message)
                                  })
        standardOutput.flush()
        progress?.finish(summary, showSummary: summary.documents + summary.skipped > 1 || output != nil)
        if let profile = summary.profile { FileHandle.standardError.write(Data((profile.report() + "\n").utf8)) }
        if summary.failed > 0 {
            Diagnostics.error("\(summary.failed) of \(summary.documents) documents failed")
            throw ExitCode(1)
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

extension AnnotateJob.OutputFormat: ExpressibleByArgument {}
extension DocumentInput.Mode: ExpressibleByArgument {}
