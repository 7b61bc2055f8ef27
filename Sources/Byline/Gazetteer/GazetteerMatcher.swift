import BylineText

/// Finds gazetteer entries in a document's tokens: at each token, the longest entry whose case policy
/// accepts the text, never across a line break. All entries of that length (one name can be a city and a
/// surname) are reported. Per-thread (it owns a `TextNormalizer`); O(tokens × longest entry).
public final class GazetteerMatcher {
    public let gazetteer: Gazetteer
    private let normalizer: TextNormalizer
    private var keyIDs: [Int32] = []
    private var ends: [(end: Int, node: Int32)] = []

    public init(_ gazetteer: Gazetteer) throws {
        self.gazetteer = gazetteer
        self.normalizer = try TextNormalizer()
    }

    /// The lookups in `tokens` over `bytes` (the document's UTF-8), in token order.
    public func lookups(_ tokens: [Token], in bytes: UnsafeBufferPointer<UInt8>) -> [Lookup] {
        guard !gazetteer.entries.isEmpty else { return [] }
        keyIDs.removeAll(keepingCapacity: true)
        for token in tokens {
            if token.byteCount > gazetteer.longestKey {
                keyIDs.append(-1)
            } else {
                let key = normalizer.foldKey(utf8: UnsafeBufferPointer(rebasing: bytes[token.utf8Range]))
                keyIDs.append(gazetteer.vocabulary[key] ?? -1)
            }
        }
        var lookups: [Lookup] = []
        for start in tokens.indices {
            guard keyIDs[start] >= 0, var node = gazetteer.child(of: 0, token: keyIDs[start]) else { continue }
            ends.removeAll(keepingCapacity: true)
            var next = start + 1
            if !gazetteer.entriesEnding(at: node).isEmpty { ends.append((next, node)) }
            while next < tokens.count, !tokens[next].has(.startsLine), keyIDs[next] >= 0,
                  let child = gazetteer.child(of: node, token: keyIDs[next]) {
                node = child
                next += 1
                if !gazetteer.entriesEnding(at: node).isEmpty { ends.append((next, node)) }
            }
            for candidate in ends.reversed() {
                let span = tokens[start..<candidate.end]
                var found = false
                for entryIndex in gazetteer.entriesEnding(at: candidate.node) {
                    let entry = gazetteer.entries[Int(entryIndex)]
                    guard entry.casePolicy.accepts(entry, span, bytes) else { continue }
                    found = true
                    lookups.append(Lookup(tokens: start..<candidate.end,
                                          utf8Range: Int(tokens[start].start)..<Int(tokens[candidate.end - 1].end),
                                          entry: Int(entryIndex)))
                }
                if found { break }
            }
        }
        return lookups
    }
}
