import Foundation

/// An earlier run's `--format json` report, reduced to what a comparison needs.
public struct Baseline: Sendable {
    /// Strict F1 by label, and "micro".
    public var strictF1: [String: Double] = [:]
    public var rules: [String: (produced: Int, correct: Int)] = [:]
    /// Error keys (`ErrorRecord.key`) by document id.
    public var errors: [String: Set<String>] = [:]

    public init(strictF1: [String: Double] = [:], rules: [String: (produced: Int, correct: Int)] = [:],
                errors: [String: Set<String>] = [:]) {
        self.strictF1 = strictF1
        self.rules = rules
        self.errors = errors
    }

    /// Reads a report written by `byline eval --format json`.
    public static func read(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["schema"] as? String == EvaluationJSON.schema else {
            throw GoldErrors([GoldError(file: path, line: 0, "not a report of 'byline eval --format json' (\(EvaluationJSON.schema))")])
        }
        var baseline = Baseline()
        for (label, value) in root["entities"] as? [String: Any] ?? [:] {
            if let f1 = ((value as? [String: Any])?["strict"] as? [String: Any])?["f1"] as? Double { baseline.strictF1[label] = f1 }
        }
        for rule in root["rules"] as? [[String: Any]] ?? [] {
            if let name = rule["rule"] as? String {
                baseline.rules[name] = (rule["produced"] as? Int ?? 0, rule["correct"] as? Int ?? 0)
            }
        }
        for document in root["documents"] as? [[String: Any]] ?? [] {
            guard let id = document["id"] as? String else { continue }
            let keys = (document["errors"] as? [[String: Any]] ?? []).map { e in
                ErrorRecord.key(kind: e["kind"] as? String ?? "", label: e["label"] as? String ?? "",
                                start: e["start"] as? Int ?? -1, end: e["end"] as? Int ?? -1, text: e["text"] as? String ?? "")
            }
            baseline.errors[id] = Set(keys)
        }
        return baseline
    }
}

/// What changed between a baseline and a new evaluation.
public struct Comparison: Sendable {
    public struct LabelChange: Sendable { public var label: String; public var before: Double; public var after: Double }
    public struct RuleChange: Sendable {
        public var rule: String
        public var before: (produced: Int, correct: Int)
        public var after: (produced: Int, correct: Int)
    }
    public struct DocumentChange: Sendable {
        public var id: String
        /// Errors the new run makes that the baseline did not, and errors it fixed.
        public var newErrors: [String]
        public var fixed: [String]
    }

    public var labels: [LabelChange] = []
    public var rules: [RuleChange] = []
    public var documents: [DocumentChange] = []

    public init(baseline: Baseline, evaluation: Evaluation) {
        for label in evaluation.labels + ["micro"] {
            labels.append(LabelChange(label: label, before: baseline.strictF1[label] ?? 0,
                                      after: evaluation.entities[label]?[.strict]?.f1 ?? 0))
        }
        var now: [String: (produced: Int, correct: Int)] = [:]
        for rule in evaluation.rules { now[rule.rule] = (rule.produced, rule.correct) }
        for name in Set(now.keys).union(baseline.rules.keys).sorted() {
            let before = baseline.rules[name] ?? (0, 0), after = now[name] ?? (0, 0)
            if before != after { rules.append(RuleChange(rule: name, before: before, after: after)) }
        }
        for document in evaluation.documents {
            let after = Set(document.errors.map(\.key)), before = baseline.errors[document.id] ?? []
            let added = after.subtracting(before).sorted(), fixed = before.subtracting(after).sorted()
            if !added.isEmpty || !fixed.isEmpty { documents.append(DocumentChange(id: document.id, newErrors: added, fixed: fixed)) }
        }
    }
}
