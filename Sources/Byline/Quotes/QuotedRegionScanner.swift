/// Finds quoted regions: pairs of double quotation marks (straight " or curly “ ”, guillemets « », „ “),
/// and single ones (‘ ’ or ') that are not apostrophes.
///
/// - Marks pair within a paragraph (a line). An unbalanced mark never swallows the rest of the document:
///   a double quote left open runs to the end of its paragraph (`closed == false`), and a single one left
///   open is dropped (it was most likely an apostrophe).
/// - A paragraph that leaves a double quote open, followed by a paragraph that opens with a quotation
///   mark, continues the same quote (the news convention for quotes over several paragraphs).
/// - Inside a double-quoted region, single marks are a nested quote and part of the content, and the other
///   way round.
/// - A straight mark's direction comes from its neighbours: after a space, a line start or an opening
///   bracket it opens; before a space, punctuation or the line end it closes; between letters ("don't")
///   a single mark is an apostrophe.
public struct QuotedRegionScanner {
    public init() {}

    public func regions(in bytes: UnsafeBufferPointer<UInt8>) -> [QuotedRegion] {
        var regions: [QuotedRegion] = []
        var lineStart = 0
        var paragraph = 0
        var openChain: Int?  // chain index of a double quote left open by the previous non-empty paragraph
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if !isBlank(bytes, lineStart..<lineEnd) {
                openChain = scan(bytes, line: lineStart..<lineEnd, paragraph: paragraph, continuing: openChain, into: &regions)
                paragraph += 1
            }
            lineStart = lineEnd + 1
        }
        return regions
    }

    /// The start offsets of the paragraphs that `QuotedRegion.paragraph` counts (the non-blank lines).
    public func paragraphStarts(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if !isBlank(bytes, lineStart..<lineEnd) { starts.append(lineStart) }
            lineStart = lineEnd + 1
        }
        return starts
    }

    // MARK: - One paragraph

    private enum Mark {
        case doubleOpen, doubleClose, doubleEither, singleOpen, singleClose, apostrophe
    }

    /// Scans one line; returns the chain of a double quote it leaves open, if any.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, paragraph: Int, continuing: Int?,
                      into regions: inout [QuotedRegion]) -> Int? {
        var open: (start: Int, contentStart: Int, single: Bool, startsLine: Bool)?
        var nested = false       // a nested quote of the other kind is open inside `open`
        var atLineStart = true   // nothing but space so far on this line
        var position = line.lowerBound
        func add(_ current: (start: Int, contentStart: Int, single: Bool, startsLine: Bool), end: Int, contentEnd: Int,
                 closed: Bool) -> Int {
            let index = regions.count
            let chain = current.startsLine && !current.single ? (continuing ?? index) : index
            var content = trim(bytes, current.contentStart..<contentEnd)
            if content.count > 1 && bytes[content.upperBound - 1] == UInt8(ascii: ",") {
                content = trim(bytes, content.lowerBound..<content.upperBound - 1)
            }
            regions.append(QuotedRegion(outer: current.start..<end, content: content,
                                        single: current.single, closed: closed, chain: chain, paragraph: paragraph))
            return chain
        }
        while position < line.upperBound {
            // Only these bytes start a mark (`classify`): the others are passed by without a call.
            let byte = bytes[position]
            if byte != 0x22 && byte != 0x27 && byte != 0xE2 && byte != 0xC2 {
                if !isSpace(byte) { atLineStart = false }
                position += 1
                continue
            }
            guard let (mark, length) = classify(bytes, at: position, line: line) else {
                if !isSpace(bytes[position]) { atLineStart = false }
                position += 1
                continue
            }
            let startsLine = atLineStart
            atLineStart = false
            defer { position += length }
            if let current = open {
                let closesDouble = mark == .doubleClose || mark == .doubleEither
                if current.single {
                    if mark == .doubleOpen || (mark == .doubleEither && !nested) { nested = true; continue }
                    if closesDouble && nested { nested = false; continue }
                    guard mark == .singleClose else { continue }
                } else {
                    if mark == .singleOpen { nested = true; continue }
                    if mark == .singleClose && nested { nested = false; continue }
                    guard closesDouble else { continue }
                }
                _ = add(current, end: position + length, contentEnd: position, closed: true)
                open = nil
                nested = false
            } else {
                switch mark {
                case .doubleOpen, .doubleEither: open = (position, position + length, false, startsLine)
                case .singleOpen: open = (position, position + length, true, startsLine)
                default: break  // a stray closing mark or an apostrophe
                }
            }
        }
        guard let current = open, !current.single else { return nil }
        let end = trim(bytes, current.start..<line.upperBound).upperBound
        return add(current, end: end, contentEnd: line.upperBound, closed: false)
    }

    // MARK: - Marks

    /// Every character `classify` may take for a mark, as the inside of a regex character class: a
    /// quoted region starts at one of them.
    static let openingMarks = "\"'“”„‘’«»"

    /// The quotation mark at `position`, if any, and its length in bytes.
    private func classify(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, line: Range<Int>) -> (Mark, Int)? {
        let byte = bytes[position]
        let mark: Mark, length: Int
        switch byte {
        case 0x22:
            length = 1
            mark = straight(bytes, position, length, line, single: false)
        case 0x27:
            length = 1
            mark = straight(bytes, position, length, line, single: true)
        case 0xE2 where position + 2 < line.upperBound && bytes[position + 1] == 0x80:
            length = 3
            switch bytes[position + 2] {
            case 0x9C: mark = .doubleOpen           // “
            case 0x9D: mark = .doubleClose          // ”
            case 0x9E: mark = .doubleOpen           // „
            case 0x98: mark = .singleOpen           // ‘
            case 0x99:                              // ’
                let before = neighbour(bytes, before: position, line), after = neighbour(bytes, after: position + length, line)
                if before == .word && after == .word { mark = .apostrophe }
                else if before == .space { mark = after == .word ? .apostrophe : .singleClose }  // ’90s
                else { mark = .singleClose }
            default: return nil
            }
        case 0xC2 where position + 1 < line.upperBound:
            length = 2
            switch bytes[position + 1] {
            case 0xAB: mark = .doubleOpen           // «
            case 0xBB: mark = .doubleClose          // »
            default: return nil
            }
        default:
            return nil
        }
        return (mark, length)
    }

    private func straight(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ length: Int, _ line: Range<Int>,
                          single: Bool) -> Mark {
        let before = neighbour(bytes, before: position, line), after = neighbour(bytes, after: position + length, line)
        let canOpen = (before == .space || before == .opening) && after != .space
        let canClose = before != .space && (after == .space || after == .punctuation || after == .closing)
        if single {
            if before == .word && after == .word { return .apostrophe }
            if canOpen && !canClose { return .singleOpen }
            if canClose && !canOpen { return .singleClose }
            return .apostrophe
        }
        if canOpen && !canClose { return .doubleOpen }
        if canClose && !canOpen { return .doubleClose }
        return .doubleEither
    }

    private enum Neighbour { case space, word, opening, closing, punctuation }

    private func neighbour(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int, _ line: Range<Int>) -> Neighbour {
        guard position > line.lowerBound else { return .space }
        var start = position - 1
        while start > line.lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return kind(of: bytes.scalar(at: start))
    }

    private func neighbour(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int, _ line: Range<Int>) -> Neighbour {
        guard position < line.upperBound else { return .space }
        return kind(of: bytes.scalar(at: position))
    }

    private func kind(of scalar: Unicode.Scalar) -> Neighbour {
        switch scalar {
        case "(", "[", "{", "\u{2014}", "\u{2013}", "/": return .opening
        case ")", "]", "}": return .closing
        case "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}": return .punctuation
        default: break
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark { return .word }
        return .punctuation
    }

    // MARK: - Space

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { isSpace(bytes[$0]) }
    }

    /// `range` without leading and trailing white space (ASCII spaces and tabs, no-break space).
    func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end && (isSpace(bytes[start]) || (bytes[start] == 0xC2 && start + 1 < end && bytes[start + 1] == 0xA0)) {
            start += bytes[start] == 0xC2 ? 2 : 1
        }
        while end > start && (isSpace(bytes[end - 1]) || (end - 2 >= start && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xA0)) {
            end -= bytes[end - 1] == 0xA0 ? 2 : 1
        }
        return start..<end
    }
}
