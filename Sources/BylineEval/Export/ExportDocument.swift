import Byline
import BylineText

/// A document ready to be written as a labelled dataset: its spans (code-point offsets, as the harness
/// reads them) and its tokens and sentences, which the token-level formats (CoNLL, Hugging Face) need.
public struct ExportDocument: Sendable {
    public var labeled: LabeledDocument
    /// Code-point ranges of the tokens, in order.
    public var tokens: [Range<Int>]
    /// Token index ranges of the sentences, in order.
    public var sentences: [Range<Int>]
    /// The text as code points, for slicing token and span texts.
    let scalars: [Unicode.Scalar]

    /// From a document Byline has just annotated (its own tokens and sentences).
    public init(annotated document: Document) {
        let offsets = document.offsets
        self.init(labeled: LabeledDocument(annotated: document),
                  tokens: document.tokens.map { token in
                      let range = offsets.codePointRange(utf8: token.utf8Range)
                      return range.start..<range.end
                  },
                  sentences: document.sentences.map(\.tokens))
    }

    /// From spans read from a file (annotate JSON, say), tokenized with `tokenizer`.
    public init(labeled: LabeledDocument, tokenizer: Tokenizer) throws {
        let tokenized = try tokenizer.tokenize(labeled.text)
        let offsets = CodePointIndex(labeled.text)
        self.init(labeled: labeled,
                  tokens: tokenized.tokens.map { token in
                      let range = offsets.codePointRange(utf8: token.utf8Range)
                      return range.start..<range.end
                  },
                  sentences: tokenized.sentences.map(\.tokens))
    }

    public init(labeled: LabeledDocument, tokens: [Range<Int>], sentences: [Range<Int>]) {
        self.labeled = labeled
        self.tokens = tokens
        self.sentences = sentences
        self.scalars = Array(labeled.text.unicodeScalars)
    }

    /// The indices of the tokens that overlap a code-point range (empty when none does). O(log tokens).
    public func tokens(overlapping range: Range<Int>) -> Range<Int> {
        let first = tokens.partitionPoint { $0.upperBound <= range.lowerBound }
        var end = first
        while end < tokens.count && tokens[end].lowerBound < range.upperBound { end += 1 }
        return first..<end
    }

    /// The text of a code-point range.
    public func text(_ range: Range<Int>) -> String {
        let slice = scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)]
        if slice.allSatisfy({ $0.isASCII }) {
            // Nearly every token: its bytes are its code points.
            return String(unsafeUninitializedCapacity: slice.count) { out in
                for (i, scalar) in slice.enumerated() { out[i] = UInt8(scalar.value) }
                return slice.count
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}
