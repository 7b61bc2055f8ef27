import BylineText

/// How the case of the text must agree with a gazetteer entry. Matching itself is case- and
/// diacritic-insensitive (`TextNormalizer` keys); the policy then accepts or rejects the match.
public enum CasePolicy: String, Sendable, CaseIterable {
    /// Any case: "finance minister", "Finance Minister", "FINANCE MINISTER".
    case any
    /// Every word written capitalised in the entry is capitalised in the text (all caps counts):
    /// "Paris" and "PARIS" match the entry "Paris", "paris" does not; "Rio de Janeiro" matches "Rio De Janeiro".
    /// A short all-caps word (three bytes or fewer) on its own is an acronym, not a shouted name: "UK" does
    /// not match the first name "Uk", nor "UN" the name "Un"; it matches entries written in capitals. Inside a
    /// longer all-caps match it is part of a shouted name: "NEW DELHI", "HO CHI MINH CITY".
    case cap
    /// Every letter in the text is upper case: for entries such as "US" that are common words otherwise.
    case upper
    /// The text is written exactly as the entry (diacritics aside).
    case exact

    /// Whether the text tokens `tokens` (with `bytes`) satisfy the policy for entry `index` of `gazetteer`.
    func accepts(_ entry: EntryShape, _ index: Int, of gazetteer: Gazetteer, _ tokens: UnsafeBufferPointer<Token>,
                 _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .any:
            return true
        case .cap:
            var bit: UInt64 = 1
            let single = tokens.count == 1
            for token in tokens {
                if entry.capitalizedMask & bit != 0 {
                    if !token.has(.capitalized) { return false }
                    if single && token.byteCount <= 3 && token.has(.allUpper) && entry.allUpperMask & bit == 0 && token.byteCount > 1 {
                        return false
                    }
                }
                bit = bit == 1 << 63 ? bit : bit << 1
            }
            return true
        case .upper:
            return tokens.allSatisfy { !$0.has(.alphabetic) || $0.has(.allUpper) }
        case .exact:
            guard let surfaces = gazetteer.entries[index].exactTokens, surfaces.count == tokens.count else { return false }
            for (surface, token) in zip(surfaces, tokens) {
                let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                if !surface.utf8.elementsEqual(slice) { return false }
            }
            return true
        }
    }
}
