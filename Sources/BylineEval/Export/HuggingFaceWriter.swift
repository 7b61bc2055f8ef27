import BylineFormats

/// Hugging Face token-classification JSONL, a sentence a line, as the `conll2003` dataset has it:
///
///     {"id": "doc1-0", "document": "doc1", "tokens": ["Maria", "Okafor", "said"], "ner_tags": [1, 2, 0]}
///
/// `ner_tags` index into the label list (`labels`, written beside the data as `labels.json`):
/// "O", then "B-X" and "I-X" for each label X (IOB2, as `datasets` ClassLabel features expect). Nested
/// spans follow `FlatTagging`'s policy (the outermost span wins).
public struct HuggingFaceWriter: Sendable {
    public let labels: [String]
    private let tagging: FlatTagging
    private let index: [String: Int]

    /// - Parameter labels: the entity labels, already mapped (`PER`, `LOC`, …), in the order they take.
    public init(labels: [String], labelMap: [String: String] = [:]) {
        var list = ["O"]
        for label in labels { list += ["B-" + label, "I-" + label] }
        self.labels = list
        self.tagging = FlatTagging(scheme: .iob2, labelMap: labelMap)
        self.index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) })
    }

    /// The lines for a document; spans whose label is not in the list are counted in `unknown`.
    public func write(_ document: ExportDocument) -> (bytes: [UInt8], losses: FlatTagging.Losses, unknownLabels: Set<String>) {
        let (tags, losses) = tagging.tags(document)
        var unknown: Set<String> = []
        var json = JSONWriter()
        for (n, sentence) in document.sentences.enumerated() where !sentence.isEmpty {
            json.beginObject()
            json.key("id"); json.string("\(document.labeled.id)-\(n)")
            json.key("document"); json.string(document.labeled.id)
            json.key("tokens")
            json.beginArray()
            for k in sentence { json.string(document.text(document.tokens[k])) }
            json.endArray()
            json.key("ner_tags")
            json.beginArray()
            for k in sentence {
                if let number = index[tags[k]] { json.int(number) } else {
                    unknown.insert(String(tags[k].dropFirst(2)))
                    json.int(0)
                }
            }
            json.endArray()
            json.endObject()
            json.newline()
        }
        return (json.bytes, losses, unknown)
    }

    /// `labels.json`: the list `ner_tags` index into.
    public func labelsJSON() -> [UInt8] {
        var json = JSONWriter(pretty: true)
        json.beginArray()
        for label in labels { json.string(label) }
        json.endArray()
        json.newline()
        return json.bytes
    }
}
