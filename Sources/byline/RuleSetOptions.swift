import ArgumentParser
import Byline
import Foundation

/// `--rules`, shared by every command that loads a rule set.
struct RuleSetOptions: ParsableArguments {
    @Option(name: .long, help: "The rule set: a pipeline.conf, or a folder holding one (default: $BYLINE_RULES, ./Rules, or the Rules folder beside the build).")
    var rules: String?

    @Flag(name: .long, help: "Build the gazetteer from its lists, without reading or writing the compiled cache ($BYLINE_CACHE_DIR, else ~/.cache/byline; BYLINE_CACHE=off does the same).")
    var noCache = false

    /// Finds pipeline.conf: --rules, $BYLINE_RULES, ./Rules, then the source tree this binary was built from.
    func configurationURL() throws -> URL {
        var candidates: [String] = []
        if let rules { candidates.append(rules) }
        else {
            if let environment = ProcessInfo.processInfo.environment["BYLINE_RULES"] { candidates.append(environment) }
            candidates.append("Rules")
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent("Rules").path)
                folder = folder.deletingLastPathComponent()
            }
            candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules").path)
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { continue }
            let url = URL(fileURLWithPath: candidate)
            return isDirectory.boolValue ? url.appendingPathComponent("pipeline.conf") : url
        }
        throw ValidationError(rules.map { "no rule set at \($0)" } ?? "no rule set found: pass --rules PATH/pipeline.conf")
    }

    /// Loads the rule set, printing every problem as file:line and exiting with status 2 on failure.
    func loadPipeline() throws -> Pipeline {
        let url = try configurationURL()
        do {
            return try Pipeline.load(configuration: url, cache: noCache ? nil : GazetteerCache.standard)
        } catch {
            Diagnostics.error("cannot load the rule set \(url.path):\n\(error)")
            throw ExitCode(2)
        }
    }
}

/// Messages on standard error.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("byline: \(message)\n".utf8))
    }
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("byline: note: \(message)\n".utf8))
    }
}
