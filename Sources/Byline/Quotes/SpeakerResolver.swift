import BylineText

/// Finds the canonical person a speaker mention stands for:
///
/// - a mention that holds a PERSON ("Okafor", "Finance Minister Maria Okafor"), or starts inside one
///   ("Okafor’s" read from "Maria Okafor’s claim"), → that person's `name`;
/// - a TITLE bound to a person ("the finance minister", once "Finance Minister Maria Okafor" was seen) →
///   that person (`LinkResolver` binds titles);
/// - a personal pronoun ("he", "she") → a person mentioned before it, outside quoted text, whose gender
///   agrees or is unknown: from the nearest sentence that has one (at most `pronounReach` sentences back), the first such person of that sentence
///   (the subject, more often than not: "Malik made 71 with Sana Qureshi. … she said" is Malik). A person's gender comes from an honorific before any of their mentions
///   ("Ms. Okafor") or from the first-name lists (`gender=` attributes of the lookups; the last word of a
///   name written surname first, "Tran Quoc Minh"); writers named in a
///   byline or a credit are never taken;
/// - anything else (an organisation, "a spokesperson") → no name.
struct SpeakerResolver {
    /// PERSON spans outside quoted regions, by start.
    private let people: [Span]
    private let titles: [Span]
    private let genders: [String: Character]
    /// Starts of the people named in a byline or a credit (`isCredit`).
    private let credits: Set<Int>
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Start of each sentence, in order.
    private let sentenceStarts: [Int]

    static let pronounGender: [String: Character] = ["he": "m", "him": "m", "she": "f", "her": "f"]

    init(entities: [Span], regions: [QuotedRegion], sentences: [Sentence], genders evidence: GenderEvidence,
         bytes: UnsafeBufferPointer<UInt8>) {
        sentenceStarts = sentences.map(\.utf8Range.lowerBound)
        let quoted = regions.map(\.outer)  // in text order, not overlapping
        let all = entities.filter { $0.label == "PERSON" }.sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        people = all.filter { span in !QuoteAttributor.overlapsAny(span.utf8Range.lowerBound..<span.utf8Range.lowerBound + 1, quoted) }
        credits = Set(people.filter { Self.isCredit($0, in: bytes) }.map(\.utf8Range.lowerBound))
        titles = entities.filter { $0.label == "TITLE" }.sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        self.bytes = bytes
        // Gender: an honorific right before any mention, or the first name at the start of a full name.
        var genders: [String: Character] = [:]
        for span in all {
            let mention = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.utf8Range]), as: UTF8.self)
            let name = span.attributes["name"] ?? mention
            if let honorific = evidence.honorific(before: span.utf8Range.lowerBound, in: bytes) {
                genders[name] = honorific
                continue
            }
            // A short form is no first name ("Yogeswaran" for "Tharshini Yogeswaran" is also a man's first name).
            if genders[name] == nil, mention == name, let given = evidence.givenName(of: span, in: bytes) {
                genders[name] = given
            }
        }
        self.genders = genders
    }

    /// The canonical name the mention at `range` stands for, or nil.
    func name(of range: Range<Int>) -> String? {
        let firstPerson = Self.firstIndex(in: people, startingAtOrAfter: range.lowerBound)
        if let person = people[firstPerson...].prefix(while: { $0.utf8Range.lowerBound < range.upperBound })
            .last(where: { $0.utf8Range.upperBound <= range.upperBound }) {
            return person.attributes["name"] ?? text(person.utf8Range)
        }
        // A mention that starts inside a name ("Trump’s" read from "Donald Trump’s claim") is that person.
        if firstPerson > 0, people[firstPerson - 1].utf8Range.contains(range.lowerBound) {
            let person = people[firstPerson - 1]
            return person.attributes["name"] ?? text(person.utf8Range)
        }
        let firstTitle = Self.firstIndex(in: titles, startingAtOrAfter: range.lowerBound)
        if firstTitle < titles.count, range.contains(titles[firstTitle].utf8Range.lowerBound),
           let person = titles[firstTitle].attributes["person"] {
            return person
        }
        let word = text(range).lowercased()
        if let gender = Self.pronounGender[word] {
            var chosen: (sentence: Int, name: String)?
            let pronounSentence = sentenceIndex(of: range.lowerBound)
            for person in people[..<firstPerson].reversed() where person.utf8Range.upperBound <= range.lowerBound {
                if credits.contains(person.utf8Range.lowerBound) { continue }
                let name = person.attributes["name"] ?? text(person.utf8Range)
                if let known = genders[name], known != gender { continue }
                let sentence = sentenceIndex(of: person.utf8Range.lowerBound)
                if let current = chosen, current.sentence != sentence { break }
                if pronounSentence - sentence > Self.pronounReach { break }
                chosen = (sentence, name)
            }
            return chosen?.name
        }
        return nil
    }

    /// A writer or photographer named in a byline ("By Farhana Rahman") or a credit ("Image: Claire
    /// Zammit/Byline"): never the person a pronoun in the story stands for.
    private static func isCredit(_ person: Span, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if Self.creditRules.contains(person.rule) { return true }
        // A byline: "By" and capitalised words (or "and") only, on a short line of its own. The line is
        // looked for no further than that length allows (every person of a one-line text would
        // otherwise scan the whole text).
        let longest = 100
        var start = person.utf8Range.lowerBound, end = person.utf8Range.upperBound
        while start > 0 && bytes[start - 1] != 0x0A {
            start -= 1
            if end - start > longest { return false }
        }
        while end < bytes.count && bytes[end] != 0x0A {
            end += 1
            if end - start > longest { return false }
        }
        guard person.utf8Range.lowerBound - start >= 3 else { return false }
        let words = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            .split(separator: " ", omittingEmptySubsequences: true)
        return words.first == "By" && words.dropFirst().allSatisfy { word in
            word == "and" || word.first.map { $0.isUppercase } == true
        }
    }

    static let creditRules: Set<String> = ["person.byline", "person.unlisted-credit"]

    /// How many sentences back a pronoun looks for its person.
    static let pronounReach = 12

    /// The index of the first span starting at or after `position` (spans sorted by start).
    private static func firstIndex(in spans: [Span], startingAtOrAfter position: Int) -> Int {
        spans.partitionPoint { $0.utf8Range.lowerBound < position }
    }

    private func sentenceIndex(of position: Int) -> Int {
        sentenceStarts.partitionPoint { $0 <= position } - 1
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
