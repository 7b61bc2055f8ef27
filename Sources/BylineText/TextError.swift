import FoundationEssentials

/// An error from the text layer: bad input bytes, an ICU failure, or a pattern that does not compile or
/// that exhausted its match limits. The message is a sentence a user can act on.
public enum TextError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The input is not UTF-8; `byteOffset` is where the first invalid sequence starts.
    case invalidUTF8(byteOffset: Int)
    /// The input holds a NUL byte, which text never does: it is probably a binary file.
    case binaryContent(byteOffset: Int)
    /// The input is larger than the configured limit.
    case tooLarge(bytes: Int, limit: Int)
    /// An ICU call failed; `call` names it and `status` is ICU's error name.
    case icu(call: String, status: String)
    /// A PCRE2 pattern did not compile; `offset` is the byte offset in the pattern.
    case patternSyntax(message: String, offset: Int)
    /// A pattern ran out of its match budget (backtracking blow-up) on some input.
    case matchLimitExceeded(message: String)
    /// Any other PCRE2 failure at match time.
    case matchFailed(message: String)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte offset \(offset)"
        case .binaryContent(let offset): return "binary content (NUL byte at byte offset \(offset)); expected text"
        case .tooLarge(let bytes, let limit): return "document is \(bytes) bytes, over the limit of \(limit) bytes"
        case .icu(let call, let status): return "ICU \(call) failed: \(status)"
        case .patternSyntax(let message, let offset): return "pattern error at offset \(offset): \(message)"
        case .matchLimitExceeded(let message): return "pattern exceeded its match limit (\(message)); simplify it or bound its repetitions"
        case .matchFailed(let message): return "pattern match failed: \(message)"
        }
    }
}
