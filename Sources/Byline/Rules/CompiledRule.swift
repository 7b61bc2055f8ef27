import BylineText

/// A rule ready to run: its expanded pattern compiled (and JIT-compiled) by PCRE2.
public final class CompiledRule: @unchecked Sendable {
    public let id: String
    public let location: SourceLocation
    /// The index of the phase (rule file) it belongs to, from 0.
    public let phase: Int
    /// Its position among all rules and lists of the rule set; breaks the last ties in overlap resolution.
    public let order: Int
    public let pattern: RegexPattern
    /// Capture group number → (group name, label).
    public let emits: [(group: Int, name: String, label: String)]
    public let priority: Int
    public let attributes: [String: String]
    public let examples: [RuleExample]
    /// For a quote rule (`quote:` line): what it finds, and the numbers of its `quote`, `speaker` and `cue`
    /// groups (a name may be used by several alternatives' groups).
    public let quoteRule: QuoteRuleGroups?
    /// `link:` lines: group number of an emitted span → (attribute name, group numbers of the target).
    let links: [Int: (attribute: String, targets: [Int])]
    /// Callout slot → span class index.
    let slots: [Int]
    /// Callout slot → number of the empty group that marks where the slot's span starts, or 0 when the
    /// slot has none and its `S` callout's position is the start (`SlotMarks`).
    let slotMarks: [Int]
    /// When every match must start where a span of one of `startSlots`' classes starts
    /// (`Prerequisites.startSlots`): the pattern compiled anchored, so the rule is tried at those starts
    /// only instead of at every byte.
    let anchoredPattern: RegexPattern?
    /// The slots whose spans' starts the anchored pattern is tried at (empty without one).
    let startSlots: [Int]
    /// `pattern` and `anchoredPattern` as they walk through a span class's spans a word run at a time; these
    /// walk one character at a time, for documents where some span ends inside a word (nil without span classes).
    let exactPattern: RegexPattern?
    let exactAnchoredPattern: RegexPattern?
    /// The span class of `near:`: the rule runs only on the lines around spans of it.
    let near: [Near]
    /// The span classes of `outside:`: no match starts inside their spans.
    let outside: [Int]
    /// `needs:` lines, each a list of texts (UTF-8): the rule runs only on lines holding one text of each.
    let needs: [[[UInt8]]]
    /// What every match needs on its line, worked out from the pattern (nil: nothing to check).
    let prerequisites: Prerequisites?

    /// A `near:` line with its class resolved.
    struct Near: Sendable {
        let spanClass: Int
        let scope: RuleSource.NearScope
    }

    /// `expanded` is the pattern with span classes walked by word runs, `exactExpanded` the same walked by
    /// characters; `startSlots`, where every match starts (`Prerequisites.startSlots`).
    init(source: RuleSource, phase: Int, order: Int, expanded: String, exactExpanded: String, slots: [Int],
         startSlots: [Int]? = nil, near: [Near] = [], outside: [Int] = [], prerequisites: Prerequisites? = nil) throws {
        // Only slots inside a repeated group keep the capture group that marks their start (`SlotMarks`).
        let marked = SlotMarks.repeatedSlots(in: expanded)
        let expanded = SlotMarks.removingMarks(from: expanded, keeping: marked)
        let exactExpanded = SlotMarks.removingMarks(from: exactExpanded, keeping: marked)
        var options: RegexPattern.Options = near.isEmpty && outside.isEmpty && source.needs.isEmpty && prerequisites == nil ? [] : .offsetLimit
        self.prerequisites = prerequisites
        self.near = near
        self.outside = outside
        needs = source.needs.map { $0.map { Array($0.utf8) } }
        for flag in source.flags {
            switch flag {
            case "caseless": options.insert(.caseless)
            case "extended": options.insert(.extended)
            case "dotall": options.insert(.dotAll)
            case "multiline": options.insert(.multiline)
            default: break
            }
        }
        let location = source.patternLocation ?? source.location
        do {
            pattern = try RegexPattern(expanded, options: options.union(.startHint))
        } catch let error as TextError {
            var message = error.description
            if case .patternSyntax(let text, let offset) = error {
                message = "pattern of rule \(source.id) does not compile: \(text) (at offset \(offset) of the expanded pattern: …\(Self.excerpt(expanded, around: offset))…)"
            }
            throw ResourceError(location, message)
        }
        var emits: [(Int, String, String)] = []
        let numbered = pattern.groupNames.filter { !$0.name.hasPrefix(SpanClass.markPrefix) }
        for (group, label) in source.emits {
            let numbers = numbered.filter { $0.name == group }.map(\.number)
            guard !numbers.isEmpty else {
                let known = Set(numbered.map(\.name)).sorted()
                throw ResourceError(source.location, "rule \(source.id) emits group '\(group)', which its pattern does not have (named groups: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
            for number in numbers { emits.append((number, group, label)) }
        }
        func numbers(of group: String) -> [Int] { numbered.filter { $0.name == group }.map(\.number) }
        if let kind = source.quoteKind {
            guard !numbers(of: "quote").isEmpty else {
                throw ResourceError(source.location, "quote rule \(source.id) has no group named 'quote' (the quoted or reported content)")
            }
            quoteRule = QuoteRuleGroups(kind: kind == "indirect" ? .indirect : .quoted, quote: numbers(of: "quote"),
                                        speaker: numbers(of: "speaker"), cue: numbers(of: "cue"))
        } else {
            quoteRule = nil
        }
        var links: [Int: (String, [Int])] = [:]
        for (from, to) in source.links {
            let sources = emits.filter { $0.1 == from }.map(\.0), targets = numbers(of: to)
            guard !sources.isEmpty, !targets.isEmpty else {
                throw ResourceError(source.location, "rule \(source.id) links '\(from)' to '\(to)', but '\(sources.isEmpty ? from : to)' is not \(sources.isEmpty ? "an emitted group" : "a group of its pattern")")
            }
            for number in sources { links[number] = (to, targets) }
        }
        self.links = links
        self.id = source.id
        self.location = source.location
        self.phase = phase
        self.order = order
        self.emits = emits.sorted { $0.0 < $1.0 }
        self.priority = source.priority
        self.attributes = source.attributes
        self.examples = source.examples
        self.slots = slots
        let anchored = startSlots != nil
        self.startSlots = startSlots ?? []
        anchoredPattern = anchored ? try? RegexPattern(expanded, options: options.union(.anchored)) : nil
        exactPattern = slots.isEmpty ? nil : try RegexPattern(exactExpanded, options: options.union(.startHint))
        exactAnchoredPattern = anchored ? try? RegexPattern(exactExpanded, options: options.union(.anchored)) : nil
        let groupNumbers = pattern.groupNumbers
        self.slotMarks = slots.indices.map { groupNumbers["\(SpanClass.markPrefix)\($0)"] ?? 0 }
    }

    private static func excerpt(_ text: String, around offset: Int) -> String {
        let utf8 = Array(text.utf8)
        let start = max(0, offset - 20), end = min(utf8.count, offset + 20)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

/// The groups of a quote rule.
public struct QuoteRuleGroups: Sendable {
    public enum Kind: Sendable {
        /// Attributes a quoted region (`{QUOTED}`); whether it is direct or partial follows from where it stands.
        case quoted
        /// Reported speech: the `quote` group is the reported clause.
        case indirect
    }
    public let kind: Kind
    public let quote: [Int]
    public let speaker: [Int]
    public let cue: [Int]
}
