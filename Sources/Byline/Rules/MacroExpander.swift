/// Expands `{NAME}` references in rule patterns before PCRE2 compiles them.
///
/// `NAME` is a `define`d macro (replaced by its pattern, itself expanded), a gazetteer class such as
/// `{place/country}` or `{title}`, or a label produced before the rule's phase such as `{PERSON}`. PCRE2's
/// own braces are left alone: quantifiers (`{2,3}`), `\p{Lu}`, `\x{2019}`, `\g{1}`, and anything inside a
/// character class.
struct MacroExpander {
    var macros: [String: MacroDefinition] = [:]
    /// Resolves a name that is not a macro to a span class index, or nil when it names nothing.
    var resolveSpanClass: (String) -> Int?
    /// Why a name could not be resolved, for the error message.
    var explainUnknown: (String) -> String

    /// The expanded pattern and, for each callout slot in it, its span class index.
    func expand(_ pattern: String, at location: SourceLocation) throws -> (pattern: String, slots: [Int]) {
        var slots: [Int] = []
        let expanded = try expand(pattern, at: location, slots: &slots, stack: [])
        return (expanded, slots)
    }

    private func expand(_ pattern: String, at location: SourceLocation, slots: inout [Int], stack: [String]) throws -> String {
        let chars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                out.append(c)
                guard i + 1 < chars.count else { break }
                let next = chars[i + 1]
                out.append(next)
                i += 2
                // \p{..} \P{..} \x{..} \o{..} \g{..} \k{..} \N{..}: copy the braces through.
                if "pPxogkN".unicodeScalars.contains(next), i < chars.count, chars[i] == "{" {
                    while i < chars.count {
                        out.append(chars[i])
                        i += 1
                        if chars[i - 1] == "}" { break }
                    }
                }
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            if c == "[" {
                inClass = true
                out.append(c)
                i += 1
                // A ']' right after '[' or '[^' is a literal member.
                if i < chars.count, chars[i] == "^" { out.append(chars[i]); i += 1 }
                if i < chars.count, chars[i] == "]" { out.append(chars[i]); i += 1 }
                continue
            }
            if c == "{", let (name, length) = reference(chars, at: i) {
                i += length
                if let macro = macros[name] {
                    guard !stack.contains(name) else {
                        throw ResourceError(location, "macro {\(name)} refers to itself (\((stack + [name]).joined(separator: " → ")))")
                    }
                    let body = try expand(macro.body, at: location, slots: &slots, stack: stack + [name])
                    out.append(contentsOf: "(?:\(body))".unicodeScalars)
                } else if let spanClass = resolveSpanClass(name) {
                    out.append(contentsOf: spanClassText(spanClass, slots.count).unicodeScalars)
                    slots.append(spanClass)
                } else {
                    throw ResourceError(location, "unknown macro {\(name)}: \(explainUnknown(name))")
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// The text to put in place of a span-class reference; set by the pipeline that owns the classes.
    var spanClassText: (Int, Int) -> String = { _, _ in "" }

    /// A `{NAME}` reference at `i`: a letter, then letters, digits, '_', '/', '.', '-', then '}'.
    private func reference(_ chars: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        guard j < chars.count, chars[j].isASCII, chars[j].properties.isAlphabetic else { return nil }
        var name = String.UnicodeScalarView()
        while j < chars.count, chars[j] != "}" {
            let c = chars[j]
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || "_/.-".unicodeScalars.contains(c) else { return nil }
            name.append(c)
            j += 1
        }
        guard j < chars.count else { return nil }
        return (String(name), j - i + 1)
    }
}
