/// Honorifics that decide which person a short form stands for ("Mr. Clinton" once two Clintons are named).
extension NameResolver {
    /// The names honorifics decide: for each mention of a short form right after a gendered honorific
    /// (`genders`), by start, the one full name it may stand for whose gender agrees or is unknown; where
    /// none agrees, the mention's own text (another person: "Mr. Obama" in a story that names only
    /// "Michelle Obama"), and the short form is `contested`: alone, it stands for that other person.
    /// A full name's gender is that of an honorific before it, else of its given name; where only the
    /// first name says so and the full name came first, the honorific is believed over the list (a
    /// woman's name a list gives as a man's) and the mention stays that person's.
    func decidedByHonorific(_ accepted: [Span], owners: [[UInt8]: [String]], firstMention: [String: Range<Int>],
                            bytes: UnsafeBufferPointer<UInt8>) -> (names: [Int: String], contested: Set<[UInt8]>) {
        var names: [Int: String] = [:], contested: Set<[UInt8]> = []
        let people = accepted.filter { $0.label == label }
        let honorifics = people.map { genders.honorific(before: $0.utf8Range.lowerBound, in: bytes) }
        guard honorifics.contains(where: { $0 != nil }) else { return ([:], []) }
        var mentions: [(span: Span, short: [UInt8], gender: Character)] = []
        var fullGender: [String: (gender: Character, byHonorific: Bool)] = [:]
        var fullSpans: [(span: Span, full: String)] = []  // mentions of full names with no honorific before them
        for (span, honorific) in zip(people, honorifics) {
            let text = Array(bytes[span.utf8Range])
            let full = String(decoding: text, as: UTF8.self)
            guard let honorific else {
                if firstMention[full] != nil { fullSpans.append((span, full)) }
                continue
            }
            if owners[text] != nil { mentions.append((span, text, honorific)) }
            if firstMention[full] != nil { fullGender[full] = (honorific, true) }
        }
        for (span, full) in fullSpans {
            if fullGender[full] == nil, let given = genders.givenName(of: span, in: bytes) { fullGender[full] = (given, false) }
        }
        for (span, short, gender) in mentions {
            let fulls = owners[short] ?? []
            let agreeing = fulls.filter { (fullGender[$0]?.gender ?? gender) == gender }
            if agreeing.count == 1 {
                names[span.utf8Range.lowerBound] = agreeing[0]
            } else if agreeing.isEmpty {
                if fulls.count == 1, let known = fullGender[fulls[0]], !known.byHonorific,
                   let first = firstMention[fulls[0]], first.lowerBound < span.utf8Range.lowerBound {
                    continue
                }
                names[span.utf8Range.lowerBound] = String(decoding: short, as: UTF8.self)
                contested.insert(short)
            }
        }
        return (names, contested)
    }
}
