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
        var attributes: [String: String]
        var casePolicy: CasePolicy
        var location: SourceLocation
    }

    static func read(_ url: URL, displayPath: String, defaultPolicy: CasePolicy) throws -> [RawEntry] {
        let text = try ResourceText.read(url)
        var entries: [RawEntry] = []
        var errors: [ResourceError] = []
        for (index, line) in ResourceText.lines(text).enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let location = SourceLocation(file: displayPath, line: index + 1)
            do {
                entries.append(try parse(line, location, defaultPolicy))
            } catch let error as ResourceError {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return entries
    }

    static func parse(_ line: Substring, _ location: SourceLocation, _ defaultPolicy: CasePolicy) throws -> RawEntry {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 2 else {
            throw ResourceError(location, "expected NAME<TAB>TYPE[/SUBTYPE][<TAB>ID[<TAB>ATTRIBUTES]], found \(fields.count) column")
        }
        guard fields.count <= 4 else { throw ResourceError(location, "expected at most 4 tab-separated columns, found \(fields.count)") }
        let name = String(fields[0].trimmingWhitespace)
        guard !name.isEmpty else { throw ResourceError(location, "empty name in column 1") }
        let className = String(fields[1].trimmingWhitespace)
        guard isValidClassName(className) else {
            throw ResourceError(location, "bad type '\(className)' in column 2: expected lower-case type or type/subtype, such as place/country")
        }
        var attributes: [String: String] = [:]
        var policy = defaultPolicy
        if fields.count == 4 {
            for pair in fields[3].split(separator: ";") where !pair.trimmingWhitespace.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].trimmingWhitespace.isEmpty else {
                    throw ResourceError(location, "bad attribute '\(pair)' in column 4: expected key=value")
                }
                let key = String(parts[0].trimmingWhitespace), value = String(parts[1].trimmingWhitespace)
                if key == "case" {
                    guard let override = CasePolicy(rawValue: value) else {
                        throw ResourceError(location, "unknown case policy '\(value)' (expected \(CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    policy = override
                } else {
                    attributes[key] = value
                }
            }
        }
        let id = fields.count >= 3 ? String(fields[2].trimmingWhitespace) : ""
        return RawEntry(name: name, className: className, canonicalID: id, attributes: attributes,
                        casePolicy: policy, location: location)
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
