import BylineText

/// Finds the lines written in headline case, where capitalisation is no evidence of a name: Title Case
/// ("Córdoba Farmer Lucía Ferreyra Counts The Cost Of A Dry Winter") and ALL CAPS ("JAPAN GET LUCKY WIN").
/// Rules see their words as the built-in class `{HEADLINE}` (`headline-words:` in pipeline.conf), so a
/// pattern can ask for a listed surname there instead of any capitalised word.
///
/// A line is in headline case when it has at least three capitalised words, every other word is a short
/// lower-case word (of at most four letters: "of", "in", "and", "with") or ends a hyphenated compound
/// ("Co-operative"), and a capitalised word after the first is a marker: a word of the `headline-words:`
/// classes ("The", "Of", "As", "For"), which running text writes in lower case inside a sentence. The marker keeps out lines that are all names, as results
/// tables ("1. Maria Okafor (Kenya) 2:05:33") and lists of names. A line of three words or more all in
/// capitals needs no marker (short capitals, "THE", "OF", are acronyms to the lists).
struct HeadlineFinder {
    /// The label of the built-in span class.
    static let label = "HEADLINE"
    /// Lower-case words up to this many bytes may stand in a headline ("of", "and", "from", "with").
    static let shortWordBytes = 4

    /// The capitalised words of the headline lines, as UTF-8 ranges in text order. `isMarker` says
    /// whether a token (by index) is a marker word.
    static func words(in tokens: [Token], isMarker: (Int) -> Bool) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var line = 0
        while line < tokens.count {
            var end = line + 1
            while end < tokens.count && !tokens[end].has(.startsLine) { end += 1 }
            if let capitalised = capitalisedWords(of: line..<end, in: tokens, isMarker: isMarker) {
                words += capitalised.map { tokens[$0].utf8Range }
            }
            line = end
        }
        return words
    }

    /// The token indices of the line's capitalised words when the line is in headline case, else nil.
    private static func capitalisedWords(of line: Range<Int>, in tokens: [Token], isMarker: (Int) -> Bool) -> [Int]? {
        var capitalised: [Int] = []
        var marked = false, allCaps = true
        for index in line {
            let token = tokens[index]
            guard token.has(.alphabetic), !token.has(.possessive), !token.has(.numeric) else { continue }
            if !token.has(.allUpper) { allCaps = false }
            if token.has(.capitalized) {
                if !capitalised.isEmpty && isMarker(index) { marked = true }
                capitalised.append(index)
            } else if !(token.has(.allLower) && (token.byteCount <= shortWordBytes || continuesCompound(index, tokens))) {
                return nil
            }
        }
        return (marked || allCaps) && capitalised.count >= 3 ? capitalised : nil
    }

    /// Whether the token ends a hyphenated compound, right after its hyphen ("operative" of "Co-operative").
    private static func continuesCompound(_ index: Int, _ tokens: [Token]) -> Bool {
        index > 0 && !tokens[index].has(.spaceBefore) && tokens[index - 1].has(.dash) && !tokens[index - 1].has(.spaceBefore)
    }
}
