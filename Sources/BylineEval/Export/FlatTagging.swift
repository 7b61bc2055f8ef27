/// Token tags for formats that hold one label per token (CoNLL columns, Hugging Face token
/// classification), where nested spans cannot live.
///
/// Policy for nested and overlapping spans: the outermost span wins — spans are taken longest first
/// (then leftmost), and a span that overlaps one already taken is left out ("UK" inside the TITLE
/// "UK Foreign Secretary" is dropped; the TITLE stays). A token belongs to a span when it overlaps it;
/// a span that starts or ends inside a token is counted as misaligned (its tokens are still tagged).
public struct FlatTagging: Sendable {
    /// How tags mark where an entity begins and ends.
    public typealias Scheme = ColumnReader.Scheme

    public var scheme: Scheme
    /// Renames labels on the way out (`PERSON` → `PER`).
    public var labelMap: [String: String]

    public init(scheme: Scheme = .iob2, labelMap: [String: String] = [:]) {
        self.scheme = scheme
        self.labelMap = labelMap
    }

    /// What tagging a document left out or bent.
    public struct Losses: Sendable {
        /// Spans dropped because they sit inside or across another span.
        public var nested = 0
        /// Spans whose bounds fall inside a token.
        public var misaligned = 0
        public init() {}
        public mutating func add(_ other: Losses) {
            nested += other.nested
            misaligned += other.misaligned
        }
    }

    /// The spans that survive the nesting policy, sorted by start.
    public static func outermost(_ spans: [EntitySpan]) -> (kept: [EntitySpan], dropped: Int) {
        let byLength = spans.filter { $0.end > $0.start }.sorted {
            ($0.length, -$0.start) > ($1.length, -$1.start)
        }
        var kept: [EntitySpan] = []
        for span in byLength where !kept.contains(where: { $0.start < span.end && span.start < $0.end }) {
            kept.append(span)
        }
        return (kept.sorted { $0.start < $1.start }, spans.count - kept.count)
    }

    /// One tag per token of `document`.
    public func tags(_ document: ExportDocument) -> (tags: [String], losses: Losses) {
        var losses = Losses()
        let (kept, dropped) = Self.outermost(document.labeled.entities)
        losses.nested = dropped
        var tags = Array(repeating: "O", count: document.tokens.count)
        for span in kept {
            let covered = document.tokens(overlapping: span.start..<span.end)
            let first = covered.lowerBound, last = covered.upperBound
            guard first < last else { losses.misaligned += 1; continue }
            if document.tokens[first].lowerBound != span.start || document.tokens[last - 1].upperBound != span.end {
                losses.misaligned += 1
            }
            let label = labelMap[span.label] ?? span.label
            for k in first..<last {
                let single = last - first == 1
                switch scheme {
                case .iob2: tags[k] = (k == first ? "B-" : "I-") + label
                case .bilou: tags[k] = (single ? "U-" : k == first ? "B-" : k == last - 1 ? "L-" : "I-") + label
                case .iob1:
                    // I- throughout; B- only where the entity directly follows another of its type.
                    let followsSameType = k == first && first > 0 && tags[first - 1].hasSuffix("-" + label) && tags[first - 1] != "O"
                    tags[k] = (followsSameType ? "B-" : "I-") + label
                }
            }
        }
        return (tags, losses)
    }
}
