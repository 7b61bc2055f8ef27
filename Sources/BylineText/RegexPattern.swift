@_implementationOnly import CPCRE2
import FoundationEssentials

/// A compiled PCRE2 pattern in UTF mode with Unicode properties (\w, \b, \d follow Unicode), JIT-compiled
/// when the platform allows. Compiled once and shared between threads; matching goes through a
/// `RegexMatcher`, which owns the per-thread match state.
public final class RegexPattern: @unchecked Sendable {
    /// Options a pattern may be compiled with.
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseless = Options(rawValue: 1 << 0)
        /// Ignore white space and #-comments in the pattern (PCRE2_EXTENDED).
        public static let extended = Options(rawValue: 1 << 1)
        /// `.` matches line breaks too.
        public static let dotAll = Options(rawValue: 1 << 2)
        /// `^` and `$` match at line breaks.
        public static let multiline = Options(rawValue: 1 << 3)
        /// Match only at the start offset given (PCRE2_ANCHORED at compile time, so JIT still applies).
        public static let anchored = Options(rawValue: 1 << 4)
        /// Matches may be confined to start before a limit (`RegexMatcher.forEachMatch(…, startingBefore:)`;
        /// PCRE2_USE_OFFSET_LIMIT).
        public static let offsetLimit = Options(rawValue: 1 << 5)
        /// When PCRE2 finds no start optimization for the pattern (Unicode properties defeat its study),
        /// put a look-ahead of the characters a match can start with before it (`StartHint`), so that the
        /// matcher skips quickly to where a match can begin. Matches are the same.
        public static let startHint = Options(rawValue: 1 << 6)
    }

    let code: OpaquePointer
    /// The pattern source as compiled.
    public let source: String
    /// Whether the JIT compiler accepted the pattern.
    public let isJITCompiled: Bool
    /// Whether a `StartHint` look-ahead was put before the pattern (`Options.startHint`).
    public let startHinted: Bool
    /// Compiled with `.offsetLimit`.
    public let allowsOffsetLimit: Bool
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Named groups and their numbers. With `(?J)` a name can be given to several groups: see `groupNames`.
    public let groupNumbers: [String: Int]
    /// Every named group as (name, number), in number order.
    public let groupNames: [(name: String, number: Int)]

    public init(_ source: String, options: Options = []) throws {
        let flags = Self.flags(options)
        var compiled = try Self.compile(source, flags: flags)
        var source = source
        var startHinted = false
        if options.contains(.startHint), !options.contains(.extended), Self.startBytes(compiled) == nil,
           let hinted = Self.hinted(source, flags: flags), let recompiled = try? Self.compile(hinted, flags: flags) {
            pcre2_code_free_8(compiled)
            compiled = recompiled
            source = hinted
            startHinted = true
        }
        self.code = compiled
        self.source = source
        self.startHinted = startHinted
        self.allowsOffsetLimit = options.contains(.offsetLimit)
        self.isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.captureCount = Int(captures)
        self.groupNames = Self.readNameTable(compiled).sorted { $0.number < $1.number }
        self.groupNumbers = Dictionary(groupNames.map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
    }

    private static func flags(_ options: Options) -> UInt32 {
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP)
        if options.contains(.caseless) { flags |= UInt32(PCRE2_CASELESS) }
        if options.contains(.extended) { flags |= UInt32(PCRE2_EXTENDED) }
        if options.contains(.dotAll) { flags |= UInt32(PCRE2_DOTALL) }
        if options.contains(.multiline) { flags |= UInt32(PCRE2_MULTILINE) }
        if options.contains(.anchored) { flags |= UInt32(PCRE2_ANCHORED) }
        if options.contains(.offsetLimit) { flags |= UInt32(PCRE2_USE_OFFSET_LIMIT) }
        return flags
    }

    private static func compile(_ source: String, flags: UInt32) throws -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
                pcre2_compile_8($0, source.utf8.count, flags, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw TextError.patternSyntax(message: Self.message(for: errorCode), offset: errorOffset)
        }
        return compiled
    }

    /// The bytes a match of `code` can start with as PCRE2's study found them, or nil when it found no
    /// start optimization (or the pattern is anchored, which needs none).
    private static func startBytes(_ code: OpaquePointer) -> StartHint.StartBytes? {
        var all: UInt32 = 0, type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ALLOPTIONS), &all)
        if all & UInt32(PCRE2_ANCHORED) != 0 { return StartHint.StartBytes(bits: Array(repeating: 0xFF, count: 32)) }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 2 { return StartHint.StartBytes(bits: Array(repeating: 0xFF, count: 32)) }
        var bits = [UInt8](repeating: 0, count: 32)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            // Whether PCRE2 compares the unit caselessly is not reported: take both cases of a letter, and
            // the lead bytes of the two non-ASCII letters that fold to ASCII ones (U+017F ſ, U+212A K).
            var units = [unit]
            if unit | 0x20 >= 0x61 && unit | 0x20 <= 0x7A { units += [unit | 0x20, unit & ~0x20, 0xC5, 0xE2] }
            for byte in units where byte < 256 { bits[Int(byte >> 3)] |= 1 << (byte & 7) }
            return StartHint.StartBytes(bits: bits)
        }
        var bitmap: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        guard let bitmap else { return nil }
        for i in 0..<32 { bits[i] = bitmap[i] }
        return StartHint.StartBytes(bits: bits)
    }

    /// `source` with `StartHint`'s look-ahead before it, or nil when the study gives none. Leading
    /// `(*VERB)` items and option settings stay first; the rest is wrapped in a group so that the
    /// look-ahead applies to every top-level alternative.
    private static func hinted(_ source: String, flags: UInt32) -> String? {
        guard let hint = StartHint.lookahead(for: source, study: { shadow in
            guard let code = try? compile(shadow, flags: flags) else { return nil }
            defer { pcre2_code_free_8(code) }
            return startBytes(code)
        }) else { return nil }
        let scalars = Array(source.unicodeScalars)
        var split = 0
        // "(*UTF)", "(*LIMIT_MATCH=9)": start-of-pattern items; "(?J)", "(?i-s)": option settings.
        while split + 2 < scalars.count, scalars[split] == "(", scalars[split + 1] == "*" || scalars[split + 1] == "?",
              let close = scalars[split...].firstIndex(of: ")") {
            let inside = scalars[(split + 2)..<close]
            let isSetting = scalars[split + 1] == "*"
                ? inside.allSatisfy { $0.properties.isUppercase || $0 == "_" || $0 == "=" || ("0"..."9").contains($0) }
                : !inside.isEmpty && inside.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" || $0 == "^" }
            guard isSetting else { break }
            split = close + 1
        }
        let prefix = String(String.UnicodeScalarView(scalars[..<split]))
        let rest = String(String.UnicodeScalarView(scalars[split...]))
        return prefix + hint + "(?:" + rest + ")"
    }

    deinit { pcre2_code_free_8(code) }

    private static func readNameTable(_ code: OpaquePointer) -> [(name: String, number: Int)] {
        var count: UInt32 = 0, entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, count > 0 else { return [] }
        var names: [(name: String, number: Int)] = []
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            names.append((String(cString: entry + 2), number))
        }
        return names
    }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "PCRE2 error \(errorCode)"
    }
}
