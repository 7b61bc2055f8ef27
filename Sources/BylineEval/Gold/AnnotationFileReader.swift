import Foundation

/// Reads gold or predicted documents. The annotate JSON shape is the main format — the gold format and the
/// prediction format are the same kind of file: `.json` (one object, or an array of objects) or `.jsonl`
/// (an object a line). Also brat standoff (`.ann` with its `.txt`, see `BratReader`) and CoNLL-style column
/// files (`.conll`, `.iob`, `.bio`, `.bilou`, or any file with `format: .conll`; see `ColumnReader`).
/// Directories are searched recursively.
public struct AnnotationFileReader {
    public enum Format: String, CaseIterable, Sendable {
        /// By extension.
        case auto, json, brat, conll
    }

    /// Renames labels as they are read (`PER` → `PERSON`); labels not in the map are kept.
    public var labelMap: [String: String]
    public var format: Format
    /// The tag scheme of column files.
    public var scheme: ColumnReader.Scheme

    public init(labelMap: [String: String] = [:], format: Format = .auto, scheme: ColumnReader.Scheme = .iob1) {
        self.labelMap = labelMap
        self.format = format
        self.scheme = scheme
    }

    static let columnExtensions: Set<String> = ["conll", "iob", "iob1", "iob2", "bio", "bilou"]

    /// Every document under `paths`, in path order, then file order.
    /// - Throws: `GoldErrors` naming each file and line that cannot be read.
    public func read(_ paths: [String]) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        var errors: [GoldError] = []
        let extensions: Set<String>
        switch format {
        case .auto: extensions = Set(["json", "jsonl", "ann"]).union(Self.columnExtensions)
        case .json: extensions = ["json", "jsonl"]
        case .brat: extensions = ["ann"]
        case .conll: extensions = Self.columnExtensions
        }
        for file in try Self.files(under: paths, extensions: extensions) {
            do {
                let ext = (file as NSString).pathExtension
                if format == .brat || (format == .auto && ext == "ann") {
                    documents.append(try BratReader(labelMap: labelMap).read(annotation: file))
                } else if format == .conll || (format == .auto && Self.columnExtensions.contains(ext)) {
                    documents += try ColumnReader(scheme: scheme, labelMap: labelMap).read(file)
                } else {
                    documents += try readFile(file)
                }
            } catch let error as GoldErrors {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw GoldErrors(errors) }
        return documents
    }

    /// The files named, and the files with one of `extensions` under the directories named, sorted.
    public static func files(under paths: [String], extensions: Set<String>) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw GoldErrors([GoldError(file: path, line: 0, "no such file or directory")])
            }
            if isDirectory.boolValue {
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { extensions.contains(($0 as NSString).pathExtension) }
                    .sorted()
                files += found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    func readFile(_ file: String) throws -> [LabeledDocument] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GoldErrors([GoldError(file: file, line: 0, "cannot read the file")])
        }
        if file.hasSuffix(".jsonl") {
            var documents: [LabeledDocument] = []
            var errors: [GoldError] = []
            var tokenLines: [(object: [String: Any], line: Int)] = []
            for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
                do {
                    let object = try JSONSerialization.jsonObject(with: Data(line))
                    if let fields = object as? [String: Any], fields["ner_tags"] != nil, fields["text"] == nil {
                        tokenLines.append((fields, index + 1))  // Hugging Face token classification
                        continue
                    }
                    documents.append(try document(object, file: file, line: index + 1))
                } catch let error as GoldError {
                    errors.append(error)
                } catch {
                    errors.append(GoldError(file: file, line: index + 1, "not a JSON object: \(error.localizedDescription)"))
                }
            }
            if !tokenLines.isEmpty {
                do { documents += try HuggingFaceReader(labelMap: labelMap).documents(tokenLines, file: file) } catch let error as GoldErrors { errors += error.errors }
            }
            if !errors.isEmpty { throw GoldErrors(errors) }
            return documents
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw GoldErrors([GoldError(file: file, line: 0, "not valid JSON: \(error.localizedDescription)")])
        }
        let objects = (object as? [Any]) ?? [object]
        var documents: [LabeledDocument] = []
        var errors: [GoldError] = []
        for object in objects {
            do { documents.append(try document(object, file: file, line: 0)) } catch let error as GoldError { errors.append(error) }
        }
        if !errors.isEmpty { throw GoldErrors(errors) }
        return documents
    }

    func document(_ object: Any, file: String, line: Int) throws -> LabeledDocument {
        func fail(_ message: String) -> GoldError { GoldError(file: file, line: line, message) }
        guard let fields = object as? [String: Any] else { throw fail("expected a JSON object") }
        // spaCy / Prodigy JSONL: "spans" instead of "entities", the id in "meta".
        let spacy = fields["entities"] == nil && fields["spans"] != nil
        let meta = fields["meta"] as? [String: Any]
        guard let id = fields["id"] as? String ?? (fields["id"] as? NSNumber)?.stringValue
                ?? (spacy ? meta?["id"] as? String ?? (meta?["id"] as? NSNumber)?.stringValue ?? "\(file):\(line)" : nil) else {
            throw fail("the document has no \"id\"")
        }
        if let error = fields["error"] as? String { throw fail("document \(id) failed when annotated: \(error)") }
        guard let text = fields["text"] as? String else { throw fail("document \(id) has no \"text\"") }
        var entities: [EntitySpan] = []
        for (index, value) in ((fields[spacy ? "spans" : "entities"] as? [Any]) ?? []).enumerated() {
            guard let entity = value as? [String: Any], let start = int(entity["start"]), let end = int(entity["end"]),
                  let label = entity["label"] as? String else {
                throw fail("document \(id): entity \(index + 1) needs integer \"start\", \"end\" and a \"label\"")
            }
            var attributes = (entity["attributes"] as? [String: Any] ?? [:]).compactMapValues { value -> String? in
                (value as? String) ?? (value as? NSNumber)?.stringValue
            }
            if let spanText = entity["text"] as? String { attributes["_text"] = spanText }
            entities.append(EntitySpan(start: start, end: end, label: labelMap[label] ?? label,
                                       rule: entity["rule"] as? String ?? "", attributes: attributes))
        }
        var quotes: [QuoteSpan] = []
        for (index, value) in ((fields["quotes"] as? [Any]) ?? []).enumerated() {
            guard let quote = value as? [String: Any], let start = int(quote["start"]), let end = int(quote["end"]),
                  let kind = quote["kind"] as? String else {
                throw fail("document \(id): quote \(index + 1) needs integer \"start\", \"end\" and a \"kind\"")
            }
            quotes.append(QuoteSpan(start: start, end: end, kind: kind, speaker: mention(quote["speaker"]),
                                    cue: mention(quote["cue"]), rule: quote["rule"] as? String ?? ""))
        }
        var document = LabeledDocument(id: id, text: text, entities: entities, quotes: quotes,
                                       source: line > 0 ? "\(file):\(line)" : file)
        document.holdsQuotes = fields["quotes"] != nil
        return document
    }

    private func mention(_ value: Any?) -> QuoteSpan.Mention? {
        guard let fields = value as? [String: Any], let start = int(fields["start"]), let end = int(fields["end"]) else { return nil }
        return QuoteSpan.Mention(start: start, end: end, name: fields["name"] as? String ?? fields["text"] as? String ?? "")
    }

    private func int(_ value: Any?) -> Int? {
        if let number = value as? Int { return number }
        if let number = value as? Double, number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        return nil
    }
}
