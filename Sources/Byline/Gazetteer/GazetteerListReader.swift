import Foundation

/// Reads one gazetteer list: UTF-8 TSV, one entry a line, `#` comment lines and blank lines skipped.
///
///     NAME <TAB> TYPE/SUBTYPE <TAB> CANONICAL-ID <TAB> key=value;key=value
///
/// The id and attributes are optional. The attribute `case=any|cap|upper|exact` overrides the list's
/// case policy for that entry.
enum GazetteerListReader {
    struct RawEntry {
        var name: String
        var className: String
        var canonicalID: String
        /// The fourth column's pairs other than `case=`, checked and written `key=value;key=value`.
        var attributeText: String
        var casePolicy: CasePolicy
        var location: SourceLocation
    }

    /// Reads the list at `url`, or parses `contents` when the caller has its bytes already.
    static func read(_ url: URL, contents: [UInt8]? = nil, displayPath: String, defaultPolicy: CasePolicy) throws -> [RawEntry] {
        let text = try contents.map { try ResourceText.decode($0, of: url) } ?? ResourceText.read(url)
        var entries: [RawEntry] = []
        var errors: [ResourceError] = []
        var validClasses: Set<String> = []
        // Byte-level parsing: lists hold hundreds of thousands of lines, and Character-level splitting
        // (grapheme breaking) would dominate the load time. Tabs, CR, LF and ASCII spaces are all single bytes.
        var text8 = text
        text8.withUTF8 { bytes in
            var lineNumber = 0
            var lineStart = 0
            while lineStart < bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let next = lineEnd + 1
                if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = next
                let trimmed = trim(line)
                if trimmed.isEmpty || line.first == UInt8(ascii: "#") { continue }
                let location = SourceLocation(file: displayPath, line: lineNumber)
                do {
                    entries.append(try parse(line, location, defaultPolicy, &validClasses))
                } catch let error as ResourceError {
                    errors.append(error)
                } catch {}
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return entries
    }

    private static func parse(_ line: UnsafeBufferPointer<UInt8>, _ location: SourceLocation, _ defaultPolicy: CasePolicy,
                              _ validClasses: inout Set<String>) throws -> RawEntry {
        let fields = split(line, on: 0x09)
        guard fields.count >= 2 else {
            throw ResourceError(location, "expected NAME<TAB>TYPE[/SUBTYPE][<TAB>ID[<TAB>ATTRIBUTES]], found \(fields.count) column")
        }
        guard fields.count <= 4 else { throw ResourceError(location, "expected at most 4 tab-separated columns, found \(fields.count)") }
        let name = string(trim(fields[0]))
        guard !name.isEmpty else { throw ResourceError(location, "empty name in column 1") }
        let className = string(trim(fields[1]))
        if !validClasses.contains(className) {
            guard isValidClassName(className) else {
                throw ResourceError(location, "bad type '\(className)' in column 2: expected lower-case type or type/subtype, such as place/country")
            }
            validClasses.insert(className)
        }
        var attributeText = ""
        var policy = defaultPolicy
        if fields.count == 4 {
            for pair in split(fields[3], on: UInt8(ascii: ";")) where !trim(pair).isEmpty {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")),
                      !trim(UnsafeBufferPointer(rebasing: pair[..<equals])).isEmpty else {
                    throw ResourceError(location, "bad attribute '\(string(pair))' in column 4: expected key=value")
                }
                let key = string(trim(UnsafeBufferPointer(rebasing: pair[..<equals])))
                let value = string(trim(UnsafeBufferPointer(rebasing: pair[(equals + 1)...])))
                if key == "case" {
                    guard let override = CasePolicy(rawValue: value) else {
                        throw ResourceError(location, "unknown case policy '\(value)' (expected \(CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    policy = override
                } else {
                    attributeText += attributeText.isEmpty ? "\(key)=\(value)" : ";\(key)=\(value)"
                }
            }
        }
        let id = fields.count >= 3 ? string(trim(fields[2])) : ""
        return RawEntry(name: name, className: className, canonicalID: id, attributeText: attributeText,
                        casePolicy: policy, location: location)
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, on separator: UInt8) -> [UnsafeBufferPointer<UInt8>] {
        var parts: [UnsafeBufferPointer<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == separator {
            parts.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
        }
        parts.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.endIndex]))
        return parts
    }

    /// Without leading and trailing ASCII spaces, tabs and line breaks.
    private static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = bytes.startIndex, upper = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while lower < upper && isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// `type` or `type/subtype[/…]`, lower-case ASCII letters, digits, '-' and '_'.
    static func isValidClassName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
            return part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
        }
    }
}
