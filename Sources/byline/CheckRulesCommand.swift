import ArgumentParser
import Byline
import Foundation

struct CheckRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-rules",
        abstract: "Load a rule set, run every rule's examples, and report problems as file:line."
    )

    @OptionGroup var ruleSet: RuleSetOptions

    @Flag(help: "Also list what each rule needs on a line before it is tried there, and the classes whose spans every match opens with (worked out from its pattern; docs/rules.md, \"Speed\").")
    var prerequisites = false

    func run() throws {
        let start = Date()
        let pipeline = try ruleSet.loadPipeline()
        let examples = pipeline.rules.reduce(0) { $0 + $1.examples.count }
        let seconds = Date().timeIntervalSince(start)
        print("ok: \(pipeline.rules.count) rules in \(pipeline.phases.count) phases, \(examples) examples passed; "
              + "\(pipeline.gazetteer.entries.count) gazetteer entries in \(pipeline.gazetteer.lists.count) lists "
              + "(\(pipeline.gazetteer.classes.count) classes\(cacheNote(pipeline.gazetteerCacheOutcome))); "
              + "loaded in \(String(format: "%.3f", seconds)) s")
        guard prerequisites else { return }
        for rule in pipeline.rules {
            let needs = pipeline.prerequisiteDescription(of: rule).map { "needs " + $0 } ?? "needs nothing the analysis can find; tried on every line"
            let starts = pipeline.startDescription(of: rule).map { "; tried only where a span of " + $0 + " starts" } ?? ""
            print("\(rule.id) (\(rule.location)): \(needs)\(starts)")
        }
    }

    /// Where the gazetteer came from, when a cache was involved (docs/gazetteers.md, "Compiled cache").
    private func cacheNote(_ outcome: GazetteerCache.Outcome?) -> String {
        switch outcome {
        case .read: return ", read from the compiled cache"
        case .built(written: true): return ", built from the lists and cached"
        case .built(written: false): return ", built from the lists; the cache folder cannot be written"
        case .small, nil: return ""
        }
    }
}
