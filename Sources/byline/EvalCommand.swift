import ArgumentParser
import Byline
import BylineEval
import BylineFormats
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score predictions against gold annotations: entities, quotes, links, and rule by rule.",
        discussion: """
        byline eval GOLD PRED      scores a prediction file or folder against gold, documents matched by id.
        byline eval GOLD --run     annotates the gold texts with the current rules and scores them.
        Gold and predictions are annotate JSON (.json) or JSONL (.jsonl) files, or folders of them.
        Entities are scored under the strict, exact, partial and type schemes (nervaluate's); quotes by exact
        boundaries and 80% / 30% overlap; every rule and list by the spans it produced and the F1 the output
        would have without them. The JSON report's schema is in docs/evaluation.md.
        Exit status: 0; 1 when a --min threshold is not met; 2 when a file is malformed.
        """
    )

    @OptionGroup var ruleSet: RuleSetOptions

    @Argument(help: "GOLD (file or folder), then PRED unless --run is given.")
    var paths: [String]

    @Flag(name: .customLong("run"), help: "Annotate the gold texts with the current rule set instead of reading predictions.")
    var runRules = false

    @Option(name: .long, help: "Report: table (for a terminal), json, markdown.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    @Flag(name: .long, help: "List every false positive and false negative with its context and rule.")
    var errors = false

    @Option(name: .long, help: "An earlier --format json report: show what was gained and lost since.")
    var baseline: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Thresholds such as PERSON=0.9 micro=0.85 PLACE.partial=0.9 quotes=0.7: exit 1 when a score is below.")
    var min: [String] = []

    @Option(name: .long, help: "Format of GOLD and PRED: auto (by extension: .json/.jsonl, .ann brat, .conll/.iob/.bio/.bilou columns), json, brat, conll.")
    var goldFormat: AnnotationFileReader.Format = .auto

    @Option(name: .long, help: "Tag scheme of column files: iob1 (CoNLL-2003), iob2 (BIO), bilou.")
    var scheme: ColumnReader.Scheme = .iob1

    @Option(name: .long, help: "Rename labels in the files read, e.g. PER=PERSON,LOC=PLACE.")
    var labelMap: String?

    @Option(name: .long, help: "Score only these labels (e.g. PERSON,PLACE for CoNLL): gold spans of other labels mark regions where predictions are not counted.")
    var labels: String?

    @Option(name: .long, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if runRules && paths.count != 1 { throw ValidationError("with --run, give the gold file or folder only") }
        if !runRules && paths.count != 2 { throw ValidationError("give GOLD and PRED, or GOLD --run") }
    }

    func run() throws {
        let thresholds: [Threshold]
        let labelMapping: [String: String]
        do {
            thresholds = try min.map { try Threshold(parsing: $0) }
            labelMapping = try LabelMap.parse(labelMap)
        } catch { throw ValidationError("\(error)") }

        let reader = AnnotationFileReader(labelMap: labelMapping, format: goldFormat, scheme: scheme)
        let gold: [LabeledDocument], predicted: [LabeledDocument]
        do {
            gold = try reader.read([paths[0]])
            // With --labels, other labels are allowed in gold: they mark regions left out of the score.
            try GoldValidator(labels: labels == nil ? GoldValidator.defaultLabels : nil).validate(gold)
            if runRules {
                let annotator = try ruleSet.loadPipeline().makeAnnotator()
                // Gold that cannot hold quotes (CoNLL columns, Hugging Face, spaCy JSONL) scores entities only.
                annotator.findsQuotes = gold.contains(where: \.holdsQuotes)
                predicted = try gold.map { LabeledDocument(annotated: try annotator.annotate(id: $0.id, text: $0.text)) }
            } else {
                predicted = try reader.read([paths[1]])
            }
        } catch let error as GoldErrors {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }

        let evaluation: Evaluation
        do {
            let only = labels.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
            evaluation = try Evaluator(onlyLabels: only).evaluate(gold: gold, predicted: predicted)
        } catch let error as GoldErrors {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        var comparison: Comparison? = nil
        if let baseline {
            do { comparison = Comparison(baseline: try Baseline.read(baseline), evaluation: evaluation) } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(2)
            }
        }
        let report: [UInt8]
        switch format {
        case .json: report = EvaluationJSON.write(evaluation)
        case .table, .markdown:
            let style: EvaluationReport.Style = format == .markdown ? .markdown : .table
            report = Array(EvaluationReport(style: style, showErrors: errors, comparison: comparison).render(evaluation).utf8)
        }
        if let output {
            try AtomicFile.write(report, to: output)
        } else {
            FileHandle.standardOutput.write(Data(report))
        }
        let failures = Threshold.failures(thresholds, in: evaluation)
        if !failures.isEmpty {
            for failure in failures { Diagnostics.error(failure) }
            throw ExitCode(1)
        }
    }
}

extension AnnotationFileReader.Format: ExpressibleByArgument {}
extension ColumnReader.Scheme: ExpressibleByArgument {}
