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
    }

    let code: OpaquePointer
    /// The pattern source as compiled.
    public let source: String
    /// Whether the JIT compiler accepted the pattern.
    public let isJITCompiled: Bool
    /// Compiled with `.offsetLimit`.
    public let allowsOffsetLimit: Bool
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Named groups and their numbers. With `(?J)` a name can be given to several groups: see `groupNames`.
    public let groupNumbers: [String: Int]
    /// Every named group as (name, number), in number order.
    public let groupNames: [(name: String, number: Int)]

    public init(_ source: String, options: Options = []) throws {
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP)
        if options.contains(.caseless) { flags |= UInt32(PCRE2_CASELESS) }
        if options.contains(.extended) { flags |= UInt32(PCRE2_EXTENDED) }
        if options.contains(.dotAll) { flags |= UInt32(PCRE2_DOTALL) }
        if options.contains(.multiline) { flags |= UInt32(PCRE2_MULTILINE) }
        if options.contains(.anchored) { flags |= UInt32(PCRE2_ANCHORED) }
        if options.contains(.offsetLimit) { flags |= UInt32(PCRE2_USE_OFFSET_LIMIT) }
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
        self.code = compiled
        self.source = source
        self.allowsOffsetLimit = options.contains(.offsetLimit)
        self.isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.captureCount = Int(captures)
        self.groupNames = Self.readNameTable(compiled).sorted { $0.number < $1.number }
        self.groupNumbers = Dictionary(groupNames.map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
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
