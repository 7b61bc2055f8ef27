/// Quote scores: a predicted quote matches a gold quote when their content spans agree exactly, or overlap
/// by at least 80% or 30% (shared code points over the code points of either, the union — so a quote
/// twice as long as the gold one overlaps by 50%). Each gold quote is matched once, best overlap first.
/// On matched quotes (30% level) the harness also scores the kind and the speaker (canonical names
/// compared case-insensitively; a quote whose gold speaker has no name is not counted) and the speaker
/// mention (the predicted mention overlaps the gold one: for gold that marks mentions but does not
/// resolve them, as PolNeAR), and both together over every matched quote with a gold speaker: by canonical
/// name where the gold speaker has one (another mention of the same person is right), else by mention.
public struct QuoteScores: Sendable {
    public struct Level: Sendable {
        public var matched = 0, predicted = 0, gold = 0
        public var precision: Double { predicted > 0 ? Double(matched) / Double(predicted) : 0 }
        public var recall: Double { gold > 0 ? Double(matched) / Double(gold) : 0 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    }

    public var exact = Level(), overlap80 = Level(), overlap30 = Level()
    public var kindCorrect = 0, kindTotal = 0
    public var speakerCorrect = 0, speakerTotal = 0
    public var speakerMentionCorrect = 0, speakerMentionTotal = 0
    /// Over the quotes of `speakerMentionTotal`: the names agree where the gold has a name, else the mentions overlap.
    public var speakerEitherCorrect = 0
    public var kindAccuracy: Double { kindTotal > 0 ? Double(kindCorrect) / Double(kindTotal) : 0 }
    public var speakerAccuracy: Double { speakerTotal > 0 ? Double(speakerCorrect) / Double(speakerTotal) : 0 }
    public var speakerMentionAccuracy: Double {
        speakerMentionTotal > 0 ? Double(speakerMentionCorrect) / Double(speakerMentionTotal) : 0
    }
    public var speakerEitherAccuracy: Double {
        speakerMentionTotal > 0 ? Double(speakerEitherCorrect) / Double(speakerMentionTotal) : 0
    }

    public init() {}

    /// Adds one document's quotes.
    public mutating func add(gold: [QuoteSpan], predicted: [QuoteSpan]) {
        for (threshold, keyPath) in [(1.0, \QuoteScores.exact), (0.8, \QuoteScores.overlap80), (0.3, \QuoteScores.overlap30)] {
            let pairs = Self.match(gold: gold, predicted: predicted, threshold: threshold)
            self[keyPath: keyPath].matched += pairs.count
            self[keyPath: keyPath].predicted += predicted.count
            self[keyPath: keyPath].gold += gold.count
            guard threshold == 0.3 else { continue }
            for (g, p) in pairs {
                kindTotal += 1
                if gold[g].kind == predicted[p].kind { kindCorrect += 1 }
                if let goldSpeaker = gold[g].speaker {
                    let speaker = predicted[p].speaker, named = !goldSpeaker.name.isEmpty
                    let mention = speaker.map { $0.start < goldSpeaker.end && goldSpeaker.start < $0.end } ?? false
                    let person = named && (speaker.map { Self.sameName($0.name, goldSpeaker.name) } ?? false)
                    speakerMentionTotal += 1
                    if mention { speakerMentionCorrect += 1 }
                    if named { speakerTotal += 1 }
                    if person { speakerCorrect += 1 }
                    if named ? person : mention { speakerEitherCorrect += 1 }
                }
            }
        }
    }

    /// Shared code points over the union.
    static func overlap(_ a: QuoteSpan, _ b: QuoteSpan) -> Double {
        let shared = min(a.end, b.end) - max(a.start, b.start)
        guard shared > 0 else { return 0 }
        return Double(shared) / Double(max(a.end, b.end) - min(a.start, b.start))
    }

    /// One-to-one pairs (gold index, predicted index) at `threshold` (1.0: exact boundaries), best first.
    static func match(gold: [QuoteSpan], predicted: [QuoteSpan], threshold: Double) -> [(Int, Int)] {
        var candidates: [(Double, Int, Int)] = []
        for (g, a) in gold.enumerated() {
            for (p, b) in predicted.enumerated() {
                let score = threshold >= 1 ? ((a.start, a.end) == (b.start, b.end) ? 1 : 0) : overlap(a, b)
                if score >= threshold && score > 0 { candidates.append((score, g, p)) }
            }
        }
        candidates.sort { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }
        var goldUsed = Set<Int>(), predUsed = Set<Int>(), pairs: [(Int, Int)] = []
        for (_, g, p) in candidates where !goldUsed.contains(g) && !predUsed.contains(p) {
            goldUsed.insert(g); predUsed.insert(p); pairs.append((g, p))
        }
        return pairs
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.lowercased().split(separator: " ") == b.lowercased().split(separator: " ")
    }
}
