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
    private var ends: [(end: Int, node: Int32)] = []
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
        self.keyIDs = []; self.key = []; self.ends = []; self.listMatchedAt = []; self.rootChildren = []
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
            } else if token.has(.ascii) && token.byteCount > 0 && token.byteCount <= TokenKeyCache.packedBytes {
                // Most tokens: the key is the bytes lower-cased, folded eight at a time into the cache's key.
                let (low, high) = Self.foldedASCII(bytes, token.utf8Range)
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
            // The lengths at which entries end from the current start: `ends[0..<endCount]` (the array is
            // reused, not emptied, as emptying an array costs a call into the runtime; written in place
            // below, as a local function capturing it would box it and check every access at run time).
            var endCount = 0
            for start in tokens.indices {
                guard rootChildren[start] != 0 else { continue }
                var node = rootChildren[start]
                endCount = 0
                var next = start + 1
                if hasEntries(node) {
                    if endCount < ends.count { ends[endCount] = (next, node) } else { ends.append((next, node)) }
                    endCount += 1
                }
                while next < tokens.count, !tokens[next].has(.startsLine), keyIDs[next] >= 0, gazetteer.continues(keyIDs[next]) {
                    let id = keyIDs[next]
                    let child = edgeCache.child(of: node, token: id) { gazetteer.child(of: node, token: id) ?? 0 }
                    guard child != 0 else { break }
                    node = child
                    next += 1
                    if hasEntries(node) {
                        if endCount < ends.count { ends[endCount] = (next, node) } else { ends.append((next, node)) }
                        endCount += 1
                    }
                }
                for candidate in ends[..<endCount].reversed() {
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

    /// The key of an ASCII token of at most 16 bytes (`range` of `bytes`), packed as `TokenKeyCache` keys
    /// are: its bytes with A–Z lower-cased (what `TextNormalizer.foldKey` makes of ASCII), little-endian,
    /// zero past the end.
    @inline(__always)
    static func foldedASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64) {
        let base = bytes.baseAddress!
        @inline(__always) func word(_ from: Int, _ count: Int) -> UInt64 {
            guard count > 0 else { return 0 }
            var value: UInt64
            if from + 8 <= bytes.count {
                value = UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self).littleEndian
                if count < 8 { value &= (1 << UInt64(count * 8)) &- 1 }
            } else {
                value = 0
                for i in 0..<min(count, 8) { value |= UInt64(base[from + i]) << UInt64(i * 8) }
            }
            // Bytes are ASCII (below 0x80): set bit 5 of those in A…Z.
            let atLeastA = value &+ 0x3F3F_3F3F_3F3F_3F3F  // top bit set where a byte is ≥ 0x41
            let aboveZ = value &+ 0x2525_2525_2525_2525  // top bit set where a byte is > 0x5A
            return value | ((atLeastA & ~aboveZ & 0x8080_8080_8080_8080) >> 2)
        }
        let count = range.count
        return (word(range.lowerBound, min(count, 8)), word(range.lowerBound + 8, count - 8))
    }
}
