/// A stretch of text between quotation marks within one paragraph (a line of the text).
///
/// A quote that runs over several paragraphs, in the news convention where each paragraph reopens the
/// quote and only the last closes it, is one region per paragraph; `chain` ties them together.
public struct QuotedRegion: Hashable, Sendable {
    /// From the opening mark to the closing mark, both included; to the end of the paragraph (trailing
    /// space excluded) when the paragraph does not close it. UTF-8 byte range.
    public var outer: Range<Int>
    /// Between the marks, without surrounding white space and without a trailing comma (the comma of
    /// `"…," she said` is the writer's, standing for the attribution); `.`, `!` and `?` stay.
    public var content: Range<Int>
    /// Opened by a single mark (‘ or ').
    public var single: Bool
    /// Closed in its own paragraph.
    public var closed: Bool
    /// The index (among the document's regions) of the first region of its multi-paragraph quote; its
    /// own index when it starts one or stands alone.
    public var chain: Int
    /// The index of its paragraph (non-blank line) in the text, from 0.
    public var paragraph: Int

    public init(outer: Range<Int>, content: Range<Int>, single: Bool, closed: Bool, chain: Int, paragraph: Int) {
        self.outer = outer
        self.content = content
        self.single = single
        self.closed = closed
        self.chain = chain
        self.paragraph = paragraph
    }
}
