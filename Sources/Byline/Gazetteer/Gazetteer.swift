import BylineText
import Foundation

/// Every gazetteer list of a rule set, compiled into one token-level trie over normalized token keys.
///
/// Entries are tokenized with the same tokenizer as documents and each token is reduced to its
/// `TextNormalizer` key, so "São Paulo", "Sao Paulo" and "SAO PAULO" reach the same trie node; the entry's
/// `CasePolicy` then decides whether the surface form is acceptable. Immutable once built and shared by
/// all threads; matching goes through a `GazetteerMatcher`.
public final class Gazetteer: @unchecked Sendable {
    public let lists: [GazetteerList]
    /// Class names ("place/country", …), indexed by `GazetteerEntry.classIndex`.
    public let classes: [String]
    public let entries: [GazetteerEntry]
    /// `entries` reduced to what matching reads, index for index.
    let shapes: [EntryShape]
    /// Per class: some entry of it has a `gender=` attribute (first names, honorifics).
    let gendered: [Bool]
    /// Token key (folded UTF-8) → token id.
    let vocabulary: TokenKeyTable
    /// (node << 32 | token id) → child node. Node 0 is the root.
    let edges: EdgeTable
    /// Token id → child of the root (0: none): most lookups start at the root, so they take one array read.
    let rootChildren: [Int32]
    /// Whether a node has any child: most entries are one token long, and their nodes are leaves, so the
    /// matcher skips the edge table for them.
    let hasChildren: [Bool]
    /// A bit per token id: some entry has the token after its first (an edge below the root is labelled
    /// with it). Most words of a text are in no entry past the first token, and the matcher asks this small
    /// set before the edge table.
    private let continuations: [UInt64]
    /// Entries ending at node n are `terminalEntries[terminalOffsets[n] ..< terminalOffsets[n + 1]]`.
    let terminalOffsets: [Int32]
    let terminalEntries: [Int32]
    /// Longest token key in bytes: longer tokens cannot be in any entry.
    let longestKey: Int
    /// Per class: how its entries start, for the guards of span classes (`SpanClass.gazetteer`).
    let classStarts: [ClassStart]

    /// How every entry of a class starts.
    struct ClassStart {
        /// Every entry starts with a letter or a digit.
        var withWordCharacter = true
        /// Every entry's case policy demands an upper-case letter at its start.
        var withUpperCase = true
    }

    /// An empty gazetteer (no lists).
    public convenience init() throws {
        try self.init(lists: [])
    }

    /// Loads every list named in a `lists.def` file, through `cache` when one is given (see `GazetteerCache`).
    /// - Throws: `ResourceErrors` naming each bad line as `file:line: what is wrong`.
    public static func load(definitions url: URL, cache: GazetteerCache? = nil) throws -> Gazetteer {
        guard let cache else { return try build(ListDefinitions.parse(url)) }
        return try cache.gazetteer(definitions: url).gazetteer
    }

    /// Builds the gazetteer of parsed `lists.def` lines from their files, or from `contents` (the files'
    /// bytes, line by line) when the caller has read them already.
    static func build(_ definitions: [ListDefinitions.Line], contents: [[UInt8]]? = nil) throws -> Gazetteer {
        var loaded: [(GazetteerList, [GazetteerListReader.RawEntry])] = []
        var errors: [ResourceError] = []
        for (index, line) in definitions.enumerated() {
            let display = line.url.path
            do {
                loaded.append((line.list, try GazetteerListReader.read(line.url, contents: contents?[index], displayPath: display,
                                                                       defaultPolicy: line.list.casePolicy)))
            } catch let error as ResourceErrors {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return try Gazetteer(lists: loaded)
    }

    convenience init(lists loaded: [(GazetteerList, [GazetteerListReader.RawEntry])]) throws {
        self.init(lists: loaded.map(\.0), parts: try Self.compile(loaded))
    }

    /// Tokenizes and folds every entry into the trie and its tables.
    private static func compile(_ loaded: [(GazetteerList, [GazetteerListReader.RawEntry])]) throws -> Parts {
        let tokenizer = try Tokenizer()
        let normalizer = try TextNormalizer()
        var classes: [String] = [], classIndex: [String: Int] = [:]
        var entries: [GazetteerEntry] = []
        var vocabulary = TokenKeyTable()
        var edges = EdgeTable()
        var key: [UInt8] = []
        var hasChildren = [false]  // node → whether it has a child; node 0 is the root
        var nodeCount: Int32 = 1
        var terminals: [(node: Int32, entry: Int32)] = []
        // Entries by the node they end at, as chains (`entryAtNode[node]`, then `nextAtNode[entry]`; -1 ends):
        // a line that repeats an entry of its list is found among the few entries of its node.
        var entryAtNode: [Int32] = [-1]
        var nextAtNode: [Int32] = []
        var errors: [ResourceError] = []
        var longestKey = 0
        var genderedClasses: Set<Int> = []
        entries.reserveCapacity(loaded.reduce(0) { $0 + $1.1.count })

        for (listIndex, (_, rawEntries)) in loaded.enumerated() {
            for raw in rawEntries {
                var name = raw.name
                let tokenized = try name.withUTF8 { try tokenizer.tokenize(utf8: $0, sentences: false) }
                guard !tokenized.tokens.isEmpty else {
                    errors.append(ResourceError(raw.location, "entry '\(raw.name)' has no tokens"))
                    continue
                }
                var node: Int32 = 0
                var mask: UInt64 = 0, upperMask: UInt64 = 0
                var surfaces: [String] = []
                name.withUTF8 { bytes in
                    for (k, token) in tokenized.tokens.enumerated() {
                        let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                        normalizer.foldKey(utf8: slice, into: &key)
                        longestKey = max(longestKey, key.count, slice.count)
                        let id = key.withUnsafeBufferPointer { vocabulary.insert($0) }
                        let edge = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
                        if let child = edges[edge] { node = child } else {
                            edges.insert(edge, nodeCount)
                            hasChildren[Int(node)] = true
                            hasChildren.append(false)
                            entryAtNode.append(-1)
                            node = nodeCount
                            nodeCount += 1
                        }
                        if k < 64 && token.has(.capitalized) { mask |= 1 << UInt64(k) }
                        if k < 64 && token.has(.allUpper) { upperMask |= 1 << UInt64(k) }
                        if raw.casePolicy == .exact { surfaces.append(String(decoding: slice, as: UTF8.self)) }
                    }
                }
                let cls: Int
                if let known = classIndex[raw.className] { cls = known } else {
                    cls = classes.count
                    classes.append(raw.className)
                    classIndex[raw.className] = cls
                }
                // The same name, class and id twice in one list adds nothing.
                var other = entryAtNode[Int(node)], repeated = false
                while other >= 0 && !repeated {
                    let entry = entries[Int(other)]
                    repeated = entry.list == listIndex && entry.classIndex == cls && entry.casePolicy == raw.casePolicy
                        && entry.canonicalID == raw.canonicalID
                    other = nextAtNode[Int(other)]
                }
                if repeated { continue }
                nextAtNode.append(entryAtNode[Int(node)])
                entryAtNode[Int(node)] = Int32(entries.count)
                terminals.append((node, Int32(entries.count)))
                if !raw.attributeText.isEmpty && !genderedClasses.contains(cls) && Self.hasGender(raw.attributeText) {
                    genderedClasses.insert(cls)
                }
                entries.append(GazetteerEntry(
                    name: raw.name, classIndex: cls, canonicalID: raw.canonicalID, attributeText: raw.attributeText,
                    list: listIndex, casePolicy: raw.casePolicy, capitalizedMask: mask, allUpperMask: upperMask,
                    exactTokens: raw.casePolicy == .exact ? surfaces : nil, tokenCount: tokenized.tokens.count))
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }

        terminals.sort { $0.node != $1.node ? $0.node < $1.node : $0.entry < $1.entry }
        var offsets = [Int32](repeating: 0, count: Int(nodeCount) + 1)
        for terminal in terminals { offsets[Int(terminal.node) + 1] += 1 }
        for n in 0..<Int(nodeCount) { offsets[n + 1] += offsets[n] }

        var rootChildren = [Int32](repeating: 0, count: vocabulary.count)
        for id in 0..<vocabulary.count { rootChildren[id] = edges[UInt64(id)] ?? 0 }
        var starts = [ClassStart](repeating: ClassStart(), count: classes.count)
        for entry in entries {
            guard let first = entry.name.unicodeScalars.first else { continue }
            let ascii = first.value < 0x80 ? UInt8(first.value) : nil
            let isLetter = ascii.map { ($0 | 0x20) &- 0x61 < 26 } ?? first.properties.isAlphabetic
            let isDigit = ascii.map { $0 &- 0x30 < 10 } ?? (first.properties.numericType != nil)
            if !(isLetter || isDigit) { starts[entry.classIndex].withWordCharacter = false }
            let upperFirst = switch entry.casePolicy {
            case .any: false
            case .cap: isLetter && entry.capitalizedMask & 1 != 0
            case .upper: isLetter
            case .exact: isLetter && (ascii.map { $0 &- 0x41 < 26 } ?? first.properties.isUppercase)
            }
            if !upperFirst { starts[entry.classIndex].withUpperCase = false }
        }
        return Parts(classes: classes, entries: entries, gendered: classes.indices.map { genderedClasses.contains($0) },
                     vocabulary: vocabulary, edges: edges, rootChildren: rootChildren, hasChildren: hasChildren,
                     terminalOffsets: offsets, terminalEntries: terminals.map(\.entry), longestKey: longestKey,
                     classStarts: starts)
    }

    /// A gazetteer from its compiled parts (just built, or read back by `GazetteerCache`), for the lists they
    /// were compiled from.
    init(lists: [GazetteerList], parts: Parts) {
        self.lists = lists
        classes = parts.classes
        entries = parts.entries
        shapes = Self.shapes(of: parts.entries)
        gendered = parts.gendered
        vocabulary = parts.vocabulary
        edges = parts.edges
        rootChildren = parts.rootChildren
        hasChildren = parts.hasChildren
        var continuations = [UInt64](repeating: 0, count: parts.vocabulary.count / 64 + 1)
        parts.edges.forEachKey { key in
            let id = Int(key & 0xFFFF_FFFF)
            if key >> 32 != 0 { continuations[id >> 6] |= 1 << UInt64(id & 63) }
        }
        self.continuations = continuations
        terminalOffsets = parts.terminalOffsets
        terminalEntries = parts.terminalEntries
        longestKey = parts.longestKey
        classStarts = parts.classStarts
    }

    private static func shapes(of entries: [GazetteerEntry]) -> [EntryShape] {
        entries.map {
            EntryShape(list: Int32($0.list), classIndex: Int32($0.classIndex), casePolicy: $0.casePolicy,
                       capitalizedMask: $0.capitalizedMask, allUpperMask: $0.allUpperMask)
        }
    }

    /// Whether `key=value;…` attribute text has a `gender` key (a byte scan: it runs for every entry).
    private static let genderKey = Array("gender=".utf8)
    private static func hasGender(_ attributes: String) -> Bool {
        let key = genderKey
        var attributes = attributes
        return attributes.withUTF8 { bytes in
            var start = 0
            while start + key.count <= bytes.count {
                if bytes[start..<start + key.count].elementsEqual(key) { return true }
                guard let semicolon = bytes[start...].firstIndex(of: UInt8(ascii: ";")) else { return false }
                start = semicolon + 1
            }
            return false
        }
    }

    /// Class indices named by `name`: the class itself, and for a bare type ("place") every subtype
    /// ("place/country", "place/city", …).
    public func classIndices(named name: String) -> [Int] {
        classes.indices.filter { classes[$0] == name || classes[$0].hasPrefix(name + "/") }
    }

    /// Number of trie nodes (for reports).
    public var nodeCount: Int { terminalOffsets.count - 1 }

    /// Whether token `id` follows the first token in some entry (`continuations`).
    @inline(__always) func continues(_ id: Int32) -> Bool {
        continuations[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0
    }

    @inline(__always) func child(of node: Int32, token id: Int32) -> Int32? {
        if node == 0 {
            let child = rootChildren[Int(id)]
            return child == 0 ? nil : child
        }
        guard hasChildren[Int(node)] else { return nil }
        return edges[UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))]
    }
}
