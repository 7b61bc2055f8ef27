import BylineText

/// In-document name resolution (`resolve: PERSON` in pipeline.conf): once a document names "Amara Wanjiku",
/// every later or earlier "Wanjiku" in it is that person too, whatever the gazetteer thinks of the word
/// ("Moyo" is also a town). Every span of the label gets the attribute `name`: its full form.
///
/// The short form of a full name is its last space-separated word ("Asante-Mensah" for "Kofi Asante-Mensah",
/// "Dam" for "Pieter van Dam"), also with the particles before it (`particles`: "Le Goff" for "Yann Le Goff"),
/// and in a name of three words or more the capitalised word before it
/// ("Quispe" for "Rosa Quispe Mamani", "King" for "Martin Luther King Jr."), or its first for a span with `order=surname-first` ("Park" for "Park Ji-hoon"),
/// or both for a span with `short=first+last` ("Nguyen" and "Hung" for "Nguyen Van Hung"; `short=first` and
/// `short=last` also exist). A short form shared by two full names in one document resolves to neither, unless the
/// document used it alone for the first of them before naming the second (`established`).
/// Only whole tokens that start with a capital letter are taken, and never inside another span of the label;
/// a name written in capitals is its name too ("SHEARER" for "Alan Shearer").
///
/// A short form that is also a common word ("May", "Young", "Rice", "He") is taken only where the context
/// shows a name (`nameContext`); the kinds of word are set in pipeline.conf (`CommonWordKind`).
///
/// Names the lists and rules miss are introduced by evidence elsewhere in the document (`evidencedPairs`):
/// "Tigist Alemu" is a name when the document also writes "Alemu, who won…", "Alemu, 24," or "Alemu said".
///
/// Beside this file: names found by evidence (`NameResolver+Evidence`), honorifics that pick the person
/// (`NameResolver+Honorifics`), and where a common word stands as a name (`NameResolver+Context`).
struct NameResolver {
    let label: String
    /// One-token words that are also common words, by UTF-8 range.
    var commonWords: [Range<Int>: CommonWordKinds] = [:]
    /// Start offsets of tokens that are never part of a name found by evidence (stop words, titles,
    /// demonyms, … : `evidence-excludes:` in pipeline.conf). Empty: no evidence step.
    var excludedFromEvidence: OffsetSet = []
    /// Start offsets of name particles ("Le", "van", "de": `name-particles:` in pipeline.conf). A name
    /// whose surname follows them keeps them in its short form ("Le Goff" for "Yann Le Goff").
    var particles: OffsetSet = []
    /// Start offsets of the tokens inside any gazetteer lookup: words some list knows.
    var listed: OffsetSet = []
    /// Gendered honorifics and first names: an honorific decides which person a short form stands for
    /// (`decidedByHonorific`). Empty: no honorific decides.
    var genders = GenderEvidence()
    /// The rule id of names found by evidence (their priority is that of short forms).
    var evidenceRuleID: String { "evidence:\(label)" }
    /// The priority of the spans it adds: above gazetteer places, below rules that find names outright.
    static let priority = 7
    var ruleID: String { "resolve:\(label)" }

    /// New candidate spans for short forms, and `accepted` with `name` attributes set.
    func resolve(_ accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> (named: [Span], added: [Span]) {
        let evidenced = evidencedPairs(accepted, tokens: tokens, bytes: bytes)
        let accepted = evidenced.isEmpty ? accepted : accepted + evidenced
        // Each name's short forms.
        var namesAndShorts: [(full: [UInt8], shorts: [[UInt8]])] = []
        var firstMention: [String: Range<Int>] = [:]  // full name → its first span
        for span in accepted where span.label == label {
            let text = Array(bytes[span.utf8Range])
            guard let firstSpace = text.firstIndex(of: 0x20), firstSpace > 0,
                  let lastSpace = text.lastIndex(of: 0x20), lastSpace + 1 < text.count else { continue }
            let first = Array(text[..<firstSpace]), last = Array(text[(lastSpace + 1)...])
            let shorts: [[UInt8]]
            switch span.attributes["short"] ?? (span.attributes["order"] == "surname-first" ? "first" : "last") {
            case "first": shorts = [first]
            case "first+last": shorts = [first, last]
            default:
                // Particles before the last word stay with it ("Le Goff", "Van der Berg"); the last word alone
                // is a short form too (where the particle is in lower case, "van Dam", it is all that is taken).
                if let start = particleStart(in: text, at: span.utf8Range.lowerBound, lastSpace: lastSpace, firstSpace: firstSpace) {
                    shorts = [Array(text[start...]), last]
                    break
                }
                // The word before the last, unless a list knows it as a title, a stop word, a place, … ("Foreign
                // Minister Primakov" is no "Minister").
                let surname = Self.firstSurname(of: text, lastSpace: lastSpace, firstSpace: firstSpace)
                let surnameStart = span.utf8Range.lowerBound + lastSpace - (surname?.count ?? 0)
                shorts = [last] + (surname.flatMap { excludedFromEvidence.contains(surnameStart) ? nil : [$0] } ?? [])
            }
            namesAndShorts.append((text, shorts))
            let full = String(decoding: text, as: UTF8.self)
            if firstMention[full].map({ span.utf8Range.lowerBound < $0.lowerBound }) ?? true { firstMention[full] = span.utf8Range }
        }
        // A name that is itself another name's short form ("Le Goff" of "Yann Le Goff", also where a rule
        // read it as surname first) gives no short forms of its own ("Le" would then be a name).
        let shortOfAnother = Set(namesAndShorts.flatMap { name in name.shorts.filter { $0 != name.full } })
        var owners: [[UInt8]: [String]] = [:]  // short form → the full names it can stand for, in order
        // The same as sets, for short forms with many owners (a long document can give a surname thousands).
        var owned: [[UInt8]: Set<String>] = [:]
        for (text, shorts) in namesAndShorts where !shortOfAnother.contains(text) {
            let full = String(decoding: text, as: UTF8.self)
            for short in shorts {
                let known = owners[short] ?? []
                let isNew: Bool
                if known.count < 16 {
                    isNew = !known.contains(full)
                } else {
                    if owned[short] == nil { owned[short] = Set(known) }
                    isNew = owned[short]!.insert(full).inserted
                }
                if isNew { owners[short, default: []].append(full) }
            }
        }
        let people = SortedRanges(accepted.lazy.filter { $0.label == label }.map(\.utf8Range))
        // An honorific before a shared or single short form picks the person of its gender ("Mr. Clinton"
        // once "Hillary Clinton" and "Bill Clinton" are named); one that fits no owner is someone else.
        let decided = decidedByHonorific(accepted, owners: owners, firstMention: firstMention, bytes: bytes)
        // Where each person is first named: in full, or by a short form after an honorific of their gender.
        var firstUse = firstMention
        for (start, full) in decided.names {
            if let known = firstUse[full], known.lowerBound <= start { continue }
            firstUse[full] = start..<start + 1
        }
        var fullNames: [[UInt8]: String?] = [:]  // short form → full name (nil when ambiguous)
        let shared = Self.tokenOccurrences(of: Set(owners.compactMap { $0.value.count >= 2 ? $0.key : nil }), in: tokens, bytes: bytes)
        for (short, fulls) in owners {
            // A contested short form alone is the person the honorific named by it.
            fullNames[short] = decided.contested.contains(short) ? String(decoding: short, as: UTF8.self) : fulls.count == 1 ? fulls[0]
                : established(short, among: fulls, firstUse: firstUse, decided: decided.names, people: people,
                              tokens: tokens, bytes: bytes, occurrences: shared[short] ?? [])
        }
        // A name of several words is found again where it is repeated whole, also where no rule sees it
        // ("But Chea Vuthy called …"), unless it is a short form of another name.
        for (text, _) in namesAndShorts where !text.contains(0x0A) && fullNames[text] == nil {
            fullNames[text] = String(decoding: text, as: UTF8.self)
        }
        // Given names: the first word of a name whose short form is its last ("Nino" of "Nino Beridze"), when
        // it is a capitalised word of letters and no other person's given name or short form.
        var givenNames: [[UInt8]: String?] = [:]
        for span in accepted where span.label == label && (span.attributes["short"] ?? "last") == "last"
            && span.attributes["order"] != "surname-first" {
            let text = Array(bytes[span.utf8Range])
            guard let firstSpace = text.firstIndex(of: 0x20), firstSpace >= 2,
                  !excludedFromEvidence.contains(span.utf8Range.lowerBound) else { continue }
            let given = Array(text[..<firstSpace])
            guard given[0] >= 0x41 && given[0] <= 0x5A,
                  given.dropFirst().allSatisfy({ $0 >= 0x80 || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else { continue }
            let full = String(decoding: text, as: UTF8.self)
            if let known = givenNames[given] {
                if known != full { givenNames[given] = .some(nil) }
            } else {
                givenNames[given] = full
            }
        }
        for given in givenNames.keys where fullNames[given] != nil { givenNames[given] = .some(nil) }
        var named = accepted
        for index in named.indices where named[index].label == label && named[index].attributes["name"] == nil {
            let text = Array(bytes[named[index].utf8Range])
            named[index].attributes["name"] = decided.names[named[index].utf8Range.lowerBound]
                ?? (fullNames[text] ?? nil) ?? (givenNames[text] ?? nil)
                ?? String(decoding: text, as: UTF8.self)
        }
        guard !fullNames.isEmpty else { return (named, []) }

        // Longest short form first, then byte order: the same document always resolves the same way.
        // Surnames come before given names; a given name is marked as one (`true`).
        let byLength: (([UInt8], String, Bool), ([UInt8], String, Bool)) -> Bool = {
            $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0.lexicographicallyPrecedes($1.0)
        }
        let shortForms = fullNames.compactMap { short, full in full.map { (short, $0, false) } }.sorted(by: byLength)
            + givenNames.compactMap { given, full in full.map { (given, $0, true) } }.sorted(by: byLength)
        // A given name alone must not sit inside another label's span ("Santa Maria", a place).
        let otherLabels = SortedRanges(accepted.lazy.filter { $0.label != label }.map(\.utf8Range))
        // Where each mention of the label starts and the name it was given, by start (not the spans: copies).
        let namedMentions = named.lazy.filter { $0.label == label }.map { (start: $0.utf8Range.lowerBound, name: $0.attributes["name"]) }
            .sorted { $0.start < $1.start }
        var added: [Span] = []
        /// The full name of the last mention of the label that starts before `position`.
        func lastNamed(before position: Int) -> String? {
            let lo = namedMentions.partitionPoint { $0.start < position }
            let earlier = lo > 0 ? namedMentions[lo - 1] : nil
            let latest = added.last.flatMap { $0.utf8Range.upperBound <= position ? $0 : nil }
            switch (earlier, latest) {
            case let (e?, l?): return e.start > l.utf8Range.lowerBound ? e.name : l.attributes["name"]
            case let (e?, nil): return e.name
            case let (nil, l?): return l.attributes["name"]
            default: return nil
            }
        }
        let ruleID = self.ruleID
        var candidates = WholeTokenKeys<(full: String, isGiven: Bool)>()
        for (short, full, isGiven) in shortForms { candidates.add(short, (full, isGiven)) }
        // A document with words in capitals (a wire headline: "SHEARER NAMED AS ENGLAND CAPTAIN") finds its
        // names there too.
        if tokens.contains(where: { $0.has(.allUpper) && $0.utf8Range.count > 1 && $0.has(.alphabetic) }) {
            for (short, full, isGiven) in shortForms {
                let upper = Array(String(decoding: short, as: UTF8.self).uppercased().utf8)
                if upper != short { candidates.add(upper, (full, isGiven)) }
            }
        }
        candidates.forEachWholeTokenMatch(in: tokens, bytes: bytes) { first, last, _, candidate in
            let (full, isGiven) = candidate
            let range = Int(tokens[first].start)..<Int(tokens[last].end)
            if isGiven, !Self.standsAlone(first: first, last: last, tokens: tokens) || otherLabels.overlaps(range) {
                return false
            }
            if let kinds = commonWords[range],
               !nameContext(at: first, through: last, kinds: kinds, tokens: tokens, bytes: bytes,
                            isLastNamed: { lastNamed(before: range.lowerBound) == full }) {
                return true
            }
            if !people.overlaps(range) {
                added.append(Span(label: label, utf8Range: range, rule: ruleID, priority: Self.priority, attributes: ["name": full]))
            }
            return true
        }
        // Names found by evidence are new spans: they go through overlap resolution with the rest.
        let evidenceRuleID = self.evidenceRuleID
        var kept: [Span] = [], found: [Span] = []
        kept.reserveCapacity(named.count)
        for span in named {
            if span.rule == evidenceRuleID { found.append(span) } else { kept.append(span) }
        }
        return (kept, found + added)
    }

    /// The full name a short form shared by several people stands for: the person named first, when the
    /// document uses the short form alone for them before it names any other ("Ted Cruz … Cruz said …"
    /// before "his father, Rafael Cruz": a writer who has made "Cruz" Ted Cruz names the others in full);
    /// nil when a second person is named before the short form is used ("Maria Okafor and John Okafor met.
    /// Okafor said no."). Only a one-token short form standing alone (`standsAlone`) outside any longer
    /// name counts as a use, or one an honorific gave that person (`decided`), which also names them
    /// ("Mr. Obama said …" long before "Michelle Obama" and "Barack Obama" are named in full).
    /// `firstUse` gives where each full name is first used: named in full, or by a short form an honorific
    /// gave them (then a one-byte range at its start).
    /// `occurrences` are the indices of the tokens whose text is `short`, in order (`tokenOccurrences`).
    func established(_ short: [UInt8], among fulls: [String], firstUse: [String: Range<Int>], decided: [Int: String] = [:],
                     people: SortedRanges, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, occurrences: [Int]) -> String? {
        let ordered = fulls.compactMap { full in firstUse[full].map { (full, $0) } }.sorted { $0.1.lowerBound < $1.1.lowerBound }
        guard ordered.count == fulls.count, ordered.count >= 2 else { return nil }
        let (first, firstRange) = ordered[0]
        if decided[firstRange.lowerBound] == first { return first }  // named by the short form itself
        let end = ordered[1].1.lowerBound
        // The short form's own tokens between the two first uses (not every token there: in a long
        // document the two can lie megabytes apart).
        var k = occurrences.partitionPoint { Int(tokens[$0].start) < firstRange.upperBound }
        while k < occurrences.count && Int(tokens[occurrences[k]].end) <= end {
            let t = occurrences[k], range = tokens[t].utf8Range
            if people.allOverlapping(range, lieWithin: range)
                && (decided[range.lowerBound] == first || Self.standsAlone(first: t, last: t, tokens: tokens)) {
                return first
            }
            k += 1
        }
        return nil
    }

    /// For each of `texts`, the indices of the tokens whose text it is, in order: one pass over the tokens.
    static func tokenOccurrences(of texts: Set<[UInt8]>, in tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]: [Int]] {
        guard !texts.isEmpty else { return [:] }
        // Cheap filters before a token's text is copied and looked up: its first byte, its length (bit n for
        // n bytes; bit 63 for 63 or more).
        var lengths: UInt64 = 0, firstBytes = [Bool](repeating: false, count: 256)
        for text in texts {
            lengths |= 1 << UInt64(min(text.count, 63))
            if let first = text.first { firstBytes[Int(first)] = true }
        }
        var found: [[UInt8]: [Int]] = [:]
        for (t, token) in tokens.enumerated() {
            let range = token.utf8Range
            guard !range.isEmpty, firstBytes[Int(bytes[range.lowerBound])],
                  lengths & (1 << UInt64(min(range.count, 63))) != 0 else { continue }
            let text = Array(bytes[range])
            if texts.contains(text) { found[text, default: []].append(t) }
        }
        return found
    }

    /// Whether tokens `first...last` are not part of a longer capitalised run on their line ("Nino" in
    /// "Nino said", not in "San Nino" or "Nino Ramishvili"): what a given name alone must be.
    static func standsAlone(first: Int, last: Int, tokens: [Token]) -> Bool {
        if first > 0, !tokens[first].has(.startsLine), tokens[first - 1].has(.capitalized) { return false }
        if last + 1 < tokens.count, !tokens[last + 1].has(.startsLine), tokens[last + 1].has(.capitalized) { return false }
        return true
    }

    /// Where the particles right before the last word of `text` (a span starting at `offset`) start, when
    /// there are any after the first word; nil otherwise.
    private func particleStart(in text: [UInt8], at offset: Int, lastSpace: Int, firstSpace: Int) -> Int? {
        guard !particles.isEmpty else { return nil }
        var start: Int?, end = lastSpace
        while end > firstSpace, let space = text[..<end].lastIndex(of: 0x20), space >= firstSpace,
              particles.contains(offset + space + 1) {
            start = space + 1
            end = space
        }
        return start
    }

    /// In a name of three or more words, the word before the last when it is a capitalised word of letters
    /// (not an initial or a particle): the first of two surnames ("Quispe" of "Rosa Quispe Mamani"), or the
    /// surname before a suffix ("King" of "Martin Luther King Jr.").
    static func firstSurname(of text: [UInt8], lastSpace: Int, firstSpace: Int) -> [UInt8]? {
        guard let before = text[..<lastSpace].lastIndex(of: 0x20), before >= firstSpace else { return nil }
        let word = Array(text[(before + 1)..<lastSpace])
        guard word.count >= 3, let head = word.first, head >= 0x41 && head <= 0x5A,
              word.dropFirst().allSatisfy({ $0 >= 0x80 || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else { return nil }
        return word
    }
}
