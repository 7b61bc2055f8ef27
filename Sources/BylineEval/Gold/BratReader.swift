import Foundation

/// Reads brat standoff: `NAME.txt` with `NAME.ann` beside it; the document id is NAME. Offsets are
/// character (code-point) offsets into the `.txt`.
///
///     T1	PERSON 10 22	Maria Okafor        an entity (labels through the label map)
///     T2	Quote 40 71	We did not come …   a quote's content; its kind in an A line
///     A1	Kind T2 direct
///     T3	Cue 73 77	said
///     R1	Speaker Arg1:T2 Arg2:T1             the quote's speaker (a T span: an entity or a Speaker mention)
///     R2	Cue Arg1:T2 Arg2:T3
///     R3	TitleOf Arg1:T4 Arg2:T1             a title and its person
///     A2	Name T1 Maria Okafor                 a person's canonical name
///     #1	AnnotatorNotes T1	name: Maria Okafor  the same, as a brat note (what `byline export` writes)
///
/// `#` notes and other line types are ignored; discontinuous spans (`0 5;9 14`) are errors.
public struct BratReader {
    public var labelMap: [String: String]
    public init(labelMap: [String: String] = [:]) { self.labelMap = labelMap }

    /// Mention types that are not entities.
    static let mentionTypes: Set<String> = ["Quote", "Cue", "Speaker"]

    public func read(annotation path: String) throws -> LabeledDocument {
        let textPath = (path as NSString).deletingPathExtension + ".txt"
        guard let textData = FileManager.default.contents(atPath: textPath), let text = String(data: textData, encoding: .utf8) else {
            throw GoldErrors([GoldError(file: textPath, line: 0, "cannot read the text of \(path) (UTF-8 .txt beside the .ann)")])
        }
        guard let data = FileManager.default.contents(atPath: path), let ann = String(data: data, encoding: .utf8) else {
            throw GoldErrors([GoldError(file: path, line: 0, "cannot read the file as UTF-8")])
        }
        struct TextBound { var type: String; var start: Int; var end: Int; var line: Int }
        var spans: [String: TextBound] = [:], order: [String] = []
        var relations: [(type: String, from: String, to: String, line: Int)] = []
        var attributes: [(type: String, target: String, value: String, line: Int)] = []
        var errors: [GoldError] = []
        for (index, raw) in ann.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let id = fields.first, !id.isEmpty else { continue }
            switch id.first {
            case "T":
                let head = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
                guard head.count == 3, let start = Int(head[1]), let end = Int(head[2]) else {
                    let what = fields.count > 1 && fields[1].contains(";") ? "discontinuous spans are not supported" : "expected 'T<n><TAB>TYPE START END<TAB>text'"
                    errors.append(GoldError(file: path, line: line, what))
                    continue
                }
                spans[id] = TextBound(type: head[0], start: start, end: end, line: line)
                order.append(id)
            case "R":
                let parts = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
                guard parts.count == 3, parts[1].hasPrefix("Arg1:"), parts[2].hasPrefix("Arg2:") else {
                    errors.append(GoldError(file: path, line: line, "expected 'R<n><TAB>TYPE Arg1:T<a> Arg2:T<b>'"))
                    continue
                }
                relations.append((parts[0], String(parts[1].dropFirst(5)), String(parts[2].dropFirst(5)), line))
            case "A":
                let parts = fields.count > 1 ? fields[1].split(separator: " ", maxSplits: 2).map(String.init) : []
                guard parts.count >= 2 else {
                    errors.append(GoldError(file: path, line: line, "expected 'A<n><TAB>NAME T<n> [VALUE]'"))
                    continue
                }
                attributes.append((parts[0], parts[1], parts.count > 2 ? parts[2] : "", line))
            case "#":
                // A note "name: …" on a span gives its canonical name; other notes are ignored.
                let target = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
                if target.count == 2, target[0] == "AnnotatorNotes", fields.count > 2, fields[2].hasPrefix("name: ") {
                    attributes.append(("Name", target[1], String(fields[2].dropFirst(6)), line))
                }
            default:
                continue
            }
        }
        func span(_ id: String, _ line: Int) -> TextBound? {
            if let found = spans[id] { return found }
            errors.append(GoldError(file: path, line: line, "unknown span \(id)"))
            return nil
        }
        var entityAttributes: [String: [String: String]] = [:]
        var kinds: [String: String] = [:]
        for a in attributes {
            guard span(a.target, a.line) != nil else { continue }
            switch a.type {
            case "Kind": kinds[a.target] = a.value
            case "Name": entityAttributes[a.target, default: [:]]["name"] = a.value
            default: entityAttributes[a.target, default: [:]][a.type.lowercased()] = a.value
            }
        }
        var speakers: [String: String] = [:], cues: [String: String] = [:]
        for r in relations {
            guard let from = span(r.from, r.line), span(r.to, r.line) != nil else { continue }
            switch r.type {
            case "Speaker": speakers[r.from] = r.to
            case "Cue": cues[r.from] = r.to
            case "TitleOf": entityAttributes[r.from, default: [:]]["person"] = String(spans[r.to]!.start)
            default: _ = from
            }
        }
        if !errors.isEmpty { throw GoldErrors(errors) }
        let scalars = Array(text.unicodeScalars)
        func mention(_ id: String?) -> QuoteSpan.Mention? {
            guard let id, let s = spans[id], s.start >= 0, s.end <= scalars.count, s.start < s.end else { return nil }
            var view = String.UnicodeScalarView(); view.append(contentsOf: scalars[s.start..<s.end])
            return QuoteSpan.Mention(start: s.start, end: s.end, name: entityAttributes[id]?["name"] ?? String(view))
        }
        var entities: [EntitySpan] = [], quotes: [QuoteSpan] = []
        for id in order {
            let s = spans[id]!
            if s.type == "Quote" {
                quotes.append(QuoteSpan(start: s.start, end: s.end, kind: kinds[id] ?? "direct",
                                        speaker: mention(speakers[id]), cue: mention(cues[id])))
            } else if !Self.mentionTypes.contains(s.type) {
                entities.append(EntitySpan(start: s.start, end: s.end, label: labelMap[s.type] ?? s.type,
                                           attributes: entityAttributes[id] ?? [:]))
            }
        }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return LabeledDocument(id: id, text: text, entities: entities, quotes: quotes, source: path)
    }
}
