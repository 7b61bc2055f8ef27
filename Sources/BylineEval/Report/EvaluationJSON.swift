import BylineFormats

/// `byline eval --format json`: the schema is documented in docs/evaluation.md. Scores are fractions in
/// [0, 1], rounded to six decimals.
public enum EvaluationJSON {
    public static let schema = "byline-eval/1"

    public static func write(_ evaluation: Evaluation, pretty: Bool = true) -> [UInt8] {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        w.key("schema"); w.string(schema)
        w.key("documents_scored"); w.int(evaluation.documents.count)
        w.key("missing_predictions"); strings(evaluation.missingPredictions, &w)
        w.key("unmatched_predictions"); strings(evaluation.unmatchedPredictions, &w)

        w.key("entities"); w.beginObject()
        for label in evaluation.labels + ["micro"] {
            w.key(label); w.beginObject()
            for scheme in EntityScheme.allCases {
                w.key(scheme.rawValue); counts(evaluation.entities[label]?[scheme] ?? SchemeCounts(), &w)
            }
            w.endObject()
        }
        w.key("macro"); w.beginObject()
        for scheme in EntityScheme.allCases {
            let macro = evaluation.macro(scheme)
            w.key(scheme.rawValue); w.beginObject()
            w.key("precision"); number(macro.precision, &w)
            w.key("recall"); number(macro.recall, &w)
            w.key("f1"); number(macro.f1, &w)
            w.endObject()
        }
        w.endObject()
        w.endObject()

        let q = evaluation.quotes
        w.key("quotes"); w.beginObject()
        for (name, level) in [("exact", q.exact), ("overlap80", q.overlap80), ("overlap30", q.overlap30)] {
            w.key(name); w.beginObject()
            w.key("precision"); number(level.precision, &w)
            w.key("recall"); number(level.recall, &w)
            w.key("f1"); number(level.f1, &w)
            w.key("matched"); w.int(level.matched)
            w.key("predicted"); w.int(level.predicted)
            w.key("gold"); w.int(level.gold)
            w.endObject()
        }
        w.key("kind_accuracy"); number(q.kindAccuracy, &w)
        w.key("kind_total"); w.int(q.kindTotal)
        w.key("speaker_accuracy"); number(q.speakerAccuracy, &w)
        w.key("speaker_total"); w.int(q.speakerTotal)
        w.key("speaker_mention_accuracy"); number(q.speakerMentionAccuracy, &w)
        w.key("speaker_mention_total"); w.int(q.speakerMentionTotal)
        w.key("speaker_person_or_mention_accuracy"); number(q.speakerEitherAccuracy, &w)
        w.endObject()

        let l = evaluation.links
        w.key("links"); w.beginObject()
        w.key("title_person_accuracy"); number(l.titleAccuracy, &w)
        w.key("title_person_total"); w.int(l.titleTotal)
        w.key("person_name_accuracy"); number(l.nameAccuracy, &w)
        w.key("person_name_total"); w.int(l.nameTotal)
        w.endObject()

        w.key("rules"); w.beginArray()
        for rule in evaluation.rules {
            w.beginObject()
            w.key("rule"); w.string(rule.rule)
            w.key("produced"); w.int(rule.produced)
            w.key("correct"); w.int(rule.correct)
            w.key("precision"); number(rule.precision, &w)
            w.key("f1_without"); number(rule.f1Without, &w)
            w.key("delta_f1_without"); number(rule.delta, &w)
            w.endObject()
        }
        w.endArray()

        w.key("documents"); w.beginArray()
        for document in evaluation.documents {
            w.beginObject()
            w.key("id"); w.string(document.id)
            w.key("tp"); w.int(document.counts.correct)
            w.key("fp"); number(document.counts.falsePositives, &w)
            w.key("fn"); number(document.counts.falseNegatives, &w)
            w.key("errors"); w.beginArray()
            for error in document.errors {
                w.beginObject()
                w.key("kind"); w.string(error.kind.rawValue)
                w.key("label"); w.string(error.label)
                w.key("start"); w.int(error.start)
                w.key("end"); w.int(error.end)
                w.key("text"); w.string(error.text)
                w.key("rule"); w.string(error.rule)
                w.key("detail"); w.string(error.detail)
                w.key("context"); w.string(error.context)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }

    private static func counts(_ c: SchemeCounts, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("precision"); number(c.precision, &w)
        w.key("recall"); number(c.recall, &w)
        w.key("f1"); number(c.f1, &w)
        w.key("tp"); number(c.truePositives, &w)
        w.key("fp"); number(c.falsePositives, &w)
        w.key("fn"); number(c.falseNegatives, &w)
        w.key("correct"); w.int(c.correct)
        w.key("incorrect"); w.int(c.incorrect)
        w.key("partial"); w.int(c.partial)
        w.key("missed"); w.int(c.missed)
        w.key("spurious"); w.int(c.spurious)
        w.key("possible"); w.int(c.possible)
        w.key("actual"); w.int(c.actual)
        w.endObject()
    }

    /// Whole numbers as integers, others rounded to six decimals.
    private static func number(_ value: Double, _ w: inout JSONWriter) {
        if value == value.rounded() && abs(value) < 1e15 { w.int(Int(value)) } else { w.double((value * 1e6).rounded() / 1e6) }
    }

    private static func strings(_ values: [String], _ w: inout JSONWriter) {
        w.beginArray()
        for value in values { w.string(value) }
        w.endArray()
    }
}
