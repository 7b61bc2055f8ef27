/// Everything `byline eval` measures for one set of gold documents and their predictions.
public struct Evaluation: Sendable {
    /// Scores of one label (or "micro": all labels at once) under each scheme.
    public var entities: [String: [EntityScheme: SchemeCounts]] = [:]
    /// Labels scored, sorted (gold labels and the labels asked for).
    public var labels: [String] = []
    public var quotes = QuoteScores()
    public var links = LinkScores()
    /// Rules and lists, the one whose removal would raise micro strict F1 most first.
    public var rules: [RuleScore] = []
    public var documents: [DocumentResult] = []
    /// Gold documents with no prediction (scored as empty predictions), and predictions with no gold.
    public var missingPredictions: [String] = []
    public var unmatchedPredictions: [String] = []

    /// Macro average over `labels` of precision, recall and F1 under `scheme`.
    public func macro(_ scheme: EntityScheme) -> (precision: Double, recall: Double, f1: Double) {
        let scores = labels.compactMap { entities[$0]?[scheme] }
        guard !scores.isEmpty else { return (0, 0, 0) }
        let n = Double(scores.count)
        return (scores.map(\.precision).reduce(0, +) / n, scores.map(\.recall).reduce(0, +) / n, scores.map(\.f1).reduce(0, +) / n)
    }

    public var microStrict: SchemeCounts { entities["micro"]?[.strict] ?? SchemeCounts() }
}

/// Link accuracy: titles linked to the right person (`person` attribute: the person's canonical name, or
/// the code-point offset of a PERSON span, compared as canonical names) and
/// people linked to the right canonical name (`name`), on strictly matched spans whose gold has the link.
public struct LinkScores: Sendable {
    public var titleCorrect = 0, titleTotal = 0, nameCorrect = 0, nameTotal = 0
    public var titleAccuracy: Double { titleTotal > 0 ? Double(titleCorrect) / Double(titleTotal) : 0 }
    public var nameAccuracy: Double { nameTotal > 0 ? Double(nameCorrect) / Double(nameTotal) : 0 }
}

/// One rule's or list's record: spans it produced, how many were right (strict), and micro strict F1
/// with its spans taken out of the output.
public struct RuleScore: Sendable {
    public var rule: String
    public var produced = 0
    public var correct = 0
    public var f1Without = 0.0
    /// f1Without − F1: positive when the output is better without the rule.
    public var delta = 0.0
    public var precision: Double { produced > 0 ? Double(correct) / Double(produced) : 0 }
}

/// One document's strict result and its errors.
public struct DocumentResult: Sendable {
    public var id: String
    public var counts = SchemeCounts()
    public var errors: [ErrorRecord] = []
}

/// A false positive or false negative under the strict scheme, with its context and the rule at fault.
public struct ErrorRecord: Hashable, Sendable {
    public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
    public var kind: Kind
    public var label: String
    public var start: Int
    public var end: Int
    public var text: String
    /// The text around the span, the span in ⟦ ⟧, line breaks as spaces.
    public var context: String
    /// The rule that produced a false positive ("" for a false negative).
    public var rule: String
    /// What the other side had there: "gold PLACE 'Kenya'", "predicted TITLE by title.apposition".
    public var detail: String

    /// A key that stays the same between two runs when the error does: for comparing runs.
    public var key: String { Self.key(kind: kind.rawValue, label: label, start: start, end: end, text: text) }

    /// The key from its parts (also as a baseline report stores them).
    public static func key(kind: String, label: String, start: Int, end: Int, text: String) -> String {
        "\(kind) \(label) \(start)-\(end) \(text)"
    }
}

/// Computes an `Evaluation`.
public struct Evaluator {
    public var labels: [String]
    /// When set, only these labels are scored: other gold spans (CoNLL's ORG, MISC) become regions where
    /// predictions are not counted (a PLACE inside "Bank of England" is neither right nor wrong), and
    /// predictions of other labels are dropped.
    public var onlyLabels: Set<String>?
    public var contextWidth = 40

    public init(labels: [String] = ["PERSON", "TITLE", "PLACE"], onlyLabels: Set<String>? = nil) {
        self.labels = onlyLabels.map { Array($0).sorted() } ?? labels
        self.onlyLabels = onlyLabels
    }

    /// Gold and predicted spans restricted to `onlyLabels`, with predictions inside out-of-scope gold spans removed.
    private func scoped(_ gold: [EntitySpan], _ predicted: [EntitySpan]) -> ([EntitySpan], [EntitySpan]) {
        guard let onlyLabels else { return (gold, predicted) }
        let ignored = gold.filter { !onlyLabels.contains($0.label) }
        let kept = predicted.filter { p in
            onlyLabels.contains(p.label) && !ignored.contains { $0.start <= p.start && p.end <= $0.end }
        }
        return (gold.filter { onlyLabels.contains($0.label) }, kept)
    }

    public func evaluate(gold: [LabeledDocument], predicted: [LabeledDocument]) throws -> Evaluation {
        var predictions: [String: LabeledDocument] = [:]
        for document in predicted { predictions[document.id] = document }
        var result = Evaluation()
        let goldIDs = Set(gold.map(\.id))
        result.unmatchedPredictions = predicted.map(\.id).filter { !goldIDs.contains($0) }.sorted()
        result.labels = onlyLabels.map { Array($0).sorted() }
            ?? Array(Set(labels).union(gold.flatMap { $0.entities.map(\.label) })).sorted()
        var mismatched: [GoldError] = []

        var pairs: [(gold: [EntitySpan], predicted: [EntitySpan])] = []
        for document in gold {
            let prediction = predictions[document.id]
            if prediction == nil { result.missingPredictions.append(document.id) }
            if let prediction, prediction.text != document.text {
                let (file, line) = GoldValidator.location(prediction.source)
                mismatched.append(GoldError(file: file, line: line, "document \(document.id): the predicted text differs from the gold text"))
                continue
            }
            let (goldInScope, predInScope) = scoped(document.entities, prediction?.entities ?? [])
            let goldSpans = EntityMatcher.ordered(goldInScope, deduplicate: false)
            let predSpans = EntityMatcher.ordered(predInScope, deduplicate: true)
            pairs.append((goldSpans, predSpans))
            score(document, goldSpans, predSpans, prediction, into: &result)
        }
        if !mismatched.isEmpty { throw GoldErrors(mismatched) }
        result.rules = ruleScores(pairs, f1: result.microStrict.f1)
        return result
    }

    private func score(_ document: LabeledDocument, _ goldSpans: [EntitySpan], _ predSpans: [EntitySpan],
                       _ prediction: LabeledDocument?, into result: inout Evaluation) {
        for scheme in EntityScheme.allCases {
            let all = EntityMatcher.match(gold: goldSpans, predicted: predSpans, scheme: scheme)
            result.entities["micro", default: [:]][scheme, default: SchemeCounts(halfCreditForPartial: scheme.halfCreditForPartial)] += all.counts
            for label in result.labels {
                let counts = EntityMatcher.match(gold: goldSpans.filter { $0.label == label },
                                                 predicted: predSpans.filter { $0.label == label }, scheme: scheme).counts
                result.entities[label, default: [:]][scheme, default: SchemeCounts(halfCreditForPartial: scheme.halfCreditForPartial)] += counts
            }
        }
        // Errors and links come from the strict matching of all labels at once.
        let strict = EntityMatcher.match(gold: goldSpans, predicted: predSpans, scheme: .strict)
        let scalars = Array(document.text.unicodeScalars)
        var documentResult = DocumentResult(id: document.id, counts: strict.counts)
        var goldExplained = [String](repeating: "", count: goldSpans.count)
        for (p, outcome) in strict.outcomes.enumerated() {
            let pred = predSpans[p]
            switch outcome {
            case .correct(let g):
                link(goldSpans[g], pred, goldSpans, predSpans, scalars, into: &result.links)
            case .incorrect(let g), .partial(let g):
                let gold = goldSpans[g]
                documentResult.errors.append(record(.falsePositive, pred, scalars, detail: "gold \(gold.label) '\(text(scalars, gold))'"))
                goldExplained[g] = "predicted \(pred.label) '\(text(scalars, pred))' by \(pred.rule)"
            case .spurious:
                documentResult.errors.append(record(.falsePositive, pred, scalars, detail: "no gold span there"))
            }
        }
        for (g, taken) in strict.goldTaken.enumerated() {
            let gold = goldSpans[g]
            let explained = !goldExplained[g].isEmpty
            let correct = taken && !explained
            if !correct {
                documentResult.errors.append(record(.falseNegative, gold, scalars, detail: explained ? goldExplained[g] : "nothing predicted there"))
            }
        }
        let predictedQuotes = prediction?.quotes ?? []
        result.quotes.add(gold: document.quotes, predicted: predictedQuotes)
        documentResult.errors += quoteErrors(gold: document.quotes, predicted: predictedQuotes, scalars)
        documentResult.errors.sort { ($0.start, $0.end, $0.kind.rawValue, $0.label) < ($1.start, $1.end, $1.kind.rawValue, $1.label) }
        result.documents.append(documentResult)
    }

    /// Quote errors: a quote missed or invented (no counterpart at 30% overlap: `QUOTE`), a matched quote
    /// whose boundaries differ (`QUOTE-BOUNDS`), kind differs (`QUOTE-KIND`) or speaker's canonical name
    /// differs (`QUOTE-SPEAKER`); the last three are listed as false positives of the predicted quote.
    private func quoteErrors(gold: [QuoteSpan], predicted: [QuoteSpan], _ scalars: [Unicode.Scalar]) -> [ErrorRecord] {
        func span(_ quote: QuoteSpan, _ label: String) -> EntitySpan {
            EntitySpan(start: quote.start, end: quote.end, label: label, rule: quote.rule)
        }
        func speaker(_ quote: QuoteSpan) -> String {
            guard let speaker = quote.speaker else { return "no speaker" }
            let mention = text(scalars, EntitySpan(start: speaker.start, end: speaker.end, label: ""))
            return speaker.name.isEmpty || speaker.name == mention ? "'\(mention)'" : "'\(mention)' = \(speaker.name)"
        }
        var errors: [ErrorRecord] = []
        let pairs = QuoteScores.match(gold: gold, predicted: predicted, threshold: 0.3)
        let goldMatched = Set(pairs.map(\.0)), predictedMatched = Set(pairs.map(\.1))
        for (g, quote) in gold.enumerated() where !goldMatched.contains(g) {
            errors.append(record(.falseNegative, span(quote, "QUOTE"), scalars, detail: "\(quote.kind), speaker \(speaker(quote)): nothing predicted there"))
        }
        for (p, quote) in predicted.enumerated() where !predictedMatched.contains(p) {
            errors.append(record(.falsePositive, span(quote, "QUOTE"), scalars, detail: "\(quote.kind), speaker \(speaker(quote)): no gold quote there"))
        }
        for (g, p) in pairs {
            let a = gold[g], b = predicted[p]
            if (a.start, a.end) != (b.start, b.end) {
                errors.append(record(.falsePositive, span(b, "QUOTE-BOUNDS"), scalars, detail: "gold is '\(text(scalars, span(a, "")))'"))
            }
            if a.kind != b.kind {
                errors.append(record(.falsePositive, span(b, "QUOTE-KIND"), scalars, detail: "predicted \(b.kind), gold \(a.kind)"))
            }
            if let goldSpeaker = a.speaker {
                // By canonical name when the gold has one, else by mention overlap.
                let right = goldSpeaker.name.isEmpty
                    ? b.speaker.map { $0.start < goldSpeaker.end && goldSpeaker.start < $0.end } ?? false
                    : b.speaker.map { QuoteScores.sameName($0.name, goldSpeaker.name) } ?? false
                if !right {
                    errors.append(record(.falsePositive, span(b, "QUOTE-SPEAKER"), scalars, detail: "predicted \(speaker(b)), gold \(speaker(a))"))
                }
            }
        }
        return errors
    }

    private func link(_ gold: EntitySpan, _ pred: EntitySpan, _ goldSpans: [EntitySpan], _ predSpans: [EntitySpan],
                      _ scalars: [Unicode.Scalar], into links: inout LinkScores) {
        let text = { (span: EntitySpan) in self.text(scalars, span) }
        if let person = gold.attributes["person"] {
            links.titleTotal += 1
            if let predicted = pred.attributes["person"],
               QuoteScores.sameName(Self.personName(predicted, among: predSpans, text: text),
                                    Self.personName(person, among: goldSpans, text: text)) {
                links.titleCorrect += 1
            }
        }
        if let name = gold.attributes["name"] {
            links.nameTotal += 1
            let predicted = pred.attributes["name"] ?? pred.attributes["id"] ?? ""
            if QuoteScores.sameName(predicted, name) { links.nameCorrect += 1 }
        }
    }

    /// A title's `person` link as a canonical name: a code-point offset (as gold written in the corpus
    /// markup has it) names the PERSON span starting there; anything else is a name already.
    static func personName(_ link: String, among spans: [EntitySpan], text: (EntitySpan) -> String) -> String {
        guard let offset = Int(link), let person = spans.first(where: { $0.start == offset && $0.label == "PERSON" }) else { return link }
        return person.attributes["name"] ?? text(person)
    }

    private func ruleScores(_ pairs: [(gold: [EntitySpan], predicted: [EntitySpan])], f1: Double) -> [RuleScore] {
        var scores: [String: RuleScore] = [:]
        for (gold, predicted) in pairs {
            let strict = EntityMatcher.match(gold: gold, predicted: predicted, scheme: .strict)
            for (span, outcome) in zip(predicted, strict.outcomes) {
                scores[span.rule, default: RuleScore(rule: span.rule)].produced += 1
                if case .correct = outcome { scores[span.rule]!.correct += 1 }
            }
        }
        for rule in scores.keys {
            var counts = SchemeCounts()
            for (gold, predicted) in pairs {
                counts += EntityMatcher.match(gold: gold, predicted: predicted.filter { $0.rule != rule }, scheme: .strict).counts
            }
            scores[rule]!.f1Without = counts.f1
            scores[rule]!.delta = counts.f1 - f1
        }
        // Worst first: the largest gain from removing it, then the lowest precision, then by name.
        return scores.values.sorted {
            $0.delta != $1.delta ? $0.delta > $1.delta : $0.precision != $1.precision ? $0.precision < $1.precision : $0.rule < $1.rule
        }
    }

    private func text(_ scalars: [Unicode.Scalar], _ span: EntitySpan) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span.start..<span.end])
        return String(view)
    }

    private func record(_ kind: ErrorRecord.Kind, _ span: EntitySpan, _ scalars: [Unicode.Scalar], detail: String) -> ErrorRecord {
        func piece(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range].map { $0.properties.isWhitespace ? " " : $0 })
            return String(view)
        }
        let before = max(0, span.start - contextWidth), after = min(scalars.count, span.end + contextWidth)
        let context = piece(before..<span.start) + "⟦" + piece(span.start..<span.end) + "⟧" + piece(span.end..<after)
        return ErrorRecord(kind: kind, label: span.label, start: span.start, end: span.end, text: text(scalars, span),
                           context: context, rule: kind == .falsePositive ? span.rule : "", detail: detail)
    }
}
