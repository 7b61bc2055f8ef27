import BylineText

/// Runs a `Pipeline` over documents. Owns per-thread state (ICU iterators, PCRE2 match data, callout
/// state): create one per thread with `Pipeline.makeAnnotator()` and reuse it for many documents.
///
/// A document goes through: tokens and sentences → gazetteer lookups → spans of lists that emit a label,
/// resolved → each phase's rules, whose candidates are resolved together with the spans accepted so far →
/// entities (output labels) and internal spans. The steps live beside this file by concern: the lists'
/// spans (`Annotator+GazetteerSpans`), one rule's run over its windows (`Annotator+RuleMatching`; the
/// span-class callouts stay here, as overrides must), name resolution between phases
/// (`Annotator+NameResolution`).
public final class Annotator: RegexCalloutHandler {
    public let pipeline: Pipeline
    private let tokenizer: Tokenizer
    private let gazetteerMatcher: GazetteerMatcher
    /// One matcher per rule, in `pipeline.rules` order.
    var matchers: [RegexMatcher] = []
    /// For rules that must start at a span of their first class: the anchored matcher (nil otherwise).
    var anchoredMatchers: [RegexMatcher?] = []
    /// The same, walking spans character by character, for documents where a span of one of the rule's
    /// classes ends inside a word (`CompiledRule.exactPattern`); nil for rules without span classes.
    var exactMatchers: [RegexMatcher?] = []
    var exactAnchoredMatchers: [RegexMatcher?] = []
    var index: SpanClassIndex
    // Callout state while a rule runs. Raw storage, because callouts run at up to every byte.
    /// The running rule's slots: the part of the flat index holding each slot's class.
    let slotKeys: UnsafeMutablePointer<UnsafeBufferPointer<UInt64>>
    /// The running rule's slots: their class's start bits (`SpanClassIndex.startBits`), or nil without.
    let slotBits: UnsafeMutablePointer<UnsafePointer<UInt64>?>
    let slotMarks: UnsafeMutablePointer<Int>
    let cachedStart: UnsafeMutablePointer<Int>
    /// Per slot: where its last `S` callout ran, the start of its span for a slot without a mark group.
    private let slotStart: UnsafeMutablePointer<Int>
    private let cachedMaxEnd: UnsafeMutablePointer<Int>
    /// Per slot: the indices in `slotKeys[slot]` of the spans starting at `cachedStart[slot]`, so that an
    /// `E` callout looks at those few keys instead of searching the class again.
    private let cachedLow: UnsafeMutablePointer<Int>
    private let cachedHigh: UnsafeMutablePointer<Int>
    var slotCount = 0
    /// The running rule's scanned bytes, anchored attempts and callouts (read by the profile).
    var scannedBytes = 0
    var anchoredAttempts = 0
    var callouts = 0
    /// Gazetteer entry index → the attributes of its spans (bounded: cleared past 100,000 entries).
    var entrySpanAttributes: [Int: [String: String]] = [:]
    /// The document's sentences (UTF-8 ranges), for `near: CLASS sentence` rules.
    var sentenceRanges: [Range<Int>] = []
    /// The capitalised words of the document's headline-case lines (`{HEADLINE}`; empty without `headline-words:`).
    var headlineWords: [Range<Int>] = []
    /// `genders(_:)` of the current document, once it has been asked for.
    var documentGenders: GenderEvidence?
    /// When set, each step and rule adds its time here (see `AnnotationProfile`); nil costs nothing.
    public var profile: AnnotationProfile?
    /// Rules with `near:` or `needs:` run only where those promise a match can start (off: everywhere but
    /// inside `outside:` spans, for the test that checks the two agree).
    var windowsEnabled = true
    /// Rules run only on the lines that hold what their patterns need (`Prerequisites`); off, everywhere
    /// (for the test that checks the two agree).
    var prerequisitesEnabled = true
    /// Rules whose matches must open with a span of some classes are tried only where those spans start
    /// (`CompiledRule.startSlots`); off, they scan their windows like any rule (for the test that checks
    /// the two agree).
    var anchoringEnabled = true
    /// The current document's lines, the prerequisite and `needs:` texts on each, and the lines where each
    /// span class's spans start (for the current state of `index`).
    var lines = DocumentLines()
    /// Whether `annotate` finds quotes (the quote rules, quoted regions, attribution and speakers). Off, a
    /// document's `quotes` stay empty and its entities are the same: quotes are found after them and never
    /// change them. Exports that hold entities only turn it off.
    public var findsQuotes = true
    /// Whether documents come back with their sentences (`Document.sentences`, `.startsSentence` on
    /// tokens). Off, ICU's sentence pass (about a fifth of tokenizing) is skipped where nothing in the
    /// pipeline reads sentences (`Pipeline.readsSentences`: a rule set of lists alone), and `sentences` is
    /// empty; a pipeline that reads them always finds them. `byline annotate`, whose output has no
    /// sentences, turns it off; exports keep it on.
    public var findsSentences = true
    /// The start windows of `near:` lines, by class and scope, for the current state of `index` (several
    /// rules share a `near:` line; emptied whenever the index is sealed again).
    var nearWindows: [NearWindowKey: [Range<Int>]] = [:]
    struct NearWindowKey: Hashable {
        let spanClass: Int
        let scope: RuleSource.NearScope
    }
    /// `commonWords(_:)` of the current document, once it has been asked for (name resolution and
    /// repetition both read it).
    var documentCommonWords: [Range<Int>: CommonWordKinds]?
    /// `nameWords(_:)` of the current document, once it has been asked for.
    var documentNameWords: NameWords?

    init(_ pipeline: Pipeline) throws {
        self.pipeline = pipeline
        self.tokenizer = try Tokenizer(abbreviations: pipeline.abbreviations)
        self.gazetteerMatcher = try GazetteerMatcher(pipeline.gazetteer)
        self.index = SpanClassIndex(classCount: pipeline.spanClasses.count)
        let capacity = max(1, pipeline.rules.map(\.slots.count).max() ?? 0)
        slotKeys = .allocate(capacity: capacity)
        slotKeys.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0), count: capacity)
        slotBits = .allocate(capacity: capacity)
        slotBits.initialize(repeating: nil, count: capacity)
        slotMarks = .allocate(capacity: capacity)
        slotMarks.initialize(repeating: 0, count: capacity)
        cachedStart = .allocate(capacity: capacity)
        cachedStart.initialize(repeating: -1, count: capacity)
        slotStart = .allocate(capacity: capacity)
        slotStart.initialize(repeating: -1, count: capacity)
        cachedMaxEnd = .allocate(capacity: capacity)
        cachedMaxEnd.initialize(repeating: 0, count: capacity)
        cachedLow = .allocate(capacity: capacity)
        cachedLow.initialize(repeating: 0, count: capacity)
        cachedHigh = .allocate(capacity: capacity)
        cachedHigh.initialize(repeating: 0, count: capacity)
        super.init()
        for rule in pipeline.rules {
            let matcher = RegexMatcher(rule.pattern, limits: pipeline.limits)
            if !rule.slots.isEmpty { matcher.calloutHandler = self }
            matchers.append(matcher)
            let anchored = rule.anchoredPattern.map { RegexMatcher($0, limits: pipeline.limits) }
            anchored?.calloutHandler = self
            anchoredMatchers.append(anchored)
            let exact = rule.exactPattern.map { RegexMatcher($0, limits: pipeline.limits) }
            exact?.calloutHandler = self
            exactMatchers.append(exact)
            let exactAnchored = rule.exactAnchoredPattern.map { RegexMatcher($0, limits: pipeline.limits) }
            exactAnchored?.calloutHandler = self
            exactAnchoredMatchers.append(exactAnchored)
        }
    }

    deinit {
        slotKeys.deallocate()
        slotMarks.deallocate()
        slotBits.deallocate()
        cachedStart.deallocate()
        slotStart.deallocate()
        cachedMaxEnd.deallocate()
        cachedLow.deallocate()
        cachedHigh.deallocate()
    }

    /// Annotates one document. `text` must be valid UTF-8 text (see `UTF8Input.decode`).
    /// - Throws: `AnnotationError`.
    public func annotate(id: String, text: String) throws -> Document {
        var text = text
        text.makeContiguousUTF8()
        if profile != nil {
            profile!.documents += 1
            profile!.bytes += text.utf8.count
        }
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            var document = try prepare(id: id, text: text, bytes: bytes)
            let accepted = try entities(of: document, bytes: bytes)
            // Output labels are few: compared in place, in one pass (labels come in runs).
            var lastLabel = "", isOutput = false
            for span in accepted {
                if span.label != lastLabel {
                    lastLabel = span.label
                    isOutput = pipeline.outputLabels.contains(span.label)
                }
                if isOutput { document.entities.append(span) } else { document.internalSpans.append(span) }
            }
            if findsQuotes && pipeline.quotePhase != nil { document.quotes = try quotes(of: document, entities: accepted, bytes: bytes) }
            return document
        }!
    }

    /// What `rule` matches in `text` after the gazetteer and the phases before the rule's own have run
    /// (for a quote rule: every entity phase, name resolution, and the quoted regions): for each match,
    /// its named groups' texts. Used to check rule examples.
    public func matches(of rule: CompiledRule, in text: String) throws -> [[String: String]] {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            let document = try prepare(id: "example", text: text, bytes: bytes)
            if rule.quoteRule != nil {
                let accepted = try entities(of: document, bytes: bytes)
                rebuildLabelIndex(accepted, quoted: QuotedRegionScanner().regions(in: bytes), bytes: bytes)
            } else {
                rebuildLabelIndex(try runPhases(0..<rule.phase, on: document, bytes: bytes), bytes: bytes)
            }
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
        do {
            tokenized = try timed("tokenize") {
                try tokenizer.tokenize(utf8: bytes, sentences: findsSentences || pipeline.readsSentences)
            }
        } catch let error as TextError { throw AnnotationError.input(error) }
        var document = Document(id: id, text: text, tokenized: tokenized)
        sentenceRanges = document.sentences.map(\.utf8Range)
        documentCommonWords = nil
        documentNameWords = nil
        document.lookups = timed("gazetteer lookups") { gazetteerMatcher.lookups(document.tokens, in: bytes) }
        headlineWords = pipeline.headlineMarker.isEmpty ? [] : headlines(document)
        documentGenders = nil
        // Only the rules read the scan (a rule set of lists alone has none).
        if !pipeline.hasRules {
            lines = DocumentLines()
        } else {
            timed("prerequisite texts") {
                lines.scan(bytes, with: pipeline.prerequisiteScanner, classCount: pipeline.spanClasses.count)
            }
        }
        let started = profile == nil ? 0 : monotonicNanoseconds()
        defer { if profile != nil { profile!.addStep("span class index", monotonicNanoseconds() - started) } }
        index = SpanClassIndex(classCount: pipeline.spanClasses.count)
        for lookup in document.lookups {
            let entry = pipeline.gazetteer.shapes[lookup.entry]
            for spanClass in pipeline.spanClassesOfGazetteerClass[Int(entry.classIndex)] {
                index.add(lookup.utf8Range, to: spanClass)
            }
        }
        index.seal(sorting: 0..<pipeline.spanClasses.count, in: bytes)
        nearWindows.removeAll(keepingCapacity: true)
        return document
    }

    /// The phases that find entities: all but the quote rules.
    private var entityPhases: Range<Int> { 0..<(pipeline.quotePhase ?? pipeline.phases.count) }

    /// Gazetteer spans and every entity phase (with name resolution where pipeline.conf puts it), then links.
    private func entities(of document: Document, bytes: UnsafeBufferPointer<UInt8>) throws -> [Span] {
        let accepted = try runPhases(entityPhases, on: document, bytes: bytes)
        return timed("links") { LinkResolver().resolve(accepted, bytes: bytes) }
    }

    /// What `nameWords(_:)` collects (`NameResolver.excludedFromEvidence`, `listed`, `particles`).
    struct NameWords {
        var excluded: OffsetSet = [], listed: OffsetSet = [], particles: OffsetSet = []
    }

    /// The capitalised words of the headline-case lines, with markers from the `headline-words:` classes.
    private func headlines(_ document: Document) -> [Range<Int>] {
        var markers = Set<Int>()
        for lookup in document.lookups where lookup.tokens.count == 1
            && pipeline.headlineMarker[Int(pipeline.gazetteer.shapes[lookup.entry].classIndex)] {
            markers.insert(lookup.tokens.lowerBound)
        }
        return HeadlineFinder.words(in: document.tokens) { markers.contains($0) }
    }

    /// Quoted regions, the quote rules' matches over them and the entities, and the quotes they make.
    private func quotes(of document: Document, entities: [Span], bytes: UnsafeBufferPointer<UInt8>) throws -> [Quote] {
        guard let phase = pipeline.quotePhase else { return [] }
        let regions = timed("quoted regions") {
            let regions = QuotedRegionScanner().regions(in: bytes)
            rebuildLabelIndex(entities, quoted: regions, bytes: bytes)
            return regions
        }
        var candidates: [QuoteCandidate] = []
        for rule in pipeline.phases[phase] {
            guard let groups = rule.quoteRule else { continue }
            try run(rule, bytes) { match in
                func first(_ numbers: [Int]) -> Range<Int>? {
                    numbers.lazy.compactMap { match.range(ofGroup: $0) }.first { !$0.isEmpty }
                }
                guard let quote = first(groups.quote) else { return }
                candidates.append(QuoteCandidate(quote: quote, speaker: first(groups.speaker), cue: first(groups.cue),
                                                 kind: groups.kind, rule: rule.id, priority: rule.priority, order: rule.order))
            }
        }
        return timed("quote attribution and speakers", count: candidates.count) {
            let speakers = SpeakerResolver(entities: entities, regions: regions, sentences: document.sentences,
                                           genders: genders(document), bytes: bytes)
            return QuoteAttributor(bytes: bytes, speakers: speakers).quotes(regions: regions, candidates: candidates)
        }
    }

    /// Gazetteer spans, then the given phases, each followed by the name resolution that pipeline.conf
    /// puts after it; returns the accepted spans.
    private func runPhases(_ phases: Range<Int>, on document: Document, bytes: UnsafeBufferPointer<UInt8>) throws -> [Span] {
        var accepted = timed("gazetteer spans") { pipeline.resolver.resolve(gazetteerSpans(document), order: order) }
        if phases.lowerBound == 0 { accepted = resolveNames(after: 0, accepted, in: document, bytes: bytes) }
        for phase in phases {
            defer { accepted = resolveNames(after: phase + 1, accepted, in: document, bytes: bytes) }
            guard !pipeline.phases[phase].isEmpty else { continue }
            timed("span class index") { rebuildLabelIndex(accepted, bytes: bytes) }
            // The accepted spans become the first candidates; moved, not copied (the rules append to them).
            var candidates: [Span] = []
            swap(&candidates, &accepted)
            var matchNumber = 0
            for rule in pipeline.phases[phase] {
                try run(rule, bytes) { match in
                    matchNumber += 1
                    for emit in rule.emits {
                        guard let range = match.range(ofGroup: emit.group), !range.isEmpty else { continue }
                        var span = Span(label: emit.label, utf8Range: range, rule: rule.id, priority: rule.priority,
                                        attributes: rule.attributes, match: phase << 24 | matchNumber, role: emit.name)
                        if let link = rule.links[emit.group],
                           let target = link.targets.lazy.compactMap({ match.range(ofGroup: $0) }).first {
                            span.pendingLink = Span.PendingLink(attribute: link.attribute, target: target)
                        }
                        candidates.append(span)
                    }
                }
            }
            accepted = timed("overlap resolution", count: candidates.count) { pipeline.resolver.resolve(candidates, order: order) }
        }
        return accepted
    }

    func order(_ span: Span) -> Int { pipeline.order[span.rule] ?? Int.max }

    /// Runs `body`, adding its time to the profile's step `name` when profiling.
    @inline(__always)
    func timed<T>(_ name: String, count: Int = 0, _ body: () throws -> T) rethrows -> T {
        guard profile != nil else { return try body() }
        let started = monotonicNanoseconds()
        defer { profile!.addStep(name, monotonicNanoseconds() - started, count: count) }
        return try body()
    }

    // MARK: - Span-class callouts

    /// `S<slot>`: a span of the slot's class starts here. `G<slot>`: the match is still inside the longest
    /// such span (bounds the lazy scan). `E<slot>`: a span that started at the slot's mark ends here.
    public override func callout(_ callout: RegexCallout) -> CalloutVerdict {
        callouts &+= 1
        let argument = callout.argument
        guard argument.count >= 2 else { return .fail }
        var slot = 0
        for i in 1..<argument.count { slot = slot &* 10 &+ Int(argument[i] &- 0x30) }
        guard slot < slotCount else { return .fail }
        let kind = argument[0]
        let start: Int
        if kind == UInt8(ascii: "S") {
            start = callout.position
            slotStart[slot] = start
            // Most S callouts find no span: the start bits say so without a search.
            if let bits = slotBits[slot], bits[start >> 6] & (1 << UInt64(start & 63)) == 0 { return .fail }
        } else if slotMarks[slot] == 0 {
            start = slotStart[slot]
        } else {
            guard let marked = callout.groupStart(slotMarks[slot]) else { return .fail }
            start = marked
        }
        if cachedStart[slot] != start {
            let spans = SpanClassIndex.spans(in: slotKeys[slot], startingAt: start)
            guard let longest = spans.last else { return .fail }
            cachedStart[slot] = start
            cachedMaxEnd[slot] = Int(longest & 0xFFFF_FFFF)
            cachedLow[slot] = spans.startIndex
            cachedHigh[slot] = spans.endIndex
        }
        switch kind {
        case UInt8(ascii: "S"):
            return .proceed
        case UInt8(ascii: "G"):
            return callout.position < cachedMaxEnd[slot] ? .proceed : .fail
        default:
            let keys = slotKeys[slot], end = UInt64(callout.position)
            for i in cachedLow[slot]..<cachedHigh[slot] where keys[i] & 0xFFFF_FFFF == end { return .proceed }
            return .fail
        }
    }
}
