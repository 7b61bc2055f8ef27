import Foundation
@testable import Byline

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let ruleSet = directory.appendingPathComponent("ruleset/pipeline.conf")

    /// The fixture pipeline, loaded once.
    static let pipeline: Pipeline = try! Pipeline.load(configuration: ruleSet)

    /// A copy of the fixture rule set in a temporary directory, with some files replaced or added.
    static func ruleSet(replacing files: [String: String]) throws -> URL {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("byline-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: directory.appendingPathComponent("ruleset"), to: temporary)
        for (name, content) in files {
            try Data(content.utf8).write(to: temporary.appendingPathComponent(name))
        }
        return temporary.appendingPathComponent("pipeline.conf")
    }

    /// The error text that loading a rule set with these files gives, or nil when it loads.
    static func loadError(_ files: [String: String]) throws -> String? {
        let url = try ruleSet(replacing: files)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            _ = try Pipeline.load(configuration: url)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

extension Document {
    /// (label, text) of each entity, in order.
    var labelled: [String] { entities.map { "\($0.label):\(text(of: $0.utf8Range))" } }
}
