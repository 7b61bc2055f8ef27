/// What the lists say about people's gender in one document: the gendered lookups (`gender=m` or `gender=f`
/// on an entry of a list, as first names and honorifics have) by where they end and where they start.
/// A gendered lookup right before a mention is an honorific ("Ms. Okafor"); one at the start of a full
/// name is its first name ("Maria Okafor").
struct GenderEvidence {
    /// The gender of the first gendered lookup ending at each offset.
    private var endingAt: [Int: Character] = [:]
    /// The gender of the first gendered lookup starting at each offset.
    private var startingAt: [Int: Character] = [:]

    init(lookups: [Lookup], gazetteer: Gazetteer) {
        guard gazetteer.gendered.contains(true) else { return }
        for lookup in lookups where gazetteer.gendered[Int(gazetteer.shapes[lookup.entry].classIndex)] {
            guard let value = gazetteer.entries[lookup.entry].attribute("gender"), let first = value.first,
                  first == "m" || first == "f" else { continue }
            if endingAt[lookup.utf8Range.upperBound] == nil { endingAt[lookup.utf8Range.upperBound] = first }
            if startingAt[lookup.utf8Range.lowerBound] == nil { startingAt[lookup.utf8Range.lowerBound] = first }
        }
    }

    /// No evidence at all.
    init() {}

    /// The gender an honorific right before `start` (spaces between) shows, or nil.
    func honorific(before start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Character? {
        guard !endingAt.isEmpty else { return nil }
        var before = start
        while before > 0 && bytes[before - 1] == 0x20 { before -= 1 }
        return endingAt[before]
    }

    /// The gender the given name of a full name shows, or nil: its first word, or its last where the name
    /// is written surname first (`order=surname-first`: "Tran Quoc Minh").
    func givenName(of span: Span, in bytes: UnsafeBufferPointer<UInt8>) -> Character? {
        var given = span.utf8Range.lowerBound
        if span.attributes["order"] == "surname-first", let lastSpace = bytes[span.utf8Range].lastIndex(of: 0x20) {
            given = lastSpace + 1
        }
        return startingAt[given]
    }
}
