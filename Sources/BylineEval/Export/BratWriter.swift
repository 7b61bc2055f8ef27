import Foundation

/// brat standoff, as `BratReader` reads it: `ID.txt` (the text) and `ID.ann` per document, and an
/// `annotation.conf` for the collection so that brat loads it.
///
///     T1	PERSON 10 22	Maria Okafor
///     #1	AnnotatorNotes T1	name: Maria Okafor        the canonical name, when it differs from the text
///     T2	TITLE 0 9	Secretary
///     R1	TitleOf Arg1:T2 Arg2:T1                     a title and its person
///     T3	Quote 40 71	We did not come …
///     A1	Kind T3 direct
///     T4	Cue 73 77	said
///     R2	Speaker Arg1:T3 Arg2:T1                     the speaker: an entity, or a Speaker mention
///     R3	Cue Arg1:T3 Arg2:T4
///
/// Offsets are code points. A span holding a line break is written as fragments (`0 5;6 12`), as brat
/// requires. Nested spans are kept: brat shows them stacked.
public struct BratWriter: Sendable {
    public var labelMap: [String: String]

    public init(labelMap: [String: String] = [:]) { self.labelMap = labelMap }

    /// The `.ann` text of a document.
    public func annotation(_ document: ExportDocument) -> String {
        let labeled = document.labeled
        var lines: [String] = []
        var nextT = 1, nextR = 1, nextA = 1, nextNote = 1
        var idOfSpan: [String: String] = [:]  // "start:end:type" → T id
        func textBound(_ type: String, _ start: Int, _ end: Int) -> String {
            let key = "\(start):\(end):\(type)"
            if let known = idOfSpan[key] { return known }
            let id = "T\(nextT)"
            nextT += 1
            idOfSpan[key] = id
            let text = document.text(start..<end)
            var fragments: [String] = [], fragmentStart = start, offset = start
            for scalar in text.unicodeScalars {
                if scalar == "\n" || scalar == "\r" {
                    if offset > fragmentStart { fragments.append("\(fragmentStart) \(offset)") }
                    fragmentStart = offset + 1
                }
                offset += 1
            }
            if end > fragmentStart { fragments.append("\(fragmentStart) \(end)") }
            let shown = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            lines.append("\(id)\t\(type) \(fragments.joined(separator: ";"))\t\(shown)")
            return id
        }
        var entityIDs: [(span: EntitySpan, id: String)] = []
        for entity in labeled.entities {
            let label = labelMap[entity.label] ?? entity.label
            let id = textBound(label, entity.start, entity.end)
            entityIDs.append((entity, id))
            if let name = entity.attributes["name"], name != document.text(entity.start..<entity.end) {
                lines.append("#\(nextNote)\tAnnotatorNotes \(id)\tname: \(name)")
                nextNote += 1
            }
        }
        // Title links: to the person span with that canonical name nearest to the title.
        for (entity, id) in entityIDs {
            guard let person = entity.attributes["person"] else { continue }
            let candidates = entityIDs.filter { other in
                other.span.label == "PERSON" && (other.span.attributes["name"] ?? document.text(other.span.start..<other.span.end)) == person
            }
            guard let target = candidates.min(by: { abs($0.span.start - entity.start) < abs($1.span.start - entity.start) }) else { continue }
            lines.append("R\(nextR)\tTitleOf Arg1:\(id) Arg2:\(target.id)")
            nextR += 1
        }
        for quote in labeled.quotes {
            let id = textBound("Quote", quote.start, quote.end)
            lines.append("A\(nextA)\tKind \(id) \(quote.kind)")
            nextA += 1
            if let speaker = quote.speaker {
                // The entity itself when it names the same person; otherwise a Speaker mention of its own.
                let entity = entityIDs.first {
                    $0.span.start == speaker.start && $0.span.end == speaker.end
                        && ($0.span.attributes["name"] ?? document.text($0.span.start..<$0.span.end)) == speaker.name
                }
                let speakerID = entity?.id ?? textBound("Speaker", speaker.start, speaker.end)
                if entity == nil, speaker.name != document.text(speaker.start..<speaker.end) {
                    lines.append("#\(nextNote)\tAnnotatorNotes \(speakerID)\tname: \(speaker.name)")
                    nextNote += 1
                }
                lines.append("R\(nextR)\tSpeaker Arg1:\(id) Arg2:\(speakerID)")
                nextR += 1
            }
            if let cue = quote.cue {
                let cueID = textBound("Cue", cue.start, cue.end)
                lines.append("R\(nextR)\tCue Arg1:\(id) Arg2:\(cueID)")
                nextR += 1
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// `annotation.conf` for a collection with these entity labels (already mapped).
    public func configuration(labels: [String]) -> String {
        let entities = (labels + ["Quote", "Cue", "Speaker"]).joined(separator: "\n")
        let speakers = (labels + ["Speaker"]).joined(separator: "|")
        let titleArg = labels.contains("TITLE") ? "TITLE" : "<ENTITY>"
        let personArg = labels.contains("PERSON") ? "PERSON" : "<ENTITY>"
        return """
        # Written by byline export --format brat.
        [entities]
        \(entities)

        [relations]
        Speaker\tArg1:Quote, Arg2:\(speakers)
        Cue\tArg1:Quote, Arg2:Cue
        TitleOf\tArg1:\(titleArg), Arg2:\(personArg)
        <OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>

        [events]

        [attributes]
        Kind\tArg:Quote, Value:direct|partial|indirect

        """
    }
}
