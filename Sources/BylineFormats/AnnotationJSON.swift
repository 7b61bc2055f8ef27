import Byline

/// The annotate JSON shape, one object per document. Offsets are Unicode code-point offsets into `text`,
/// `end` exclusive; a quote's range is its content without the quotation marks:
///
///     {"id": "…", "text": "…",
///      "entities": [{"start": 0, "end": 12, "label": "PERSON", "text": "Maria Okafor", "rule": "…",
///                    "attributes": {"id": "…"}}],
///      "quotes": [{"start": …, "end": …, "text": "…", "kind": "direct|partial|indirect",
///                  "speaker": {"start": …, "end": …, "text": "…", "name": "…"} | null,
///                  "cue": {"start": …, "end": …, "text": "said"} | null, "rule": "…"}]}
///
/// A document that could not be annotated is `{"id": "…", "error": "…"}`.
public enum AnnotationJSON {
    /// Field names: one source of truth for writers and readers.
    public enum Field {
        public static let id = "id", text = "text", entities = "entities", quotes = "quotes", error = "error"
        public static let start = "start", end = "end", label = "label", rule = "rule", attributes = "attributes"
        public static let kind = "kind", speaker = "speaker", cue = "cue", name = "name"
    }

    public static func write(_ document: Document, to writer: inout JSONWriter) {
        let utf8 = document.utf8
        writer.beginObject()
        writer.key(Field.id); writer.string(document.id)
        writer.key(Field.text); writer.string(document.text)
        writer.key(Field.entities); writer.beginArray()
        for entity in document.entities {
            writer.beginObject()
            writeRange(entity.utf8Range, of: document, utf8, to: &writer)
            writer.key(Field.label); writer.string(entity.label)
            writer.key(Field.rule); writer.string(entity.rule)
            if !entity.attributes.isEmpty {
                writer.key(Field.attributes); writer.beginObject()
                for (key, value) in entity.attributes.sorted(by: { $0.key < $1.key }) {
                    writer.key(key); writer.string(value)
                }
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key(Field.quotes); writer.beginArray()
        for quote in document.quotes {
            writer.beginObject()
            writeRange(quote.content, of: document, utf8, to: &writer)
            writer.key(Field.kind); writer.string(quote.kind.rawValue)
            writer.key(Field.speaker); writeMention(quote.speaker, of: document, utf8, to: &writer)
            writer.key(Field.cue); writeMention(quote.cue, of: document, utf8, to: &writer)
            writer.key(Field.rule); writer.string(quote.rule)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    public static func writeError(id: String, message: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(Field.id); writer.string(id)
        writer.key(Field.error); writer.string(message)
        writer.endObject()
    }

    private static func writeRange(_ range: Range<Int>, of document: Document, _ utf8: [UInt8], to writer: inout JSONWriter) {
        let codePoints = document.offsets.codePointRange(utf8: range)
        writer.key(Field.start); writer.int(codePoints.start)
        writer.key(Field.end); writer.int(codePoints.end)
        writer.key(Field.text); writer.string(utf8: utf8[range])
    }

    private static func writeMention(_ mention: Mention?, of document: Document, _ utf8: [UInt8], to writer: inout JSONWriter) {
        guard let mention else { writer.null(); return }
        writer.beginObject()
        writeRange(mention.utf8Range, of: document, utf8, to: &writer)
        if let name = mention.name { writer.key(Field.name); writer.string(name) }
        writer.endObject()
    }
}
