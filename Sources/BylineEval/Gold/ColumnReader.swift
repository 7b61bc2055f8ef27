import Foundation

/// Reads CoNLL-style column files: a token a line with its tag in the last column, a blank line between
/// sentences, `-DOCSTART-` lines between documents. A document's text is its tokens joined by spaces, one
/// sentence a line (CoNLL keeps no original spacing); ids are `FILE-N`.
public struct ColumnReader {
    /// How tags mark where an entity begins.
    public enum Scheme: String, CaseIterable, Sendable {
        /// CoNLL-2003: `I-X` begins an entity unless it follows `I-X` or `B-X`; `B-X` only splits two
        /// adjacent entities of one type.
        case iob1
        /// IOB2 / BIO: every entity begins with `B-X`; an `I-X` after something else is an error.
        case iob2
        /// BILOU / BIOES: `B-X … L-X` (or `E-X`), single-token `U-X` (or `S-X`).
        case bilou
    }

    public var scheme: Scheme
    public var labelMap: [String: String]

    public init(scheme: Scheme = .iob1, labelMap: [String: String] = [:]) {
        self.scheme = scheme
        self.labelMap = labelMap
    }

    /// One line of a column file: a token and its tag, or the end of a sentence.
    struct Row {
        var token: String
        var tag: String
        var line: Int
        static let sentenceEnd = Row(token: "", tag: "", line: 0)
        var endsSentence: Bool { token.isEmpty }
    }

    public func read(_ path: String) throws -> [LabeledDocument] {
        guard let data = FileManager.default.contents(atPath: path), let content = String(data: data, encoding: .utf8) else {
            throw GoldErrors([GoldError(file: path, line: 0, "cannot read the file as UTF-8")])
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var documents: [LabeledDocument] = []
        var errors: [GoldError] = []
        var rows: [Row] = []
        var documentLine = 1
        func flushDocument() {
            defer { rows.removeAll() }
            guard rows.contains(where: { !$0.endsSentence }) else { return }
            do {
                documents.append(try document(rows, id: "\(stem)-\(documents.count + 1)", file: path, line: documentLine))
            } catch let error as GoldErrors {
                errors += error.errors
            } catch {}
        }
        for (index, raw) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { rows.append(.sentenceEnd); continue }
            if fields[0] == "-DOCSTART-" { flushDocument(); documentLine = index + 2; continue }
            guard fields.count >= 2 else {
                errors.append(GoldError(file: path, line: index + 1, "expected a token and a tag, found '\(raw)'"))
                continue
            }
            rows.append(Row(token: String(fields[0]), tag: String(fields[fields.count - 1]), line: index + 1))
        }
        flushDocument()
        if !errors.isEmpty { throw GoldErrors(errors) }
        return documents
    }

    /// A document from its rows: the tokens joined by spaces, a sentence a line, and the entities the
    /// tags mark.
    func document(_ rows: [Row], id: String, file path: String, line documentLine: Int) throws -> LabeledDocument {
        var errors: [GoldError] = []
        var text = "", offset = 0, entities: [EntitySpan] = []
        var sentence: [Row] = []

        func flushSentence() {
            guard !sentence.isEmpty else { return }
            var open: (label: String, start: Int, end: Int)? = nil
            var previous: (prefix: Character, type: String)? = nil
            for (k, item) in sentence.enumerated() {
                let start = offset
                let end = start + item.token.unicodeScalars.count
                text += item.token
                offset = end
                // The space between tokens, after this token is handled (also when it `continue`s).
                defer { if k + 1 < sentence.count { text += " "; offset += 1 } }
                let tag = item.tag
                let prefix = tag.first ?? "O"
                let type = tag.count > 2 ? String(tag.dropFirst(2)) : ""
                guard tag != "O" else {
                    if let o = open { entities.append(span(o)); open = nil }
                    previous = nil
                    continue
                }
                guard "BIELSU".contains(prefix), tag.count > 2, tag.dropFirst().first == "-" else {
                    errors.append(GoldError(file: path, line: item.line, "bad tag '\(tag)'"))
                    continue
                }
                let continues: Bool
                switch scheme {
                case .iob1: continues = prefix == "I" && previous?.type == type
                case .iob2:
                    continues = prefix == "I"
                    if prefix == "I" && previous?.type != type {
                        errors.append(GoldError(file: path, line: item.line, "'\(tag)' does not follow B-\(type) or I-\(type) (IOB2)"))
                    }
                case .bilou:
                    continues = (prefix == "I" || prefix == "L" || prefix == "E") && previous?.type == type
                        && previous.map { $0.prefix == "B" || $0.prefix == "I" } == true
                }
                if continues, var o = open { o.end = end; open = o } else {
                    if let o = open { entities.append(span(o)) }
                    open = (labelMap[type] ?? type, start, end)
                }
                if scheme == .bilou && "LEUS".contains(prefix), let o = open { entities.append(span(o)); open = nil }
                previous = (prefix, type)
            }
            if let o = open { entities.append(span(o)) }
            text += "\n"; offset += 1
            sentence.removeAll()
        }
        func span(_ o: (label: String, start: Int, end: Int)) -> EntitySpan { EntitySpan(start: o.start, end: o.end, label: o.label) }
        for row in rows {
            if row.endsSentence { flushSentence() } else { sentence.append(row) }
        }
        flushSentence()
        if !errors.isEmpty { throw GoldErrors(errors) }
        var document = LabeledDocument(id: id, text: text, entities: entities, source: "\(path):\(documentLine)")
        document.holdsQuotes = false
        return document
    }
}
