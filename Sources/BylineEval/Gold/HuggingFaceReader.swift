import Foundation

/// Reads Hugging Face token-classification JSONL (`tokens`, `ner_tags`), as `byline export --format hf`
/// writes it and as datasets like `conll2003` hold it. Tags are strings ("B-PER") or indices into the
/// label list in `labels.json` beside the file (IOB2). Lines with the same `document` make one document
/// (a line without one is a document of its own); as with column files, the text is the tokens joined
/// by spaces, a sentence a line.
public struct HuggingFaceReader {
    public var labelMap: [String: String]
    public init(labelMap: [String: String] = [:]) { self.labelMap = labelMap }

    func documents(_ lines: [(object: [String: Any], line: Int)], file: String) throws -> [LabeledDocument] {
        var errors: [GoldError] = []
        var labels: [String]? = nil
        let labelsPath = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("labels.json")
        if let data = FileManager.default.contents(atPath: labelsPath) {
            labels = (try? JSONSerialization.jsonObject(with: data)) as? [String]
            if labels == nil { errors.append(GoldError(file: labelsPath, line: 0, "expected a JSON array of tag strings")) }
        }
        var documents: [LabeledDocument] = []
        var sentences: [(tokens: [String], tags: [String], line: Int)] = []
        var currentID: String? = nil, firstLine = 0

        func flush() {
            guard let id = currentID, !sentences.isEmpty else { return }
            let rows = sentences.flatMap { sentence in
                sentence.tokens.indices.map { k in ColumnReader.Row(token: sentence.tokens[k], tag: sentence.tags[k], line: sentence.line) }
                    + [ColumnReader.Row.sentenceEnd]
            }
            do {
                var document = try ColumnReader(scheme: .iob2, labelMap: labelMap).document(rows, id: id, file: file, line: firstLine)
                document.source = "\(file):\(firstLine)"
                documents.append(document)
            } catch let error as GoldErrors {
                errors += error.errors
            } catch {}
            sentences.removeAll()
        }

        for (object, line) in lines {
            guard let tokens = object["tokens"] as? [String], let rawTags = object["ner_tags"] as? [Any], rawTags.count == tokens.count else {
                errors.append(GoldError(file: file, line: line, "expected \"tokens\" (strings) and \"ner_tags\" of the same length"))
                continue
            }
            var tags: [String] = []
            for raw in rawTags {
                if let tag = raw as? String { tags.append(tag) }
                else if let number = raw as? Int {
                    guard let labels else {
                        errors.append(GoldError(file: file, line: line, "numeric ner_tags need the label list in \(labelsPath)"))
                        break
                    }
                    guard number >= 0 && number < labels.count else {
                        errors.append(GoldError(file: file, line: line, "ner_tag \(number) is not an index into the \(labels.count) labels"))
                        break
                    }
                    tags.append(labels[number])
                } else {
                    errors.append(GoldError(file: file, line: line, "a ner_tag is neither a string nor an integer"))
                    break
                }
            }
            guard tags.count == tokens.count else { continue }
            let document = object["document"] as? String ?? (object["id"] as? String ?? (object["id"] as? NSNumber)?.stringValue ?? "\(file):\(line)")
            if document != currentID || object["document"] == nil {
                flush()
                currentID = document
                firstLine = line
            }
            sentences.append((tokens, tags, line))
        }
        flush()
        if !errors.isEmpty { throw GoldErrors(errors) }
        return documents
    }
}
