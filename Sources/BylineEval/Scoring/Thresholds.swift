import Foundation

/// `--min` thresholds: `KEY=VALUE` where VALUE is a fraction (0.9) or a percentage (90) and KEY is
///
/// - a label (`PERSON`), `micro` or `macro`: strict F1; `PERSON.partial` (any scheme): that scheme's F1;
/// - `quotes`: quote F1 at 80% overlap; `quotes.exact`, `quotes.overlap30`: at that level;
/// - `speaker`: speaker accuracy on matched quotes.
public struct Threshold: Sendable, Equatable {
    public var key: String
    public var minimum: Double

    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value >= 0 else {
            throw GoldErrors([GoldError(file: "--min", line: 0, "expected KEY=VALUE such as PERSON=0.9, found '\(text)'")])
        }
        key = parts[0]
        minimum = value > 1 ? value / 100 : value
    }

    /// The score the key names, or nil when the key is unknown.
    public func score(in evaluation: Evaluation) -> Double? {
        let parts = key.split(separator: ".").map(String.init)
        switch parts[0] {
        case "quotes":
            let q = evaluation.quotes
            switch parts.count > 1 ? parts[1] : "overlap80" {
            case "exact": return q.exact.f1
            case "overlap80": return q.overlap80.f1
            case "overlap30": return q.overlap30.f1
            default: return nil
            }
        case "speaker":
            return evaluation.quotes.speakerAccuracy
        case "macro":
            guard let scheme = EntityScheme(rawValue: parts.count > 1 ? parts[1] : "strict") else { return nil }
            return evaluation.macro(scheme).f1
        default:
            guard let scheme = EntityScheme(rawValue: parts.count > 1 ? parts[1] : "strict"),
                  let counts = evaluation.entities[parts[0]]?[scheme] else { return nil }
            return counts.f1
        }
    }

    /// A message for each threshold not met (or naming nothing known).
    public static func failures(_ thresholds: [Threshold], in evaluation: Evaluation) -> [String] {
        thresholds.compactMap { threshold in
            guard let score = threshold.score(in: evaluation) else { return "--min \(threshold.key): no such score" }
            // Compare at the precision the report shows scores with, so 0.9 passes a 0.8999999 F1 of 90.0%.
            return (score * 1e6).rounded() < (threshold.minimum * 1e6).rounded()
                ? "\(threshold.key) is \(String(format: "%.3f", score)), below the minimum \(threshold.minimum)" : nil
        }
    }
}
