import BylineText

/// Finds gazetteer entries in a document's tokens: at each token and for each list, the longest entry whose
/// case policy accepts the text, never across a line break. All entries of that length in that list are
/// reported, and lists do not shadow each other: "Ursula von der Leyen" in the known-people list leaves
/// "Ursula" in the first-name list for rules to use. Per-thread (it owns a `TextNormalizer`);
/// O(tokens × longest entry).
public final class GazetteerMatcher {
    public let gazetteer: Gazetteer
    private let normalizer: TextNormalizer
    private var keyIDs: [Int32] = []
    /// Per token of the current document: the trie root's child for its key (0: none).
    private var rootChildren: [Int32] = []
    private var keyCache = TokenKeyCache()
    private var edgeCache = TrieEdgeCache()
    private var key: [UInt8] = []
    private var ends = TrieEnds()
    /// Per list, the start token at which it last matched (its longest entry there is already reported).
    private var listMatchedAt: [Int]

    public init(_ gazetteer: Gazetteer) throws {
        self.gazetteer = gazetteer
        self.normalizer = try TextNormalizer()
        self.listMatchedAt = Array(repeating: -1, count: gazetteer.lists.count)
    }

    /// The lookups in `tokens` over `bytes` (the document's UTF-8), in token order.
    public func lookups(_ tokens: [Token], in bytes: UnsafeBufferPointer<UInt8>) -> [Lookup] {
        guard !gazetteer.entries.isEmpty else { return [] }
        // The buffers kept between documents, as locals for the loop (a class's stored properties cost an
        // exclusivity check at every access); handed back at the end.
        var keyIDs = self.keyIDs, key = self.key, ends = self.ends, listMatchedAt = self.listMatchedAt
        var rootChildren = self.rootChildren, keyCache = self.keyCache, edgeCache = self.edgeCache
        self.keyIDs = []; self.key = []; self.ends = TrieEnds(); self.listMatchedAt = []; self.rootChildren = []
        self.keyCache = TokenKeyCache.empty
        self.edgeCache = TrieEdgeCache.empty
        defer {
            (self.keyIDs, self.key, self.ends, self.listMatchedAt) = (keyIDs, key, ends, listMatchedAt)
            (self.rootChildren, self.keyCache, self.edgeCache) = (rootChildren, keyCache, edgeCache)
        }
        let gazetteer = self.gazetteer, normalizer = self.normalizer
        keyIDs.removeAll(keepingCapacity: true)
        rootChildren.removeAll(keepingCapacity: true)
        let ask = { (key: UnsafeBufferPointer<UInt8>) -> TokenKeyCache.Answer in
            guard let id = gazetteer.vocabulary.id(of: key) else { return .init(id: -1, rootChild: 0) }
            return .init(id: id, rootChild: gazetteer.child(of: 0, token: id) ?? 0)
        }
        for token in tokens {
            if token.byteCount > gazetteer.longestKey {
                keyIDs.append(-1)
                rootChildren.append(0)
            } else if token.has(.ascii) && token.byteCount > 0 && token.byteCount <= TextNormalizer.packedKeyBytes {
                // Most tokens: the key is the bytes lower-cased, folded eight at a time into the cache's key.
                let (low, high) = TextNormalizer.packedASCIIKey(bytes, token.utf8Range)
                let answer = keyCache.answer(low: low, high: high, length: token.byteCount, ask: ask)
                keyIDs.append(answer.id)
                rootChildren.append(answer.rootChild)
            } else {
                normalizer.foldKey(utf8: UnsafeBufferPointer(rebasing: bytes[token.utf8Range]), into: &key)
                let answer = key.withUnsafeBufferPointer { keyCache.answer($0, ask: ask) }
                keyIDs.append(answer.id)
                rootChildren.append(answer.rootChild)
            }
        }
        var lookups: [Lookup] = []
        for list in listMatchedAt.indices { listMatchedAt[list] = -1 }
        // Raw buffers in the loop: array slices and class properties would be retained and released at
        // every token (a tenth of a lists-only run went to reference counting here).
        tokens.withUnsafeBufferPointer { tokens in
        keyIDs.withUnsafeBufferPointer { keyIDs in
        rootChildren.withUnsafeBufferPointer { rootChildren in
        listMatchedAt.withUnsafeMutableBufferPointer { listMatchedAt in
        gazetteer.terminalOffsets.withUnsafeBufferPointer { terminalOffsets in
        gazetteer.terminalEntries.withUnsafeBufferPointer { terminalEntries in
        gazetteer.shapes.withUnsafeBufferPointer { shapes in
            /// Whether some entry ends at `node`.
            func hasEntries(_ node: Int32) -> Bool { terminalOffsets[Int(node)] != terminalOffsets[Int(node) + 1] }
            for start in tokens.indices {
                guard rootChildren[start] != 0 else { continue }
                var node = rootChildren[start]
                ends.reset()
                var next = start + 1
                if hasEntries(node) { ends.add(end: next, node: node) }
                while next < tokens.count, !tokens[next].has(.startsLine), keyIDs[next] >= 0, gazetteer.continues(keyIDs[next]) {
                    let id = keyIDs[next]
                    let child = edgeCache.child(of: node, token: id) { gazetteer.child(of: node, token: id) ?? 0 }
                    guard child != 0 else { break }
                    node = child
                    next += 1
                    if hasEntries(node) { ends.add(end: next, node: node) }
                }
                for k in stride(from: ends.count - 1, through: 0, by: -1) {  // longest first
                    let candidate = ends[k]
                    let span = UnsafeBufferPointer(rebasing: tokens[start..<candidate.end])
                    let before = lookups.count
                    for terminal in Int(terminalOffsets[Int(candidate.node)])..<Int(terminalOffsets[Int(candidate.node) + 1]) {
                        let entryIndex = Int(terminalEntries[terminal])
                        let entry = shapes[entryIndex]
                        guard listMatchedAt[Int(entry.list)] != start,
                              entry.casePolicy.accepts(entry, entryIndex, of: gazetteer, span, bytes) else { continue }
                        lookups.append(Lookup(tokens: start..<candidate.end,
                                              utf8Range: Int(tokens[start].start)..<Int(tokens[candidate.end - 1].end),
                                              entry: entryIndex))
                    }
                    // Mark after the whole length is seen: every entry of a list at its longest length counts.
                    for lookup in before..<lookups.count { listMatchedAt[Int(shapes[lookups[lookup].entry].list)] = start }
                }
            }
        }}}}}}}
        return lookups
    }
}

/// The lengths at which entries end from one start token, as the trie walk finds them: (end token, trie
/// node). Its storage is kept from start to start and never emptied: emptying an array is a call into the
/// runtime, and the walk starts again at most once per token.
struct TrieEnds {
    private var items: [(end: Int, node: Int32)] = []
    private(set) var count = 0

    mutating func reset() { count = 0 }

    mutating func add(end: Int, node: Int32) {
        if count < items.count { items[count] = (end, node) } else { items.append((end, node)) }
        count += 1
    }

    /// The `index`-th end found (shortest first).
    subscript(index: Int) -> (end: Int, node: Int32) { items[index] }
}
