/// Turns quoted regions and the matches of the quote rules into attributed quotes.
///
/// 1. Each quoted region takes the best rule match that names it (`QuoteCandidate.isBetter`).
/// 2. Reported clauses (`quote: indirect` rules) are kept best first where they do not overlap each other.
///    A clause that holds a quoted region ("said the plan was "a promise without a budget"") is not an
///    indirect quote: the region inside takes its speaker and cue instead.
/// 3. A quote over several paragraphs shares one attribution across its regions (`QuotedRegion.chain`).
/// 4. A region still without a speaker that follows an attributed quote or a reported clause with a
///    speaker ("…, Schiff said. "The other factor …"") in the same or the previous paragraph (a fragment:
///    a reported clause of its own paragraph only) continues it (a floating quote, rule `quotes:floating`); failing that, one that precedes an attributed quote in
///    its own paragraph takes that quote's speaker.
/// 5. A region with no attribution at all is kept with `speaker: null` (rule `quotes:marks`) when it reads
///    as a statement: opened where a sentence or clause starts, three words or more, not in single marks,
///    and not a run of capitalised words (a title of a work, a name). Short unattributed fragments are
///    scare quotes, nicknames and titles, not quotes.
///
/// A region's kind is `direct` when it opens a line, a sentence or a clause (after `:`, `,`, a dash, or
/// another quote), or when it reads as a full sentence (upper-case start, `.`, `!`, `?` or `,` at the end);
/// otherwise it is a fragment inside the writer's sentence, `partial`.
struct QuoteAttributor {
    /// The label under which rules see quoted regions, marks included: `{QUOTED}`.
    static let quotedLabel = "QUOTED"
    static let floatingRule = "quotes:floating"
    static let unattributedRule = "quotes:marks"

    let bytes: UnsafeBufferPointer<UInt8>
    let speakers: SpeakerResolver

    func quotes(regions: [QuotedRegion], candidates: [QuoteCandidate]) -> [Quote] {
        // 1. Best match per region.
        var regionAt: [Range<Int>: Int] = [:]
        for (index, region) in regions.enumerated() { regionAt[region.outer] = index }
        var attribution = [QuoteCandidate?](repeating: nil, count: regions.count)
        for candidate in candidates where candidate.kind == .quoted {
            guard let index = regionAt[candidate.quote] else { continue }
            if attribution[index].map({ candidate.isBetter(than: $0) }) ?? true { attribution[index] = candidate }
        }
        // 2. Reported clauses.
        var indirect: [QuoteCandidate] = []
        let ranked = candidates.filter { $0.kind == .indirect }.sorted {
            $0.isBetter(than: $1) || (!$1.isBetter(than: $0) && $0.quote.count > $1.quote.count)
        }
        var keptClauses: [Range<Int>] = []  // sorted by start
        for candidate in ranked where !Self.overlapsAny(candidate.quote, keptClauses) {
            let inside = regionsOverlapping(candidate.quote, regions)
            if inside.isEmpty {
                indirect.append(candidate)
                keptClauses.insert(candidate.quote, at: keptClauses.partitionPoint { $0.lowerBound <= candidate.quote.lowerBound })
            } else {
                for index in inside where attribution[index] == nil { attribution[index] = candidate }
            }
        }
        // 3. Chains share an attribution.
        var chainAttribution: [Int: QuoteCandidate] = [:]
        for index in regions.indices where chainAttribution[regions[index].chain] == nil {
            if let candidate = attribution[index] { chainAttribution[regions[index].chain] = candidate }
        }
        for index in regions.indices where attribution[index] == nil {
            attribution[index] = chainAttribution[regions[index].chain]
        }

        // Reported clauses with a speaker, by end: a quote that follows one continues its speaker.
        let reported = indirect.filter { $0.speaker != nil }.sorted { $0.quote.upperBound < $1.quote.upperBound }
        let paragraphStarts = QuotedRegionScanner().paragraphStarts(in: bytes)
        /// The paragraph, the start and the quote of the latest attribution before `region`: an attributed
        /// quote (`lastAttributed`) or a reported clause, whichever comes later.
        func antecedent(of region: QuotedRegion, _ last: (paragraph: Int, quote: Quote)?) -> (paragraph: Int, quote: Quote)? {
            let before = reported.partitionPoint { $0.quote.upperBound <= region.outer.lowerBound }
            guard before > 0 else { return last }
            let clause = reported[before - 1]
            if let last, last.quote.content.lowerBound > clause.quote.lowerBound { return last }
            let paragraph = paragraphStarts.partitionPoint { $0 <= clause.quote.lowerBound } - 1
            return (paragraph, Quote(content: clause.quote, kind: .indirect, speaker: mention(clause.speaker),
                                     cue: clause.cue.map { Mention(utf8Range: $0) }, rule: clause.rule))
        }

        var quotes: [(Int, Quote)] = []  // (start, quote)
        var lastAttributed: (paragraph: Int, quote: Quote)?
        for (index, region) in regions.enumerated() where !region.content.isEmpty && !isTitleOfWork(region) {
            let kind: Quote.Kind = isDirect(region) ? .direct : .partial
            if let candidate = attribution[index] {
                var quote = Quote(content: region.content, kind: kind, speaker: mention(candidate.speaker),
                                  cue: candidate.cue.map { Mention(utf8Range: $0) }, rule: candidate.rule)
                if quote.speaker == nil, let previous = lastAttributed, region.paragraph - previous.paragraph <= 1 {
                    quote.speaker = previous.quote.speaker
                }
                quotes.append((region.content.lowerBound, quote))
                if quote.speaker != nil { lastAttributed = (region.paragraph, quote) }
                continue
            }
            // 4. Floating quotes.
            if let previous = antecedent(of: region, lastAttributed), region.paragraph - previous.paragraph <= 1, !region.single {
                let quote = Quote(content: region.content, kind: kind, speaker: previous.quote.speaker,
                                  cue: previous.quote.cue, rule: Self.floatingRule)
                quotes.append((region.content.lowerBound, quote))
                lastAttributed = (region.paragraph, quote)
                continue
            }
            if !region.single, let next = (index + 1..<regions.count).lazy
                .prefix(while: { regions[$0].paragraph == region.paragraph })
                .first(where: { attribution[$0]?.speaker != nil }) {
                let candidate = attribution[next]!
                quotes.append((region.content.lowerBound, Quote(content: region.content, kind: kind, speaker: mention(candidate.speaker),
                                                                cue: candidate.cue.map { Mention(utf8Range: $0) },
                                                                rule: Self.floatingRule)))
                continue
            }
            // 5. Unattributed.
            if kind == .direct && !region.single && wordCount(region.content, upTo: 3) >= 3 && !isCapitalisedRun(region.content) {
                quotes.append((region.content.lowerBound, Quote(content: region.content, kind: kind, rule: Self.unattributedRule)))
            }
        }
        for candidate in indirect {
            let content = trimClause(candidate.quote)
            guard !content.isEmpty else { continue }
            quotes.append((content.lowerBound, Quote(content: content, kind: .indirect, speaker: mention(candidate.speaker),
                                                     cue: candidate.cue.map { Mention(utf8Range: $0) }, rule: candidate.rule)))
        }
        return quotes.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Regions (in text order) that overlap `range`, by binary search.
    private func regionsOverlapping(_ range: Range<Int>, _ regions: [QuotedRegion]) -> [Int] {
        var index = regions.partitionPoint { $0.outer.upperBound <= range.lowerBound }
        var found: [Int] = []
        while index < regions.count && regions[index].outer.lowerBound < range.upperBound {
            if regions[index].outer.overlaps(range) { found.append(index) }
            index += 1
        }
        return found
    }

    /// Whether `range` overlaps one of `sorted` (sorted by start, not overlapping each other).
    static func overlapsAny(_ range: Range<Int>, _ sorted: [Range<Int>]) -> Bool {
        let index = sorted.partitionPoint { $0.upperBound <= range.lowerBound }
        return index < sorted.count && sorted[index].lowerBound < range.upperBound
    }

    private func mention(_ range: Range<Int>?) -> Mention? {
        guard let range else { return nil }
        return Mention(utf8Range: range, name: speakers.name(of: range))
    }

    // MARK: - Reading the text

    /// Opens a line, a sentence or a clause, or reads as a full sentence.
    private func isDirect(_ region: QuotedRegion) -> Bool {
        var position = region.outer.lowerBound
        while position > 0 && (bytes[position - 1] == 0x20 || bytes[position - 1] == 0x09) { position -= 1 }
        if position == 0 || bytes[position - 1] == 0x0A { return true }
        switch bytes[position - 1] {
        case UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: "\""):
            return true
        case 0x94, 0x93, 0x9D, 0x99:  // end of an em/en dash, ”, ’
            if position >= 3 && bytes[position - 3] == 0xE2 && bytes[position - 2] == 0x80 { return true }
        default:
            break
        }
        guard !region.content.isEmpty else { return false }
        let first = bytes.scalar(at: region.content.lowerBound)
        let last = bytes[region.content.upperBound - 1]
        return first.properties.isUppercase && [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ",")].contains(last)
    }

    /// A short run of capitalised words after "of", "on", "titled", a possessive or a year: the name of a
    /// show, a book, a report ("broadcast of "Fox News Sunday"", "MSNBC's "Morning Joe"", "his 1994
    /// "Contract with America""), not a quote.
    private func isTitleOfWork(_ region: QuotedRegion) -> Bool {
        let words = wordCount(region.content, upTo: 6)
        guard words <= 6, isCapitalisedRun(region.content) || words == 1 && bytes.scalar(at: region.content.lowerBound).properties.isUppercase
        else { return false }
        var end = region.outer.lowerBound
        while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0 && bytes[start - 1] != 0x20 && bytes[start - 1] != 0x0A { start -= 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if ["of", "on", "in", "titled", "entitled", "named", "dubbed", "as"].contains(word.lowercased()) { return true }
        if word.hasSuffix("'s") || word.hasSuffix("’s") || word.hasSuffix("s’") { return true }
        return word.count == 4 && word.allSatisfy(\.isNumber)
    }

    /// The words (runs of characters other than space and tab) in `range`, counted up to `limit + 1`:
    /// a long quote is not read to its end to learn that it has more than `limit`.
    private func wordCount(_ range: Range<Int>, upTo limit: Int = .max) -> Int {
        var count = 0, inWord = false
        for position in range {
            let space = bytes[position] == 0x20 || bytes[position] == 0x09
            if !space && !inWord {
                count += 1
                if count > limit { return count }
            }
            inWord = !space
        }
        return count
    }

    /// Every word starts with an upper-case letter or is a short function word ("The Art of War").
    private func isCapitalisedRun(_ range: Range<Int>) -> Bool {
        // The words (split at spaces); more than 8 is no run. Read as bytes: no string is made.
        var words: [Range<Int>] = []
        var start: Int?
        for position in range {
            if bytes[position] == 0x20 {
                if let open = start { words.append(open..<position) }
                start = nil
            } else if start == nil {
                if words.count == 8 { return false }
                start = position
            }
        }
        if let open = start { words.append(open..<range.upperBound) }
        func isSmall(_ word: Range<Int>) -> Bool {
            Self.smallWords.contains { $0.elementsEqual(bytes[word]) }
        }
        guard let last = words.last else { return false }
        return words.allSatisfy { isSmall($0) || bytes.scalar(at: $0.lowerBound).properties.isUppercase }
            && !words.dropFirst().allSatisfy(isSmall)
            && ![UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ",")].contains(bytes[last.upperBound - 1])
    }

    /// Function words a capitalised run may hold in lower case.
    private static let smallWords: [[UInt8]] = ["of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by"].map { Array($0.utf8) }

    /// A reported clause without surrounding space and without the sentence's final punctuation.
    private func trimClause(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && [0x20, 0x09, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";")].contains(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}
