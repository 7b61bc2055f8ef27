/// A compiled gazetteer without its list definitions: what `GazetteerCache` writes and reads back.
extension Gazetteer {
    struct Parts {
        var classes: [String]
        var entries: [GazetteerEntry]
        var gendered: [Bool]
        var vocabulary: TokenKeyTable
        var edges: EdgeTable
        var rootChildren: [Int32]
        var hasChildren: [Bool]
        var terminalOffsets: [Int32]
        var terminalEntries: [Int32]
        var longestKey: Int
        var classStarts: [ClassStart]
    }

    var parts: Parts {
        Parts(classes: classes, entries: entries, gendered: gendered, vocabulary: vocabulary, edges: edges,
              rootChildren: rootChildren, hasChildren: hasChildren, terminalOffsets: terminalOffsets,
              terminalEntries: terminalEntries, longestKey: longestKey, classStarts: classStarts)
    }
}

extension Gazetteer.Parts {
    func write(to writer: inout BinaryWriter) {
        writer.write(UInt64(classes.count))
        for name in classes { writer.write(name) }
        writer.write(gendered)
        writer.write(classStarts.map { UInt8($0.withWordCharacter ? 1 : 0) | ($0.withUpperCase ? 2 : 0) })
        writer.write(UInt64(entries.count))
        for entry in entries {
            writer.write(entry.name)
            writer.write(entry.canonicalID)
            writer.write(entry.attributeText)
            writer.write(UInt32(entry.classIndex))
            writer.write(UInt32(entry.list))
            writer.write(UInt8(CasePolicy.allCases.firstIndex(of: entry.casePolicy)!))
            writer.write(entry.capitalizedMask)
            writer.write(entry.allUpperMask)
            writer.write(UInt32(entry.tokenCount))
            if let tokens = entry.exactTokens {
                writer.write(UInt32(tokens.count) + 1)
                for token in tokens { writer.write(token) }
            } else {
                writer.write(UInt32(0))
            }
        }
        writer.write(hasChildren)
        vocabulary.write(to: &writer)
        edges.write(to: &writer)
        writer.write(rootChildren)
        writer.write(terminalOffsets)
        writer.write(terminalEntries)
        writer.write(UInt64(longestKey))
    }

    /// Reads what `write(to:)` wrote for a gazetteer of `listCount` lists, checking every index it holds,
    /// so that a corrupt file fails here and not in matching.
    init(reading reader: inout BinaryReader, listCount: Int) throws {
        func malformed(_ what: String) -> BinaryReader.Malformed { BinaryReader.Malformed(offset: reader.offset, what: what) }
        let classCount = Int(try reader.read(UInt64.self))
        guard classCount <= 1 << 20 else { throw malformed("\(classCount) classes") }
        classes = try (0..<classCount).map { _ in try reader.readString() }
        gendered = try reader.readBools()
        classStarts = try reader.readArray(UInt8.self).map {
            Gazetteer.ClassStart(withWordCharacter: $0 & 1 != 0, withUpperCase: $0 & 2 != 0)
        }
        guard gendered.count == classCount, classStarts.count == classCount else { throw malformed("per-class tables") }
        let entryCount = Int(try reader.read(UInt64.self))
        guard entryCount < Int(Int32.max) else { throw malformed("\(entryCount) entries") }
        var entries: [GazetteerEntry] = []
        entries.reserveCapacity(min(entryCount, 1 << 24))
        let policies = CasePolicy.allCases
        for _ in 0..<entryCount {
            let name = try reader.readString(), id = try reader.readString(), attributes = try reader.readString()
            let classIndex = Int(try reader.read(UInt32.self)), list = Int(try reader.read(UInt32.self))
            let policy = Int(try reader.read(UInt8.self))
            let capitalized = try reader.read(UInt64.self), upper = try reader.read(UInt64.self)
            let tokenCount = Int(try reader.read(UInt32.self))
            let exactCount = Int(try reader.read(UInt32.self))
            guard classIndex < classCount, list < listCount, policy < policies.count, tokenCount > 0 else {
                throw malformed("entry \(entries.count)")
            }
            let exact = exactCount == 0 ? nil : try (1..<exactCount).map { _ in try reader.readString() }
            // Exact-case entries keep one surface per token, and only they do.
            guard (policies[policy] == .exact) == (exact != nil), exact.map({ $0.count == tokenCount }) ?? true else {
                throw malformed("entry \(entries.count)")
            }
            entries.append(GazetteerEntry(
                name: name, classIndex: classIndex, canonicalID: id, attributeText: attributes, list: list,
                casePolicy: policies[policy], capitalizedMask: capitalized, allUpperMask: upper,
                exactTokens: exact, tokenCount: tokenCount))
        }
        self.entries = entries
        hasChildren = try reader.readBools()
        let nodeCount = hasChildren.count
        vocabulary = try TokenKeyTable(reading: &reader)
        edges = try EdgeTable(reading: &reader, nodeCount: nodeCount)
        rootChildren = try reader.readArray()
        terminalOffsets = try reader.readArray()
        terminalEntries = try reader.readArray()
        longestKey = Int(try reader.read(UInt64.self))
        guard nodeCount > 0, rootChildren.count == vocabulary.count,
              rootChildren.allSatisfy({ $0 >= 0 && Int($0) < nodeCount }),
              terminalOffsets.count == nodeCount + 1, terminalOffsets.first == 0,
              zip(terminalOffsets, terminalOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              Int(terminalOffsets[nodeCount]) == terminalEntries.count,
              terminalEntries.allSatisfy({ $0 >= 0 && Int($0) < entryCount }), longestKey >= 0 else {
            throw malformed("inconsistent trie")
        }
        guard reader.isAtEnd else { throw malformed("bytes after the end") }
    }
}
