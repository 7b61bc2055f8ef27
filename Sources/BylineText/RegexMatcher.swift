@_implementationOnly import CPCRE2
import FoundationEssentials

/// Budgets that stop a pathological pattern (catastrophic backtracking) from hanging a run.
public struct MatchLimits: Sendable {
    /// PCRE2's match limit: how many times the internal match function may be called per match attempt.
    public var matchLimit: UInt32
    /// Backtracking depth limit for the interpreter (the JIT uses its own stack, bounded by `jitStackBytes`).
    public var depthLimit: UInt32
    /// Largest JIT stack in bytes.
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 100_000, jitStackBytes: Int = 1 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.jitStackBytes = jitStackBytes
    }
    public static let standard = MatchLimits()
}

/// A callout reached while matching: `(?C7)` or `(?C"text")` in the pattern.
public struct RegexCallout {
    /// The callout number (0 for string callouts).
    public let number: Int
    /// The callout's string argument, empty for numbered callouts. Valid only during the callout.
    public let argument: UnsafeBufferPointer<UInt8>
    /// Current matching position, a UTF-8 byte offset into the subject.
    public let position: Int
    /// Where the current match attempt started.
    public let matchStart: Int
    let ovector: UnsafeMutablePointer<Int>?
    let captureTop: Int

    /// Where capture group `number` started, if it has been set on the current matching path
    /// (PCRE2 restores captures on backtracking, so this is always consistent with the path).
    public func groupStart(_ number: Int) -> Int? {
        guard let ovector, number > 0, number < captureTop else { return nil }
        let start = ovector[2 * number]
        return start == byline_pcre2_unset_value ? nil : start
    }
}

/// Receives the callouts of a pattern: subclass it and override `callout(_:)`. It is a class, held by the
/// matcher without reference counting, because a callout can run at every byte of a text and must cost
/// next to nothing (a protocol existential would be retained and released on every call).
open class RegexCalloutHandler {
    public init() {}
    open func callout(_ callout: RegexCallout) -> CalloutVerdict { .proceed }
}

/// What a callout handler tells PCRE2.
public enum CalloutVerdict: Int32 {
    /// Go on matching.
    case proceed = 0
    /// Fail at this point and backtrack.
    case fail = 1
}

/// One match: the ranges of the whole match and of each capture group, as UTF-8 byte offsets.
/// Valid only inside the closure that receives it.
public struct RegexMatch {
    let ovector: UnsafeMutablePointer<Int>
    let pairs: Int

    /// The whole match.
    public var range: Range<Int> { ovector[0]..<ovector[1] }

    /// The range of capture group `number`, or nil when it did not take part in the match.
    public func range(ofGroup number: Int) -> Range<Int>? {
        guard number < pairs else { return nil }
        let start = ovector[2 * number], end = ovector[2 * number + 1]
        if start == byline_pcre2_unset_value || end < start { return nil }
        return start..<end
    }
}

/// PCRE2_UNSET (~(size_t)0) as Swift sees a size_t.
private let byline_pcre2_unset_value = -1

/// Matches a `RegexPattern` against UTF-8 subjects. Owns the per-thread state (match data, match
/// context with limits, JIT stack): create one per pattern and thread, and reuse it across documents.
public final class RegexMatcher {
    public let pattern: RegexPattern
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// Called at each callout in the pattern; without a handler, callouts proceed. Not retained: the
    /// handler must outlive the matcher's use (typically it owns the matcher).
    public var calloutHandler: RegexCalloutHandler? {
        get { handler?.takeUnretainedValue() }
        set { handler = newValue.map { Unmanaged.passUnretained($0) } }
    }
    private var handler: Unmanaged<RegexCalloutHandler>?

    public init(_ pattern: RegexPattern, limits: MatchLimits = .standard) {
        self.pattern = pattern
        matchData = pcre2_match_data_create_from_pattern_8(pattern.code, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        if pattern.isJITCompiled {
            jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        } else {
            jitStack = nil
        }
        let callback: @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?) -> Int32 = { block, data in
            guard let block, let data else { return 0 }
            return Unmanaged<RegexMatcher>.fromOpaque(data)._withUnsafeGuaranteedRef { matcher -> Int32 in
                guard let handler = matcher.handler else { return 0 }
                let b = block.pointee
                let argument = b.callout_string.map { UnsafeBufferPointer(start: $0, count: Int(b.callout_string_length)) }
                    ?? UnsafeBufferPointer(start: nil, count: 0)
                let callout = RegexCallout(number: Int(b.callout_number), argument: argument,
                                           position: Int(b.current_position), matchStart: Int(b.start_match),
                                           ovector: b.offset_vector, captureTop: Int(b.capture_top))
                return handler._withUnsafeGuaranteedRef { $0.callout(callout) }.rawValue
            }
        }
        pcre2_set_callout_8(context, callback, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Calls `body` for each non-overlapping match in `subject` (valid UTF-8) from byte offset `start`,
    /// left to right, until `body` returns false. The subject is not re-validated per match, so a
    /// find-all loop stays linear.
    /// - Throws: `TextError.matchLimitExceeded` when a match attempt exhausts the limits, or
    ///   `TextError.matchFailed`; errors thrown by `body` pass through.
    /// - Parameter limit: with a pattern compiled with `.offsetLimit`, only matches that start at or
    ///   before this offset (a match may run past it: lookarounds and the match itself see the whole
    ///   subject).
    public func forEachMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, startingBefore limit: Int? = nil,
                             _ body: (RegexMatch) throws -> Bool) throws {
        if let limit {
            precondition(pattern.allowsOffsetLimit, "forEachMatch(startingBefore:) needs a pattern compiled with .offsetLimit")
            pcre2_set_offset_limit_8(context, limit)
        }
        defer { if limit != nil { pcre2_set_offset_limit_8(context, ~0) } }
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let length = subject.count
        var offset = start
        var options = UInt32(PCRE2_NO_UTF_CHECK)
        let retryEmpty = UInt32(PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK)
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        while offset <= length {
            let rc = pcre2_match_8(pattern.code, base, length, offset, options, matchData, context)
            if rc == PCRE2_ERROR_NOMATCH {
                guard options == retryEmpty, offset < length else { return }
                offset += 1
                while offset < length, base[offset] & 0xC0 == 0x80 { offset += 1 }
                options = UInt32(PCRE2_NO_UTF_CHECK)
                continue
            }
            if rc < 0 { throw Self.error(rc) }
            let match = RegexMatch(ovector: ovector, pairs: Int(pcre2_get_ovector_count_8(matchData)))
            if try !body(match) { return }
            let end = ovector[1]
            options = end == ovector[0] ? retryEmpty : UInt32(PCRE2_NO_UTF_CHECK)
            offset = max(end, offset)
        }
    }

    /// The match starting exactly at byte offset `offset` of `subject`, or nil. For patterns compiled with
    /// `.anchored` (any pattern matches only there when it is anchored).
    /// - Throws: as `forEachMatch`.
    public func match(in subject: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> RegexMatch? {
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let rc = pcre2_match_8(pattern.code, base, subject.count, offset, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw Self.error(rc) }
        return RegexMatch(ovector: pcre2_get_ovector_pointer_8(matchData)!, pairs: Int(pcre2_get_ovector_count_8(matchData)))
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) throws -> Bool {
        var text = text
        var found = false
        try text.withUTF8 { bytes in try forEachMatch(in: bytes) { _ in found = true; return false } }
        return found
    }

    private static func error(_ rc: Int32) -> TextError {
        switch rc {
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            return .matchLimitExceeded(message: RegexPattern.message(for: rc))
        default:
            return .matchFailed(message: RegexPattern.message(for: rc))
        }
    }
}
