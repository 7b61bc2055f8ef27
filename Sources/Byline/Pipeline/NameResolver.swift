import BylineText

/// In-document name resolution (`resolve: PERSON` in pipeline.conf): once a document names "Amara Wanjiku",
/// every later or earlier "Wanjiku" in it is that person too, whatever the gazetteer thinks of the word
/// ("Moyo" is also a town). Every span of the label gets the attribute `name`: its full form.
///
/// The short form of a full name is its last space-separated word ("Asante-Mensah" for "Kofi Asante-Mensah",
/// "Dam" for "Pieter van Dam"), or its first for a span with `order=surname-first` ("Park" for "Park Ji-hoon"). A short form shared by two full names in one document resolves to neither.
/// Only whole tokens that start with a capital letter are taken, and never inside another span of the label.
struct NameResolver {
    let label: String
    /// The priority of the spans it adds: above gazetteer places, below rules that find names outright.
    static let priority = 7
    var ruleID: String { "resolve:\(label)" }

    /// New candidate spans for short forms, and `accepted` with `name` attributes set.
    func resolve(_ accepted: [Span], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> (named: [Span], added: [Span]) {
        var fullNames: [[UInt8]: String?] = [:]  // short form → full name (nil when ambiguous)
        for span in accepted where span.label == label {
            let text = Array(bytes[span.utf8Range])
            let short: [UInt8]
            if span.attributes["order"] == "surname-first" {
                guard let space = text.firstIndex(of: 0x20), space > 0 else { continue }
                short = Array(text[..<space])
            } else {
                guard let space = text.lastIndex(of: 0x20), space + 1 < text.count else { continue }
                short = Array(text[(space + 1)...])
            }
            let full = String(decoding: text, as: UTF8.self)
            if let known = fullNames[short] {
                if known != full { fullNames[short] = .some(nil) }
            } else {
                fullNames[short] = full
            }
        }
        var named = accepted
        for index in named.indices where named[index].label == label && named[index].attributes["name"] == nil {
            let text = Array(bytes[named[index].utf8Range])
            named[index].attributes["name"] = (fullNames[text] ?? nil) ?? String(decoding: text, as: UTF8.self)
        }
        guard !fullNames.isEmpty else { return (named, []) }

        // Longest short form first, then byte order: the same document always resolves the same way.
        let shortForms = fullNames.compactMap { short, full in full.map { (short, $0) } }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0.lexicographicallyPrecedes($1.0) }
        let covered = accepted.filter { $0.label == label }.map(\.utf8Range).sorted { $0.lowerBound < $1.lowerBound }
        var added: [Span] = []
        var t = 0
        while t < tokens.count {
            let token = tokens[t]
            guard token.has(.capitalized) else { t += 1; continue }
            var matched = false
            for (short, full) in shortForms {
                guard Int(token.start) + short.count <= bytes.count,
                      bytes[Int(token.start)..<Int(token.start) + short.count].elementsEqual(short) else { continue }
                let end = Int(token.start) + short.count
                // The short form must end where a token ends.
                guard let last = tokens[t...].firstIndex(where: { Int($0.end) >= end }), Int(tokens[last].end) == end else { continue }
                let range = Int(token.start)..<end
                if !covered.contains(where: { $0.overlaps(range) }) {
                    added.append(Span(label: label, utf8Range: range, rule: ruleID, priority: Self.priority, attributes: ["name": full]))
                }
                t = last + 1
                matched = true
                break
            }
            if !matched { t += 1 }
        }
        return (named, added)
    }
}
