import BylineFormats

/// spaCy / Prodigy-style JSONL, a document a line:
///
///     {"text": "...", "meta": {"id": "doc1"},
///      "tokens": [{"text": "Maria", "start": 0, "end": 5, "id": 0, "ws": true}, ...],
///      "spans": [{"start": 0, "end": 12, "label": "PERSON", "token_start": 0, "token_end": 1}, ...]}
///
/// Offsets are code points (Python string offsets); `token_end` is inclusive, as Prodigy writes it.
/// Nested spans are kept (a PLACE inside a TITLE): they suit spaCy's `doc.spans` and Prodigy's
/// `spans.manual`; pass `flat` for `doc.ents` and `ner.manual`, which take the outermost span
/// (`FlatTagging`'s policy).
public struct SpacyWriter: Sendable {
    public var labelMap: [String: String]
    public var flat: Bool

    public init(labelMap: [String: String] = [:], flat: Bool = false) {
        self.labelMap = labelMap
        self.flat = flat
    }

    public func write(_ document: ExportDocument) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("text"); json.string(document.labeled.text)
        json.key("meta"); json.beginObject(); json.key("id"); json.string(document.labeled.id); json.endObject()
        json.key("tokens")
        json.beginArray()
        for (k, token) in document.tokens.enumerated() {
            json.beginObject()
            json.key("text"); json.string(document.text(token))
            json.key("start"); json.int(token.lowerBound)
            json.key("end"); json.int(token.upperBound)
            json.key("id"); json.int(k)
            let next = k + 1 < document.tokens.count ? document.tokens[k + 1].lowerBound : document.scalars.count
            json.key("ws"); json.bool(next > token.upperBound && document.scalars[token.upperBound].properties.isWhitespace)
            json.endObject()
        }
        json.endArray()
        let spans = flat ? FlatTagging.outermost(document.labeled.entities).kept : document.labeled.entities
        json.key("spans")
        json.beginArray()
        for span in spans {
            json.beginObject()
            json.key("start"); json.int(span.start)
            json.key("end"); json.int(span.end)
            json.key("label"); json.string(labelMap[span.label] ?? span.label)
            let covered = document.tokens(overlapping: span.start..<span.end)
            if !covered.isEmpty {
                json.key("token_start"); json.int(covered.lowerBound)
                json.key("token_end"); json.int(covered.upperBound - 1)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }
}
