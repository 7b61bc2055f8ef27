import BylineText
import Foundation

/// A loaded rule set: gazetteer, abbreviations and compiled rules in phases. Immutable and shared by all
/// threads; each thread annotates through its own `Annotator` (`makeAnnotator()`).
///
/// Loading checks everything a rule author can get wrong and reports it as `file:line: reason`: syntax,
/// unknown macros, patterns that do not compile, groups that do not exist, duplicate ids, and examples that
/// fail.
public final class Pipeline: @unchecked Sendable {
    public let configuration: PipelineConfiguration?
    public let outputLabels: [String]
    public let gazetteer: Gazetteer
    /// What the gazetteer cache did when `load` was given one (nil without a cache or a gazetteer).
    public private(set) var gazetteerCacheOutcome: GazetteerCache.Outcome?
    public let abbreviations: AbbreviationList
    /// Rules by phase, in file order; the quote rules, if any, are the last phase.
    public let phases: [[CompiledRule]]
    /// The index of the phase of quote rules (`quotes:` in pipeline.conf).
    public let quotePhase: Int?
    public let resolver: OverlapResolver
    public let limits: MatchLimits
    let spanClasses: [SpanClass]
    /// Gazetteer class index → the span classes that include it.
    let spanClassesOfGazetteerClass: [[Int]]
    /// Label → its span class, for labels that rules refer to.
    let spanClassOfLabel: [String: Int]
    /// Tie-break order of each rule id and list rule id.
    let order: [String: Int]
    /// Gazetteer class index → how its words are ambiguous when they are also names (`common-words:`,
    /// `date-words:`, `sentence-words:`); name resolution asks the context before it takes one as a name.
    let commonWordKind: [CommonWordKind?]
    /// Per gazetteer class: its words are never part of a name found by evidence (`evidence-excludes:`).
    let excludedFromEvidence: [Bool]
    /// Per gazetteer class: its words are name particles (`name-particles:`).
    let nameParticle: [Bool]
    /// Per gazetteer class: its capitalised words mark a headline-case line (`headline-words:`); empty
    /// without that line, and then `{HEADLINE}` is no class.
    let headlineMarker: [Bool]
    /// The texts of every rule's `Prerequisites` and `needs:` lines, found line by line in one pass over a document.
    let prerequisiteScanner: TextAtomScanner
    /// Per rule (in `rules` order): its prerequisites as the annotator checks them, or nil.
    let prerequisiteChecks: [PrerequisiteCheck?]
    /// Per rule (in `rules` order): its `needs:` lines as sets of the scanner's texts.
    let needsTextSets: [[[UInt64]]]

    /// Every rule, in order.
    public var rules: [CompiledRule] { phases.flatMap { $0 } }
    /// Whether the rule set has any rule (a rule set of lists alone has none).
    public let hasRules: Bool
    /// Whether annotating reads the text's sentences: its rules (`near: … sentence`), quote attribution
    /// and name resolution do; a rule set of lists alone does not (`Annotator.findsSentences`).
    public let readsSentences: Bool

    /// Loads `pipeline.conf` and everything it names.
    /// - Parameters:
    ///   - checkExamples: run every rule's examples (on by default; loading fails if one fails).
    ///   - cache: where the compiled gazetteer is kept between runs (`GazetteerCache`); nil builds it from
    ///     the lists every time.
    public static func load(configuration url: URL, checkExamples: Bool = true, cache: GazetteerCache? = nil) throws -> Pipeline {
        let configuration = try PipelineConfiguration.parse(url)
        var abbreviations = AbbreviationList.english
        if let file = configuration.abbreviations {
            var errors: [ResourceError] = []
            for (index, line) in ResourceText.lines(try ResourceText.read(file)).enumerated() {
                do {
                    if let (form, kind) = try AbbreviationList.parse(line: line) { abbreviations.add(form, kind: kind) }
                } catch {
                    errors.append(ResourceError(SourceLocation(file: file.path, line: index + 1), "\(error)"))
                }
            }
            if !errors.isEmpty { throw ResourceErrors(errors) }
        }
        let (gazetteer, outcome): (Gazetteer, GazetteerCache.Outcome?) = try {
            guard let definitions = configuration.gazetteer else { return (try Gazetteer(), nil) }
            guard let cache else { return (try Gazetteer.load(definitions: definitions), nil) }
            return try cache.gazetteer(definitions: definitions)
        }()
        var files: [RuleFile] = []
        var errors: [ResourceError] = []
        for phase in configuration.phases + (configuration.quotes.map { [$0] } ?? []) {
            do {
                files.append(try RuleFileParser.parse(try ResourceText.read(phase.url), path: phase.url.path))
            } catch let error as ResourceErrors {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        let pipeline = try Pipeline(configuration: configuration, outputLabels: configuration.outputLabels,
                                    nesting: configuration.nesting, gazetteer: gazetteer,
                                    abbreviations: abbreviations, ruleFiles: files,
                                    quoteFile: configuration.quotes == nil ? nil : files.count - 1, limits: configuration.limits)
        pipeline.gazetteerCacheOutcome = outcome
        if checkExamples { try pipeline.checkExamples() }
        return pipeline
    }

    /// Builds a pipeline from parsed parts (also used by tests and by `load`).
    init(configuration: PipelineConfiguration?, outputLabels: [String], nesting: Set<NestRule>, gazetteer: Gazetteer,
         abbreviations: AbbreviationList, ruleFiles: [RuleFile], quoteFile: Int? = nil, limits: MatchLimits) throws {
        var spanClasses: [SpanClass] = []
        var spanClassByName: [String: Int] = [:]
        var order: [String: Int] = [:]
        for (index, list) in gazetteer.lists.enumerated() { order[list.ruleID] = index }
        var producedLabels = Set(gazetteer.lists.compactMap(\.emitLabel))
        if configuration?.headlineClasses.isEmpty == false { producedLabels.insert(HeadlineFinder.label) }
        var macros: [String: MacroDefinition] = [:]
        var phases: [[CompiledRule]] = []
        var ruleLocations: [String: SourceLocation] = [:]
        var errors: [ResourceError] = []

        for (phaseIndex, file) in ruleFiles.enumerated() {
            for macro in file.macros {
                if let earlier = macros[macro.name] {
                    errors.append(ResourceError(macro.location, "macro \(macro.name) is already defined at \(earlier.location)"))
                }
                macros[macro.name] = macro
            }
            let isQuotePhase = phaseIndex == quoteFile
            let labelsBefore = isQuotePhase ? producedLabels.union([QuoteAttributor.quotedLabel]) : producedLabels
            var expander = MacroExpander(macros: macros, resolveSpanClass: { name in
                if let known = spanClassByName[name] {
                    if case .label(let label) = spanClasses[known].source, !labelsBefore.contains(label) { return nil }
                    return known
                }
                let spanClass: SpanClass
                if name.first?.isUppercase == true {
                    guard labelsBefore.contains(name) else { return nil }
                    spanClass = switch name {
                    case QuoteAttributor.quotedLabel: SpanClass.quoted
                    case HeadlineFinder.label: SpanClass.headline
                    default: SpanClass.label(name)
                    }
                } else {
                    let indices = gazetteer.classIndices(named: name)
                    guard !indices.isEmpty else { return nil }
                    spanClass = SpanClass.gazetteer(name: name, classIndices: indices, in: gazetteer)
                }
                spanClassByName[name] = spanClasses.count
                spanClasses.append(spanClass)
                return spanClasses.count - 1
            }, explainUnknown: { name in
                if name.first?.isUppercase == true {
                    return "not a macro defined so far, nor a label produced by the gazetteer or an earlier phase (labels so far: \(labelsBefore.sorted().joined(separator: ", ")))"
                }
                return "no gazetteer class '\(name)' (classes: \(Set(gazetteer.classes.map { String($0.split(separator: "/")[0]) }).sorted().joined(separator: ", ")))"
            })
            var compiled: [CompiledRule] = []
            for source in file.rules {
                if let earlier = ruleLocations[source.id] {
                    errors.append(ResourceError(source.location, "rule id \(source.id) is already used at \(earlier)"))
                    continue
                }
                ruleLocations[source.id] = source.location
                if isQuotePhase != (source.quoteKind != nil) {
                    errors.append(ResourceError(source.location, isQuotePhase
                        ? "rule \(source.id) is in the quote rules but has no 'quote:' line (quote: quoted|indirect)"
                        : "rule \(source.id) has a 'quote:' line but is not in the quote rules (quotes: in pipeline.conf)"))
                    continue
                }
                do {
                    expander.spanClassText = { index, slot in spanClasses[index].expansion(slot: slot, stepping: .characters) }
                    let (exactExpanded, _) = try expander.expand(source.pattern, at: source.patternLocation ?? source.location)
                    expander.spanClassText = { index, slot in spanClasses[index].expansion(slot: slot, stepping: .wordRuns) }
                    let (expanded, slots) = try expander.expand(source.pattern, at: source.patternLocation ?? source.location)
                    // For `Prerequisites`: each class a bare callout, so the analysis sees where spans start.
                    expander.spanClassText = { _, slot in #"(?C"S\#(slot)")"# }
                    let (analysed, _) = try expander.expand(source.pattern, at: source.patternLocation ?? source.location)
                    let analysis = PatternAnalyzer.analyse(analysed, caseless: source.flags.contains("caseless"),
                                                           extended: source.flags.contains("extended"))
                    var near: [CompiledRule.Near] = []
                    for line in source.near {
                        guard let known = expander.resolveSpanClass(line.className) else {
                            throw ResourceError(source.location, "rule \(source.id): near: \(line.className) is \(expander.explainUnknown(line.className))")
                        }
                        near.append(CompiledRule.Near(spanClass: known, scope: line.scope))
                    }
                    var outside: [Int] = []
                    for name in source.outside {
                        guard let known = expander.resolveSpanClass(name) else {
                            throw ResourceError(source.location, "rule \(source.id): outside: \(name) is \(expander.explainUnknown(name))")
                        }
                        outside.append(known)
                    }
                    let rule = try CompiledRule(source: source, phase: phaseIndex, order: order.count,
                                                expanded: expanded, exactExpanded: exactExpanded, slots: slots,
                                                startSlots: analysis.flatMap(Prerequisites.startSlots), near: near, outside: outside,
                                                prerequisites: analysis.flatMap(Prerequisites.of))
                    order[rule.id] = rule.order
                    compiled.append(rule)
                } catch let error as ResourceError {
                    errors.append(error)
                }
            }
            for rule in compiled { producedLabels.formUnion(rule.emits.map(\.label)) }
            phases.append(compiled)
        }
        var commonWordKind = [CommonWordKind?](repeating: nil, count: gazetteer.classes.count)
        for (name, kind, location) in configuration?.commonWordClasses ?? [] {
            let indices = gazetteer.classIndices(named: name)
            if indices.isEmpty { errors.append(ResourceError(location, "no gazetteer class '\(name)'")) }
            for index in indices { commonWordKind[index] = kind }
        }
        /// Per gazetteer class: whether one of the named classes (`evidence-excludes:`, …) holds it.
        func flags(_ named: [(name: String, location: SourceLocation)]) -> [Bool] {
            var flags = [Bool](repeating: false, count: gazetteer.classes.count)
            for (name, location) in named {
                let indices = gazetteer.classIndices(named: name)
                if indices.isEmpty { errors.append(ResourceError(location, "no gazetteer class '\(name)'")) }
                for index in indices { flags[index] = true }
            }
            return flags
        }
        let excludedFromEvidence = flags(configuration?.evidenceExcludedClasses ?? [])
        let nameParticle = flags(configuration?.particleClasses ?? [])
        let headlineClasses = configuration?.headlineClasses ?? []
        let headlineMarker = headlineClasses.isEmpty ? [] : flags(headlineClasses)
        if !errors.isEmpty { throw ResourceErrors(errors) }

        var ofClass = [[Int]](repeating: [], count: gazetteer.classes.count)
        var ofLabel: [String: Int] = [:]
        for (index, spanClass) in spanClasses.enumerated() {
            switch spanClass.source {
            case .gazetteer(let classIndices): for c in classIndices { ofClass[c].append(index) }
            case .label(let label): ofLabel[label] = index
            }
        }
        self.configuration = configuration
        self.outputLabels = outputLabels
        self.gazetteer = gazetteer
        self.abbreviations = abbreviations
        self.phases = phases
        self.quotePhase = quoteFile
        self.resolver = OverlapResolver(nesting: nesting)
        self.limits = limits
        self.spanClasses = spanClasses
        self.spanClassesOfGazetteerClass = ofClass
        self.spanClassOfLabel = ofLabel
        self.order = order
        self.commonWordKind = commonWordKind
        self.excludedFromEvidence = excludedFromEvidence
        self.nameParticle = nameParticle
        self.headlineMarker = headlineMarker
        (prerequisiteScanner, prerequisiteChecks, needsTextSets) = PrerequisiteCheck.compile(phases.flatMap { $0 })
        hasRules = phases.contains { !$0.isEmpty }
        readsSentences = hasRules || quoteFile != nil || !(configuration?.resolveSteps ?? []).isEmpty
            || !(configuration?.repeatSteps ?? []).isEmpty
    }

    /// A new annotator for the calling thread.
    public func makeAnnotator() throws -> Annotator { try Annotator(self) }

    /// Runs every rule's examples; throws every failure as `file:line: reason`.
    public func checkExamples() throws {
        guard phases.contains(where: { $0.contains { !$0.examples.isEmpty } }) else { return }
        let annotator = try makeAnnotator()
        var errors: [ResourceError] = []
        for rule in rules {
            for example in rule.examples {
                do {
                    let matches = try annotator.matches(of: rule, in: example.text)
                    if example.mustMatch {
                        if matches.isEmpty {
                            errors.append(ResourceError(example.location, "rule \(rule.id) does not match its example \"\(example.text)\""))
                        }
                        for (group, expected) in example.expected where !matches.contains(where: { $0[group] == expected }) {
                            let found = matches.compactMap { $0[group] }.map { "\"\($0)\"" }
                            errors.append(ResourceError(example.location, "rule \(rule.id): expected \(group)=\"\(expected)\" in \"\(example.text)\", found \(found.isEmpty ? "no \(group)" : found.joined(separator: ", "))"))
                        }
                    } else if let first = matches.first {
                        let shown = first.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: " ")
                        errors.append(ResourceError(example.location, "rule \(rule.id) matches its counter-example \"\(example.text)\" (\(shown))"))
                    }
                } catch {
                    errors.append(ResourceError(example.location, "rule \(rule.id) failed on its example: \(error)"))
                }
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
    }
}
