import Foundation

/// The readable report of `byline eval`: aligned tables for a terminal, or Markdown tables for a pull request.
public struct EvaluationReport {
    public enum Style: String, Sendable { case table, markdown }
    public var style: Style
    public var showErrors: Bool
    public var comparison: Comparison?

    public init(style: Style, showErrors: Bool = false, comparison: Comparison? = nil) {
        self.style = style
        self.showErrors = showErrors
        self.comparison = comparison
    }

    public func render(_ e: Evaluation) -> String {
        var out = ""
        let micro = e.entities["micro"]?[.strict] ?? SchemeCounts()
        out += heading("Entities: \(e.documents.count) documents, \(micro.possible) gold spans, \(micro.actual) predicted")
        var rows: [[String]] = [["label", "gold", "pred", "strict P", "strict R", "strict F1", "exact F1", "partial F1", "type F1"]]
        for label in e.labels + ["micro"] {
            let s = e.entities[label] ?? [:]
            let strict = s[.strict] ?? SchemeCounts()
            rows.append([label, "\(strict.possible)", "\(strict.actual)", pct(strict.precision), pct(strict.recall), pct(strict.f1),
                         pct(s[.exact]?.f1 ?? 0), pct(s[.partial]?.f1 ?? 0), pct(s[.type]?.f1 ?? 0)])
        }
        let m = EntityScheme.allCases.map { e.macro($0) }
        rows.append(["macro", "", "", pct(m[0].precision), pct(m[0].recall), pct(m[0].f1), pct(m[1].f1), pct(m[2].f1), pct(m[3].f1)])
        out += table(rows)

        let q = e.quotes
        out += heading("Quotes: \(q.exact.gold) gold, \(q.exact.predicted) predicted")
        var quoteRows: [[String]] = [["match", "P", "R", "F1"]]
        for (name, level) in [("exact", q.exact), ("overlap ≥ 80%", q.overlap80), ("overlap ≥ 30%", q.overlap30)] {
            quoteRows.append([name, pct(level.precision), pct(level.recall), pct(level.f1)])
        }
        out += table(quoteRows)
        out += line("kind accuracy \(pct(q.kindAccuracy)) of \(q.kindTotal); speaker accuracy \(pct(q.speakerAccuracy)) of \(q.speakerTotal); speaker mention \(pct(q.speakerMentionAccuracy)) of \(q.speakerMentionTotal)")
        out += line("links: title → person \(pct(e.links.titleAccuracy)) of \(e.links.titleTotal); person → name \(pct(e.links.nameAccuracy)) of \(e.links.nameTotal)")

        out += heading("Rules and lists (worst first: ΔF1 = micro strict F1 without the rule's spans − with them)")
        var ruleRows: [[String]] = [["rule", "spans", "right", "precision", "ΔF1"]]
        for rule in e.rules {
            ruleRows.append([rule.rule, "\(rule.produced)", "\(rule.correct)", pct(rule.precision), signed(rule.delta)])
        }
        out += table(ruleRows)

        if !e.missingPredictions.isEmpty { out += line("no prediction for: \(e.missingPredictions.joined(separator: ", "))") }
        if !e.unmatchedPredictions.isEmpty { out += line("predictions with no gold: \(e.unmatchedPredictions.joined(separator: ", "))") }

        if let comparison {
            out += heading("Compared with the baseline")
            var labelRows: [[String]] = [["label", "strict F1 before", "after", "change"]]
            for change in comparison.labels {
                labelRows.append([change.label, pct(change.before), pct(change.after), signed(change.after - change.before)])
            }
            out += table(labelRows)
            if !comparison.rules.isEmpty {
                var changed: [[String]] = [["rule", "spans before → after", "right before → after"]]
                for change in comparison.rules {
                    changed.append([change.rule, "\(change.before.produced) → \(change.after.produced)", "\(change.before.correct) → \(change.after.correct)"])
                }
                out += table(changed)
            }
            out += line("\(comparison.documents.count) documents changed")
            for document in comparison.documents {
                out += line("\(document.id): \(document.fixed.count) fixed, \(document.newErrors.count) new")
                for key in document.fixed { out += line("  - fixed \(key)") }
                for key in document.newErrors { out += line("  + new   \(key)") }
            }
        }

        if showErrors {
            out += heading("Errors (strict)")
            for document in e.documents where !document.errors.isEmpty {
                out += line("\(document.id)")
                for error in document.errors {
                    let by = error.rule.isEmpty ? "" : " [\(error.rule)]"
                    out += line("  \(error.kind.rawValue) \(error.label) \(error.start)-\(error.end) '\(error.text)'\(by): \(error.detail)")
                    out += line("     …\(error.context)…")
                }
            }
        }
        return out
    }

    private func heading(_ text: String) -> String { style == .markdown ? "\n### \(text)\n\n" : "\n\(text)\n" }
    private func line(_ text: String) -> String { style == .markdown ? "\(text)  \n" : "\(text)\n" }

    private func table(_ rows: [[String]]) -> String {
        if style == .markdown {
            var out = "| " + rows[0].joined(separator: " | ") + " |\n"
            out += "|" + rows[0].map { _ in " --- |" }.joined() + "\n"
            for row in rows.dropFirst() { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return out + "\n"
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private func pct(_ value: Double) -> String { String(format: "%.1f", value * 100) }
    private func signed(_ value: Double) -> String { String(format: "%+.1f", value * 100) }
}
