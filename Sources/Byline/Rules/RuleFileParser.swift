import Foundation

/// Parses a rule file. The format, line by line (`#` starts a comment line):
///
///     define CAPWORD = \p{Lu}[\p{L}\p{M}'’-]*
///
///     rule person.title-name
///       pattern: {title}\h+(?<name>{person/first}\h+{CAPWORD})
///       emit: name=PERSON
///       priority: 10
///       attr: source=title
///       link: title=person
///       flags: caseless
///       example: Finance Minister Maria Okafor said => name="Maria Okafor"
///       counter: the finance minister said
///
/// Rule properties are indented under their `rule` line. Several `pattern:` lines are joined without a
/// separator, so a long pattern can be split. Errors name `file:line`.
enum RuleFileParser {
    static let keys = ["pattern", "emit", "quote", "link", "priority", "attr", "flags", "near", "needs", "outside", "example", "counter"]
    static let quoteKinds = ["quoted", "indirect"]
    static let flagNames = ["caseless", "extended", "dotall", "multiline"]

    static func parse(_ text: String, path: String) throws -> RuleFile {
        var file = RuleFile(path: path)
        var current: RuleSource?
        var errors: [ResourceError] = []
        func finish() {
            if let rule = current {
                if rule.pattern.isEmpty { errors.append(ResourceError(rule.location, "rule \(rule.id) has no pattern")) }
                if rule.emits.isEmpty && rule.quoteKind == nil {
                    errors.append(ResourceError(rule.location, "rule \(rule.id) has no emit line (emit: GROUP=LABEL) nor quote line (quote: quoted|indirect)"))
                }
                file.rules.append(rule)
            }
            current = nil
        }
        for (index, line) in ResourceText.lines(text).enumerated() {
            let location = SourceLocation(file: path, line: index + 1)
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indented = line.first == " " || line.first == "\t"
            if !indented {
                finish()
                if trimmed.hasPrefix("define ") {
                    do { file.macros.append(try parseDefine(trimmed, location)) } catch let e as ResourceError { errors.append(e) }
                } else if trimmed.hasPrefix("rule ") || trimmed == "rule" {
                    let id = String(trimmed.dropFirst(4).trimmingWhitespace)
                    if !isValidRuleID(id) {
                        errors.append(ResourceError(location, "bad rule id '\(id)': use letters, digits, '.', '-' and '_'"))
                    }
                    current = RuleSource(id: id, location: location)
                } else {
                    errors.append(ResourceError(location, "expected 'define NAME = PATTERN' or 'rule ID', found '\(trimmed.prefix(40))'"))
                }
                continue
            }
            guard current != nil else {
                errors.append(ResourceError(location, "indented line outside a rule"))
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else {
                errors.append(ResourceError(location, "expected 'key: value' with key one of \(keys.joined(separator: ", "))"))
                continue
            }
            let key = String(trimmed[..<colon])
            var value = trimmed[trimmed.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
            do {
                try apply(key: key, value: String(value), to: &current!, location)
            } catch let e as ResourceError {
                errors.append(e)
            }
        }
        finish()
        if !errors.isEmpty { throw ResourceErrors(errors) }
        return file
    }

    private static func parseDefine(_ line: Substring, _ location: SourceLocation) throws -> MacroDefinition {
        let rest = line.dropFirst("define ".count)
        guard let equals = rest.firstIndex(of: "=") else {
            throw ResourceError(location, "expected 'define NAME = PATTERN'")
        }
        let name = String(rest[..<equals].trimmingWhitespace)
        guard isValidMacroName(name) else {
            throw ResourceError(location, "bad macro name '\(name)': use upper-case letters, digits and '_', starting with a letter")
        }
        let body = String(rest[rest.index(after: equals)...].trimmingWhitespace)
        guard !body.isEmpty else { throw ResourceError(location, "macro \(name) is empty") }
        return MacroDefinition(name: name, body: body, location: location)
    }

    private static func apply(key: String, value: String, to rule: inout RuleSource, _ location: SourceLocation) throws {
        switch key {
        case "pattern":
            if rule.patternLocation == nil { rule.patternLocation = location }
            rule.pattern += value.trimmingWhitespace
        case "emit":
            for pair in value.split(separator: " ", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ResourceError(location, "bad emit '\(pair)': expected GROUP=LABEL")
                }
                rule.emits.append((String(parts[0]), String(parts[1])))
            }
        case "quote":
            let kind = value.trimmingWhitespace
            guard quoteKinds.contains(String(kind)) else {
                throw ResourceError(location, "bad quote kind '\(kind)' (expected \(quoteKinds.joined(separator: " or ")))")
            }
            rule.quoteKind = String(kind)
        case "link":
            for pair in value.split(separator: " ", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ResourceError(location, "bad link '\(pair)': expected EMITTED_GROUP=TARGET_GROUP")
                }
                rule.links.append((String(parts[0]), String(parts[1])))
            }
        case "priority":
            guard let priority = Int(value.trimmingWhitespace) else {
                throw ResourceError(location, "priority must be a whole number, found '\(value)'")
            }
            rule.priority = priority
        case "attr":
            for pair in value.split(separator: " ", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty else { throw ResourceError(location, "bad attr '\(pair)': expected key=value") }
                rule.attributes[String(parts[0])] = String(parts[1])
            }
        case "flags":
            for flag in value.split(separator: " ", omittingEmptySubsequences: true) {
                guard flagNames.contains(String(flag)) else {
                    throw ResourceError(location, "unknown flag '\(flag)' (expected \(flagNames.joined(separator: ", ")))")
                }
                rule.flags.append(String(flag))
            }
        case "outside":
            let name = value.trimmingWhitespace
            guard !name.isEmpty, !name.contains(" ") else {
                throw ResourceError(location, "outside: expects one class name (a label like QUOTED or a gazetteer class)")
            }
            rule.outside.append(String(name))
        case "near":
            let words = value.split(separator: " ", omittingEmptySubsequences: true)
            let scope = words.count == 2 ? RuleSource.NearScope(rawValue: String(words[1])) : .lines
            guard words.count <= 2, !words.isEmpty, let scope, scope != .lines || words.count == 1 else {
                throw ResourceError(location, "near: expects one class name (a label like QUOTED or a gazetteer class like cue/verb), "
                                    + "optionally followed by 'sentence' or 'start'")
            }
            rule.near.append(RuleSource.Near(className: String(words[0]), scope: scope))
        case "needs":
            let texts = value.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace) }
            guard !texts.contains(where: \.isEmpty) else {
                throw ResourceError(location, "needs: expects one or more texts separated by '|' (\"Town\", \"According to | according to\")")
            }
            rule.needs.append(texts)
        case "example", "counter":
            rule.examples.append(try parseExample(value, mustMatch: key == "example", location))
        default:
            throw ResourceError(location, "unknown key '\(key)' (expected \(keys.joined(separator: ", ")))")
        }
    }

    /// `TEXT` or `TEXT => group="text" group="text"`.
    /// An example's text, with `\n` standing for a line break (examples are one line in the file).
    static func exampleText(_ text: Substring) -> String {
        String(text.trimmingWhitespace).replacingOccurrences(of: "\\n", with: "\n")
    }

    static func parseExample(_ value: String, mustMatch: Bool, _ location: SourceLocation) throws -> RuleExample {
        guard let arrow = value.range(of: " => ") else {
            let text = exampleText(value[...])
            guard !text.isEmpty else { throw ResourceError(location, "empty example") }
            return RuleExample(text: text, mustMatch: mustMatch, expected: [], location: location)
        }
        guard mustMatch else { throw ResourceError(location, "a counter-example cannot expect groups (=>)") }
        let text = exampleText(value[..<arrow.lowerBound])
        var expected: [(String, String)] = []
        var rest = value[arrow.upperBound...].trimmingWhitespace
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)...].first == "\"" else {
                throw ResourceError(location, "bad expectation '\(rest)': expected group=\"text\"")
            }
            let group = String(rest[..<equals].trimmingWhitespace)
            let afterQuote = rest.index(equals, offsetBy: 2)
            guard let close = rest[afterQuote...].firstIndex(of: "\"") else {
                throw ResourceError(location, "unterminated quote in expectation for \(group)")
            }
            expected.append((group, String(rest[afterQuote..<close])))
            rest = rest[rest.index(after: close)...].trimmingWhitespace
        }
        return RuleExample(text: text, mustMatch: true, expected: expected, location: location)
    }

    static func isValidRuleID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    static func isValidMacroName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
