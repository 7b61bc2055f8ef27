/// One line of a gazetteer list, compiled.
public struct GazetteerEntry: Sendable {
    /// The name as written in the list.
    public let name: String
    /// Index into `Gazetteer.classes` ("place/country", "person/first", …).
    public let classIndex: Int
    /// The canonical id (GeoNames id, ISO code, canonical name), or "" when the list gives none.
    public let canonicalID: String
    /// The fourth column's `key=value` pairs, kept as one string (`key=value;key=value`): a dictionary per
    /// entry would cost hundreds of bytes for each of the 200,000 entries; they are read per output span.
    let attributeText: String
    /// The fourth column's `key=value` pairs.
    public var attributes: [String: String] {
        var pairs: [String: String] = [:]
        forEachAttribute { key, value in
            pairs[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            return true
        }
        return pairs
    }
    /// One attribute's value, without building the dictionary.
    public func attribute(_ key: String) -> String? {
        var found: String?
        var key = key
        key.withUTF8 { wanted in
            forEachAttribute { name, value in
                guard name.elementsEqual(wanted) else { return true }
                found = String(decoding: value, as: UTF8.self)
                return false
            }
        }
        return found
    }
    /// Calls `body` with each pair's key and value bytes, in order, until it returns false (a byte scan:
    /// attributes are read for every span a list produces).
    private func forEachAttribute(_ body: (UnsafeBufferPointer<UInt8>.SubSequence, UnsafeBufferPointer<UInt8>.SubSequence) -> Bool) {
        guard !attributeText.isEmpty else { return }
        var text = attributeText
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
                var equals = start
                while equals < end && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                if equals < end, !body(bytes[start..<equals], bytes[(equals + 1)..<end]) { return }
                start = end + 1
            }
        }
    }
    /// Index into `Gazetteer.lists`.
    public let list: Int
    public let casePolicy: CasePolicy
    /// Bit k is set when token k of the entry is capitalised (first 64 tokens).
    let capitalizedMask: UInt64
    /// Bit k is set when token k of the entry is written in capitals ("US", "NATO").
    let allUpperMask: UInt64
    /// The entry's token texts, kept only for `exact` entries.
    let exactTokens: [String]?
    public let tokenCount: Int
}

/// A list file and how its entries are used, from one line of `lists.def`.
public struct GazetteerList: Sendable {
    /// The path as written in `lists.def` (relative to it): also the list's name in rule ids.
    public let path: String
    /// The case policy of entries that do not set their own `case=` attribute.
    public let casePolicy: CasePolicy
    /// The output label its matches become (nil: lookups only, for rules to use).
    public let emitLabel: String?
    public let priority: Int
    /// The priority of a match of two or more tokens, when the list sets `multiword-priority=N`: a whole
    /// multi-word name ("Ho Chi Minh City") is stronger evidence than a rule that found part of it.
    public var multiwordPriority: Int? = nil
    /// The priority of a match of an entry of `tokenCount` tokens.
    public func priority(tokenCount: Int) -> Int { tokenCount > 1 ? multiwordPriority ?? priority : priority }
    /// The rule id spans from this list carry: `gazetteer:PATH`.
    public let ruleID: String

    public init(path: String, casePolicy: CasePolicy, emitLabel: String?, priority: Int, multiwordPriority: Int? = nil) {
        self.path = path
        self.casePolicy = casePolicy
        self.emitLabel = emitLabel
        self.priority = priority
        self.multiwordPriority = multiwordPriority
        self.ruleID = "gazetteer:\(path)"
    }
}

/// The fields of an entry that matching reads for every candidate, kept apart from the entry's strings and
/// attributes so that the hot loop copies plain values instead of retaining references.
struct EntryShape {
    var list: Int32
    var classIndex: Int32
    var casePolicy: CasePolicy
    var capitalizedMask: UInt64
    var allUpperMask: UInt64
}
