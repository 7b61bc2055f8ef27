import BylineText
import Foundation

/// Parses `lists.def`: one list per line, `FILE [case=POLICY] [emit=LABEL] [priority=N] [multiword-priority=N]`, paths relative
/// to the definitions file; `#` starts a comment.
enum ListDefinitions {
    struct Line {
        var list: GazetteerList
        var location: SourceLocation
        var url: URL
    }

    /// Parses the file at `url`, or `text` when the caller has read it already.
    static func parse(_ url: URL, text: String? = nil) throws -> [Line] {
        let file = url.path
        let text = try text ?? ResourceText.read(url)
        var lines: [Line] = []
        var errors: [ResourceError] = []
        for (index, raw) in ResourceText.lines(text).enumerated() {
            let location = SourceLocation(file: file, line: index + 1)
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let path = fields.first else { continue }
            var policy = CasePolicy.cap, label: String? = nil, priority = 0, multiwordPriority: Int? = nil
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else {
                    errors.append(ResourceError(location, "expected key=value, found '\(field)'"))
                    continue
                }
                switch pair[0] {
                case "case":
                    guard let value = CasePolicy(rawValue: String(pair[1])) else {
                        errors.append(ResourceError(location, "unknown case policy '\(pair[1])' (expected \(CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")))"))
                        continue
                    }
                    policy = value
                case "emit":
                    label = String(pair[1])
                case "priority":
                    guard let value = Int(pair[1]) else {
                        errors.append(ResourceError(location, "priority must be a whole number, found '\(pair[1])'"))
                        continue
                    }
                    priority = value
                case "multiword-priority":
                    guard let value = Int(pair[1]) else {
                        errors.append(ResourceError(location, "multiword-priority must be a whole number, found '\(pair[1])'"))
                        continue
                    }
                    multiwordPriority = value
                default:
                    errors.append(ResourceError(location, "unknown key '\(pair[0])' (expected case, emit, priority or multiword-priority)"))
                }
            }
            let listURL = ResourceText.resolve(String(path), relativeTo: url.deletingLastPathComponent())
            guard FileManager.default.fileExists(atPath: listURL.path) else {
                errors.append(ResourceError(location, "list file '\(path)' not found (looked for \(listURL.path))"))
                continue
            }
            var list = GazetteerList(path: String(path), casePolicy: policy, emitLabel: label, priority: priority)
            list.multiwordPriority = multiwordPriority
            lines.append(Line(list: list, location: location, url: listURL))
        }
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return lines
    }
}

/// Reading user-edited text resources: UTF-8 required, errors name the file.
enum ResourceText {
    static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ResourceErrors([ResourceError(SourceLocation(file: url.path, line: 0), "cannot read the file")])
        }
        return try decode([UInt8](data), of: url)
    }

    /// The text of a file's bytes, read earlier.
    static func decode(_ bytes: [UInt8], of url: URL) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = BylineText.UTF8Input.firstInvalidOffset(bytes)
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ResourceErrors([ResourceError(SourceLocation(file: url.path, line: line), "invalid UTF-8 at byte offset \(offset)")])
        }
        return text
    }

    /// A path from a resource file: absolute as it is, otherwise relative to the file's folder.
    static func resolve(_ path: String, relativeTo folder: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)).standardizedFileURL
    }

    /// Lines without their terminators (LF or CRLF), numbered from the first.
    static func lines(_ text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so split on either form.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
