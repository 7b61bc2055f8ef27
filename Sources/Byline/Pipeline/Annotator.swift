import BylineText

/// Runs a `Pipeline` over documents. Owns per-thread state (ICU iterators, PCRE2 match data, callout
/// state): create one per thread with `Pipeline.makeAnnotator()` and reuse it for many documents.
///
/// A document goes through: tokens and sentences → gazetteer lookups → spans of lists that emit a label,
/// resolved → each phase's rules, whose candidates are resolved together with the spans accepted so far →
/// entities (output labels) and internal spans.
public final class Annotator {
    public let pipeline: Pipeline
    private let tokenizer: Tokenizer
    private let gazetteerMatcher: GazetteerMatcher
    /// One matcher per rule, in `pipeline.rules` order.
    private var matchers: [RegexMatcher] = []
    private var index: SpanClassIndex
    /// The rule whose pattern is running (for callouts).
    private var running: CompiledRule?
    private var cachedStart: [Int] = []
    private var cachedMaxEnd: [Int] = []

    init(_ pipeline: Pipeline) throws {
        self.pipeline = pipeline
        self.tokenizer = try Tokenizer(abbreviations: pipeline.abbreviations)
        self.gazetteerMatcher = try GazetteerMatcher(pipeline.gazetteer)
        self.index = SpanClassIndex(classCount: pipeline.spanClasses.count)
        let slotCount = pipeline.rules.map(\.slots.count).max() ?? 0
        cachedStart = Array(repeating: -1, count: slotCount)
        cachedMaxEnd = Array(repeating: 0, count: slotCount)
        for rule in pipeline.rules {
            let matcher = RegexMatcher(rule.pattern, limits: pipeline.limits)
            if !rule.slots.isEmpty {
                matcher.calloutHandler = { [unowned self] callout in self.spanCallout(callout) }
            }
            matchers.append(matcher)
        }
    }

    /// Annotates one document. `text` must be valid UTF-8 text (see `UTF8Input.decode`).
    /// - Throws: `AnnotationError`.
    public func annotate(id: String, text: String) throws -> Document {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            var document = try prepare(id: id, text: text, bytes: bytes)
            let accepted = try runPhases(0..<pipeline.phases.count, on: document, bytes: bytes)
            let output = Set(pipeline.outputLabels)
            document.entities = accepted.filter { output.contains($0.label) }
            document.internalSpans = accepted.filter { !output.contains($0.label) }
            return document
        }!
    }

    /// What `rule` matches in `text` after the gazetteer and the phases before the rule's own have run:
    /// for each match, its named groups' texts. Used to check rule examples.
    public func matches(of rule: CompiledRule, in text: String) throws -> [[String: String]] {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            let document = try prepare(id: "example", text: text, bytes: bytes)
            let accepted = try runPhases(0..<rule.phase, on: document, bytes: bytes)
            rebuildLabelIndex(accepted)
            var found: [[String: String]] = []
            try run(rule, bytes) { match in
                var groups: [String: String] = [:]
                for (name, number) in rule.pattern.groupNames where !name.hasPrefix(SpanClass.markPrefix) {
                    if let range = match.range(ofGroup: number) {
                        groups[name] = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    }
                }
                found.append(groups)
            }
            return found
        }!
    }

    // MARK: - Steps

    /// Tokens, sentences, lookups, and the gazetteer part of the span class index.
    private func prepare(id: String, text: String, bytes: UnsafeBufferPointer<UInt8>) throws -> Document {
        let tokenized: TokenizedText
        do { tokenized = try tokenizer.tokenize(utf8: bytes) } catch let error as TextError { throw AnnotationError.input(error) }
        var document = Document(id: id, text: text, tokenized: tokenized)
        document.lookups = gazetteerMatcher.lookups(document.tokens, in: bytes)
        index = SpanClassIndex(classCount: pipeline.spanClasses.count)
        for lookup in document.lookups {
            let entry = pipeline.gazetteer.entries[lookup.entry]
            for spanClass in pipeline.spanClassesOfGazetteerClass[entry.classIndex] {
                index.add(lookup.utf8Range, to: spanClass)
            }
        }
        index.sort(0..<pipeline.spanClasses.count)
        return document
    }

    /// Gazetteer spans, then the given phases; returns the accepted spans.
    private func runPhases(_ phases: Range<Int>, on document: Document, bytes: UnsafeBufferPointer<UInt8>) throws -> [Span] {
        var accepted = pipeline.resolver.resolve(gazetteerSpans(document), order: order)
        for phase in phases where !pipeline.phases[phase].isEmpty {
            rebuildLabelIndex(accepted)
            var candidates = accepted
            var matchNumber = 0
            for rule in pipeline.phases[phase] {
                try run(rule, bytes) { match in
                    matchNumber += 1
                    for emit in rule.emits {
                        guard let range = match.range(ofGroup: emit.group), !range.isEmpty else { continue }
                        candidates.append(Span(label: emit.label, utf8Range: range, rule: rule.id, priority: rule.priority,
                                               attributes: rule.attributes, match: phase << 24 | matchNumber, role: emit.name))
                    }
                }
            }
            accepted = pipeline.resolver.resolve(candidates, order: order)
        }
        return accepted
    }

    private func order(_ span: Span) -> Int { pipeline.order[span.rule] ?? Int.max }

    private func gazetteerSpans(_ document: Document) -> [Span] {
        var spans: [Span] = []
        for lookup in document.lookups {
            let entry = pipeline.gazetteer.entries[lookup.entry]
            let list = pipeline.gazetteer.lists[entry.list]
            guard let label = list.emitLabel else { continue }
            var attributes = entry.attributes
            attributes["class"] = pipeline.gazetteer.classes[entry.classIndex]
            if !entry.canonicalID.isEmpty { attributes["id"] = entry.canonicalID }
            spans.append(Span(label: label, utf8Range: lookup.utf8Range, rule: list.ruleID, priority: list.priority,
                              attributes: attributes))
        }
        return spans
    }

    private func rebuildLabelIndex(_ accepted: [Span]) {
        guard !pipeline.spanClassOfLabel.isEmpty else { return }
        let classes = pipeline.spanClassOfLabel.values
        index.removeAll(classes)
        for span in accepted {
            if let spanClass = pipeline.spanClassOfLabel[span.label] { index.add(span.utf8Range, to: spanClass) }
        }
        index.sort(classes)
    }

    /// Runs one rule over the whole text, calling `body` for each match.
    private func run(_ rule: CompiledRule, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (RegexMatch) -> Void) throws {
        running = rule
        for slot in rule.slots.indices { cachedStart[slot] = -1 }
        defer { running = nil }
        do {
            try matchers[rule.order - pipeline.gazetteer.lists.count].forEachMatch(in: bytes) { match in
                body(match)
                return true
            }
        } catch let error as TextError {
            throw AnnotationError.rule(id: rule.id, location: rule.location, error: error)
        }
    }

    // MARK: - Span-class callouts

    /// `S<slot>`: a span of the slot's class starts here. `G<slot>`: the match is still inside the longest
    /// such span (bounds the lazy scan). `E<slot>`: a span that started at the slot's mark ends here.
    private func spanCallout(_ callout: RegexCallout) -> CalloutVerdict {
        guard let rule = running, callout.argument.count >= 2 else { return .fail }
        var slot = 0
        for byte in callout.argument.dropFirst() { slot = slot * 10 + Int(byte &- 0x30) }
        guard slot < rule.slots.count else { return .fail }
        let spanClass = rule.slots[slot]
        let start: Int
        if callout.argument[0] == UInt8(ascii: "S") {
            start = callout.position
        } else {
            guard let marked = callout.groupStart(rule.slotMarks[slot]) else { return .fail }
            start = marked
        }
        if cachedStart[slot] != start {
            let spans = index.spans(of: spanClass, startingAt: start)
            guard let longest = spans.last else { return .fail }
            cachedStart[slot] = start
            cachedMaxEnd[slot] = Int(longest & 0xFFFF_FFFF)
        }
        switch callout.argument[0] {
        case UInt8(ascii: "S"):
            return .proceed
        case UInt8(ascii: "G"):
            return callout.position < cachedMaxEnd[slot] ? .proceed : .fail
        default:
            let key = UInt64(start) << 32 | UInt64(callout.position)
            return index.spans(of: spanClass, startingAt: start).contains(key) ? .proceed : .fail
        }
    }
}
