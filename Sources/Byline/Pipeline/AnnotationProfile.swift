#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where annotation time goes: per step of the pipeline and per rule, summed over every document an
/// `Annotator` has annotated since profiling was switched on (`Annotator.profile`). Rule authors read it
/// to find the rule that makes a run slow (`byline annotate --profile`).
public struct AnnotationProfile: Sendable {
    /// Time and output of one step or rule.
    public struct Entry: Sendable {
        public var nanoseconds: UInt64 = 0
        /// Matches (for a rule) or items produced (for a step).
        public var count = 0
        /// For a rule: bytes of text its find-all scans covered (its windows, or whole documents).
        public var scannedBytes = 0
        /// For a rule: anchored attempts (one per span start of its first class that was tried).
        public var anchoredAttempts = 0
        /// For a rule: span-class callouts its matching made (each a call out of the regex engine).
        public var callouts = 0
    }
    /// Steps in the order they run: tokenize, gazetteer, resolve, quotes…
    public private(set) var steps: [(name: String, entry: Entry)] = []
    /// Rule id → time and matches.
    public private(set) var rules: [String: Entry] = [:]
    public var documents = 0
    public var bytes = 0

    public init() {}

    mutating func addStep(_ name: String, _ nanoseconds: UInt64, count: Int = 0) {
        if let i = steps.firstIndex(where: { $0.name == name }) {
            steps[i].entry.nanoseconds += nanoseconds
            steps[i].entry.count += count
        } else {
            steps.append((name, Entry(nanoseconds: nanoseconds, count: count)))
        }
    }

    mutating func addRule(_ id: String, _ nanoseconds: UInt64, matches: Int, scannedBytes: Int = 0, anchoredAttempts: Int = 0,
                          callouts: Int = 0) {
        rules[id, default: Entry()].nanoseconds += nanoseconds
        rules[id, default: Entry()].count += matches
        rules[id, default: Entry()].scannedBytes += scannedBytes
        rules[id, default: Entry()].anchoredAttempts += anchoredAttempts
        rules[id, default: Entry()].callouts += callouts
    }

    /// Adds another profile (another thread's) to this one.
    public mutating func merge(_ other: AnnotationProfile) {
        for (name, entry) in other.steps { addStep(name, entry.nanoseconds, count: entry.count) }
        for (id, entry) in other.rules {
            addRule(id, entry.nanoseconds, matches: entry.count, scannedBytes: entry.scannedBytes, anchoredAttempts: entry.anchoredAttempts,
                    callouts: entry.callouts)
        }
        documents += other.documents
        bytes += other.bytes
    }

    /// A table for a terminal: steps, then rules slowest first, with seconds, share and MB/s; for each rule
    /// also the share of the text its scans covered and how many anchored attempts it made (what a rule's
    /// `near:`, `outside:` and prerequisites leave it to try), and its span-class callouts.
    public func report() -> String {
        let ruleTotal = rules.values.reduce(UInt64(0)) { $0 + $1.nanoseconds }
        let total = steps.reduce(UInt64(0)) { $0 + $1.entry.nanoseconds } + ruleTotal
        func seconds(_ ns: UInt64) -> String { String(format3(Double(ns) / 1e9)) }
        func share(_ ns: UInt64) -> String { total == 0 ? "-" : "\(Int((Double(ns) * 100 / Double(total)).rounded()))%" }
        var lines = ["profile: \(documents) documents, \(bytes) bytes, \(seconds(total)) s in the annotator (\(total == 0 ? "-" : format3(Double(bytes) / 1e6 / (Double(total) / 1e9))) MB/s)"]
        lines.append(pad("step", 40) + pad("seconds", 10, right: true) + pad("share", 7, right: true) + pad("items", 10, right: true))
        for (name, entry) in steps {
            lines.append(pad(name, 40) + pad(seconds(entry.nanoseconds), 10, right: true) + pad(share(entry.nanoseconds), 7, right: true) + pad("\(entry.count)", 10, right: true))
        }
        lines.append(pad("rules (below)", 40) + pad(seconds(ruleTotal), 10, right: true) + pad(share(ruleTotal), 7, right: true) + pad("\(rules.values.reduce(0) { $0 + $1.count })", 10, right: true))
        lines.append(pad("rule", 40) + pad("seconds", 10, right: true) + pad("share", 7, right: true) + pad("matches", 10, right: true)
                     + pad("scanned", 9, right: true) + pad("anchored", 10, right: true) + pad("callouts", 10, right: true))
        for (id, entry) in rules.sorted(by: { ($0.value.nanoseconds, $1.key) > ($1.value.nanoseconds, $0.key) }) {
            let scanned = bytes == 0 ? "-" : "\(format1(Double(entry.scannedBytes) * 100 / Double(bytes)))%"
            lines.append(pad(id, 40) + pad(seconds(entry.nanoseconds), 10, right: true) + pad(share(entry.nanoseconds), 7, right: true) + pad("\(entry.count)", 10, right: true)
                         + pad(scanned, 9, right: true) + pad("\(entry.anchoredAttempts)", 10, right: true)
                         + pad("\(entry.callouts)", 10, right: true))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    private func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        var text = "\(scaled)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 3 { text += String(repeating: "0", count: 3 - decimals) }
        }
        return text
    }
}

/// Monotonic nanoseconds, for profiling.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
