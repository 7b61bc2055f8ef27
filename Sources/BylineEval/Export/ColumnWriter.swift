/// CoNLL-2003-style columns: `-DOCSTART- O` and a blank line before each document, then a token and its
/// tag a line, a blank line after each sentence. The tags follow `FlatTagging` (IOB2 by default; IOB1 as
/// in the original CoNLL-2003 files; BILOU). `ColumnReader` reads it back.
public struct ColumnWriter: Sendable {
    public var tagging: FlatTagging

    public init(tagging: FlatTagging = FlatTagging()) { self.tagging = tagging }

    public func write(_ document: ExportDocument) -> (text: String, losses: FlatTagging.Losses) {
        let (tags, losses) = tagging.tags(document)
        var out = "-DOCSTART- O\n\n"
        for sentence in document.sentences where !sentence.isEmpty {
            for k in sentence {
                // A token never holds a space or tab here (the tokenizer splits on white space), but a
                // no-break space inside one would split a column reader's fields: write it as "_".
                out += Self.columnText(of: document.tokens[k], in: document)
                out += " "
                out += tags[k]
                out += "\n"
            }
            out += "\n"
        }
        return (out, losses)
    }

    /// A token's text with any white-space character in it written as "_". ASCII tokens without white space
    /// (nearly all) are taken as they are, without a `Character` and its properties per letter.
    static func columnText(of token: Range<Int>, in document: ExportDocument) -> String {
        let text = document.text(token)
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }) { return text }
        return text.map { $0.isWhitespace ? "_" : String($0) }.joined()
    }
}
