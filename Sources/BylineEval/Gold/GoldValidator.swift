/// Checks a document's spans against its text: offsets in range, a span's `text` (when given) equal to the
/// code points it covers, labels and quote kinds known, and no two spans of one label overlapping (a PLACE
/// may sit inside a TITLE; a PLACE inside a PLACE is a mistake).
public struct GoldValidator {
    /// The labels a span may have (nil: any).
    public var labels: Set<String>?
    public static let defaultLabels: Set<String> = ["PERSON", "TITLE", "PLACE"]
    public static let quoteKinds: Set<String> = ["direct", "partial", "indirect"]

    public init(labels: Set<String>? = defaultLabels) {
        self.labels = labels
    }

    /// Every problem in `document`, each naming the file, line, document and span.
    public func problems(in document: LabeledDocument) -> [GoldError] {
        let scalars = Array(document.text.unicodeScalars)
        let (file, line) = Self.location(document.source)
        var problems: [GoldError] = []
        func report(_ message: String) { problems.append(GoldError(file: file, line: line, "document \(document.id): \(message)")) }
        func text(_ start: Int, _ end: Int) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[start..<end])
            return String(out)
        }
        func inRange(_ start: Int, _ end: Int) -> Bool { start >= 0 && start < end && end <= scalars.count }

        for span in document.entities {
            let name = "span \(span.start)-\(span.end) \(span.label)"
            guard inRange(span.start, span.end) else {
                report("\(name): offsets out of range (the text has \(scalars.count) code points)")
                continue
            }
            if let labels, !labels.contains(span.label) {
                report("\(name) \"\(text(span.start, span.end))\": unknown label (expected \(labels.sorted().joined(separator: ", ")))")
            }
            if let expected = span.attributes["_text"], expected != text(span.start, span.end) {
                report("\(name): its text \"\(expected)\" is not the document's \"\(text(span.start, span.end))\" at those offsets")
            }
        }
        let valid = document.entities.filter { inRange($0.start, $0.end) }
        for label in Set(valid.map(\.label)).sorted() {
            let spans = valid.filter { $0.label == label }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for (a, b) in zip(spans, spans.dropFirst()) where b.start < a.end {
                let kind = (a.start, a.end) == (b.start, b.end) ? "is annotated twice" : "overlaps \(a.start)-\(a.end) \"\(text(a.start, a.end))\""
                report("span \(b.start)-\(b.end) \(label) \"\(text(b.start, b.end))\" \(kind)")
            }
        }
        for quote in document.quotes {
            let name = "quote \(quote.start)-\(quote.end)"
            guard inRange(quote.start, quote.end) else {
                report("\(name): offsets out of range (the text has \(scalars.count) code points)")
                continue
            }
            if !Self.quoteKinds.contains(quote.kind) { report("\(name): unknown kind \"\(quote.kind)\" (expected direct, partial or indirect)") }
            for (role, mention) in [("speaker", quote.speaker), ("cue", quote.cue)] {
                if let mention, !inRange(mention.start, mention.end) {
                    report("\(name): its \(role) \(mention.start)-\(mention.end) is out of range")
                }
            }
        }
        return problems
    }

    /// Throws every problem in `documents`, and duplicate document ids.
    public func validate(_ documents: [LabeledDocument]) throws {
        var problems = documents.flatMap { self.problems(in: $0) }
        var seen: [String: String] = [:]
        for document in documents {
            if let first = seen[document.id] {
                let (file, line) = Self.location(document.source)
                problems.append(GoldError(file: file, line: line, "document id \(document.id) appears twice (first at \(first))"))
            } else {
                seen[document.id] = document.source
            }
        }
        if !problems.isEmpty { throw GoldErrors(problems) }
    }

    /// "file:12" → ("file", 12); "file" → ("file", 0).
    static func location(_ source: String) -> (String, Int) {
        if let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) {
            return (String(source[..<colon]), line)
        }
        return (source, 0)
    }
}
