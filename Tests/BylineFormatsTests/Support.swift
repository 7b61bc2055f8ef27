import Foundation
@testable import Byline
@testable import BylineFormats

enum FormatFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The engine tests' small rule set: format tests must not change when the shipped rules are tuned.
    static let ruleSet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BylineTests/Fixtures/ruleset/pipeline.conf")
    static let pipeline: Pipeline = try! Pipeline.load(configuration: ruleSet)

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs an annotate job and returns (output, error reports, summary).
    static func run(_ input: DocumentInput, format: AnnotateJob.OutputFormat, jobs: Int = 1) throws -> (String, [String], AnnotateJob.Summary) {
        var output: [UInt8] = []
        var reports: [String] = []
        let summary = try AnnotateJob(format: format, jobs: jobs).run(pipeline: pipeline, input: input,
                                                          write: { output += $0 }, report: { reports.append($0) })
        return (String(decoding: output, as: UTF8.self), reports, summary)
    }
}
