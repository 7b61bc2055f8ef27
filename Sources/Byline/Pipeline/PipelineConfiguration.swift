import BylineText
import Foundation

/// The rule set's main file (`Rules/pipeline.conf`): which labels are output, which may nest, where the
/// gazetteer lists are, and the rule files in phase order. One `key: value` per line, `#` comments:
///
///     labels: PERSON TITLE PLACE
///     nest: PLACE in TITLE
///     gazetteer: ../Gazetteers/lists.def
///     abbreviations: abbreviations.tsv
///     match-limit: 2000000
///     phase: people.rules
///     phase: titles.rules
///     resolve: PERSON
///     repeat: PLACE
///     common-words: person/surname-common person/first-common
///     date-words: stop/month stop/day stop/holiday
///     sentence-words: stop/word
///     evidence-excludes: stop title demonym person/honorific cue place/country
///     name-particles: person/particle
///     headline-words: stop/word
///     quotes: quotes.rules
///
/// `quotes: FILE` names the quote rules, which run last, over the entities and the quoted regions
/// (`{QUOTED}`), and attribute quotes (`QuoteAttributor`). `resolve: LABEL` turns on in-document name resolution for that label after the phases listed above
/// it (the phases below see its names): a full name found once makes its short form a name everywhere in
/// the document (`NameResolver`). `repeat: LABEL`, after the phases above it: a name a rule found by its
/// context is that label too where the document repeats it alone (`RepeatResolver`). The next three
/// name gazetteer classes of words that are also names, which a short form is only where the context
/// shows a name (`NameResolver.nameContext`): `common-words:` ("Young", "Rice": not "Young people" at
/// a sentence start), `date-words:` ("May": not "in May", "May 5"), `sentence-words:` (words that
/// open sentences, as "He": at a sentence start, the person only when that person was the last named).
/// `evidence-excludes:` turns on names found by evidence elsewhere in the document ("Tigist Alemu" when
/// the document also writes "Alemu, who won…"; `NameResolver.evidencedPairs`) and names the gazetteer
/// classes whose words are never part of such a name. `name-particles:` names the classes of name
/// particles ("le", "van", "de"): the short form of "Yann Le Goff" is then "Le Goff", not "Goff".
/// `headline-words:` names the classes of words that mark a line in headline case when capitalised after
/// its first word ("The", "Of", "As"), and turns on the built-in class `{HEADLINE}`: the capitalised words of
/// such lines (`HeadlineFinder`).
/// Paths are relative to the file.
public struct PipelineConfiguration: Sendable {
    public var url: URL
    public var outputLabels: [String] = []
    public var nesting: Set<NestRule> = []
    public var gazetteer: URL?
    public var abbreviations: URL?
    public var phases: [(url: URL, location: SourceLocation)] = []
    public var limits = MatchLimits.standard
    /// Labels whose short forms are resolved within a document.
    public var resolveLabels: [String] { resolveSteps.map(\.label) }
    /// Each `resolve:` label with the number of `phase:` lines before it: resolution runs after that
    /// many phases (so rules of later phases see the names it found).
    public var resolveSteps: [(label: String, afterPhases: Int)] = []
    /// Each `repeat:` label with the number of `phase:` lines before it (see `RepeatResolver`).
    public var repeatSteps: [(label: String, afterPhases: Int)] = []
    /// Gazetteer classes of words that are also names (`common-words:`, `date-words:`,
    /// `sentence-words:`), each with the line that named it.
    public var commonWordClasses: [(name: String, kind: CommonWordKind, location: SourceLocation)] = []
    /// Gazetteer classes whose words are never part of a name found by evidence (`evidence-excludes:`).
    public var evidenceExcludedClasses: [(name: String, location: SourceLocation)] = []
    /// Gazetteer classes of name particles, which stay with the surname in a short form (`name-particles:`).
    public var particleClasses: [(name: String, location: SourceLocation)] = []
    /// Gazetteer classes whose capitalised words mark a headline-case line (`headline-words:`).
    public var headlineClasses: [(name: String, location: SourceLocation)] = []
    /// The quote rule file, if quotes are extracted.
    public var quotes: (url: URL, location: SourceLocation)?

    public static func parse(_ url: URL) throws -> PipelineConfiguration {
        var configuration = PipelineConfiguration(url: url)
        let base = url.deletingLastPathComponent()
        var errors: [ResourceError] = []
        func resolve(_ path: String, _ location: SourceLocation) -> URL? {
            let target = ResourceText.resolve(path, relativeTo: base)
            guard FileManager.default.fileExists(atPath: target.path) else {
                errors.append(ResourceError(location, "file '\(path)' not found (looked for \(target.path))"))
                return nil
            }
            return target
        }
        for (index, line) in ResourceText.lines(try ResourceText.read(url)).enumerated() {
            let location = SourceLocation(file: url.path, line: index + 1)
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                errors.append(ResourceError(location, "expected 'key: value'"))
                continue
            }
            let key = trimmed[..<colon].trimmingWhitespace
            let value = String(trimmed[trimmed.index(after: colon)...].trimmingWhitespace)
            let words = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            switch key {
            case "labels":
                configuration.outputLabels += words
            case "nest":
                guard words.count == 3, words[1] == "in" else {
                    errors.append(ResourceError(location, "expected 'nest: INNER in OUTER'"))
                    continue
                }
                configuration.nesting.insert(NestRule(inner: words[0], outer: words[2]))
            case "gazetteer":
                configuration.gazetteer = resolve(value, location)
            case "abbreviations":
                configuration.abbreviations = resolve(value, location)
            case "phase":
                if let file = resolve(value, location) { configuration.phases.append((file, location)) }
            case "quotes":
                if configuration.quotes != nil {
                    errors.append(ResourceError(location, "only one 'quotes:' file"))
                } else if let file = resolve(value, location) {
                    configuration.quotes = (file, location)
                }
            case "resolve":
                configuration.resolveSteps += words.map { ($0, configuration.phases.count) }
            case "repeat":
                configuration.repeatSteps += words.map { ($0, configuration.phases.count) }
            case "common-words", "date-words", "sentence-words":
                let kind: CommonWordKind = key == "common-words" ? .word : key == "date-words" ? .date : .sentenceWord
                configuration.commonWordClasses += words.map { ($0, kind, location) }
            case "evidence-excludes":
                configuration.evidenceExcludedClasses += words.map { ($0, location) }
            case "name-particles":
                configuration.particleClasses += words.map { ($0, location) }
            case "headline-words":
                configuration.headlineClasses += words.map { ($0, location) }
            case "match-limit":
                guard let limit = UInt32(value), limit > 0 else {
                    errors.append(ResourceError(location, "match-limit must be a positive whole number"))
                    continue
                }
                configuration.limits.matchLimit = limit
            default:
                errors.append(ResourceError(location, "unknown key '\(key)' (expected labels, nest, gazetteer, abbreviations, phase, resolve, repeat, common-words, date-words, sentence-words, evidence-excludes, name-particles, headline-words, quotes, match-limit)"))
            }
        }
        if configuration.outputLabels.isEmpty {
            errors.append(ResourceError(SourceLocation(file: url.path, line: 0), "no 'labels:' line: name the labels to output"))
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return configuration
    }
}

/// How a word that is also a name is ambiguous (see `PipelineConfiguration`).
public enum CommonWordKind: Sendable, Equatable {
    /// A common word ("Young", "Rice"): ambiguous at a sentence start.
    case word
    /// A month, day or holiday ("May"): also not a name after "in", "by", … or beside a number.
    case date
    /// A word that opens sentences ("He"): at a sentence start, only the last-named person.
    case sentenceWord
}

/// A set of `CommonWordKind`s as bits (a word's kinds in a document: no set allocated per word).
struct CommonWordKinds: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ kind: CommonWordKind) {
        switch kind {
        case .word: rawValue = 1
        case .date: rawValue = 2
        case .sentenceWord: rawValue = 4
        }
    }

    func contains(_ kind: CommonWordKind) -> Bool { contains(CommonWordKinds(kind)) }
}
