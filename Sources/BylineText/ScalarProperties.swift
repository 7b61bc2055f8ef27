@_implementationOnly import CICU

/// Unicode properties of single code points, from ICU, with an ASCII fast path.
public enum ScalarProperties {
    @inlinable public static func isUpper(_ c: UInt32) -> Bool {
        c < 0x80 ? (c >= 0x41 && c <= 0x5A) : icuIsUpperOrTitle(c)
    }
    @inlinable public static func isLower(_ c: UInt32) -> Bool {
        c < 0x80 ? (c >= 0x61 && c <= 0x7A) : icuIsLower(c)
    }
    @inlinable public static func isLetter(_ c: UInt32) -> Bool {
        c < 0x80 ? ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) : icuIsAlphabetic(c)
    }
    @inlinable public static func isDigit(_ c: UInt32) -> Bool {
        c < 0x80 ? (c >= 0x30 && c <= 0x39) : icuIsDigit(c)
    }
    @inlinable public static func isWhitespace(_ c: UInt32) -> Bool {
        c < 0x80 ? (c == 0x20 || (c >= 0x09 && c <= 0x0D)) : icuIsWhitespace(c)
    }
    /// A line break as Unicode defines one: LF, VT, FF, CR, NEL, LS, PS.
    @inlinable public static func isLineBreak(_ c: UInt32) -> Bool {
        (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    @usableFromInline static func icuIsUpperOrTitle(_ c: UInt32) -> Bool {
        let s = Int32(bitPattern: c)
        return byline_u_isupper(s) != 0 || byline_u_istitle(s) != 0
    }
    @usableFromInline static func icuIsLower(_ c: UInt32) -> Bool { byline_u_islower(Int32(bitPattern: c)) != 0 }
    @usableFromInline static func icuIsAlphabetic(_ c: UInt32) -> Bool { byline_u_isalpha(Int32(bitPattern: c)) != 0 }
    @usableFromInline static func icuIsDigit(_ c: UInt32) -> Bool { byline_u_isdigit(Int32(bitPattern: c)) != 0 }
    @usableFromInline static func icuIsWhitespace(_ c: UInt32) -> Bool { byline_u_isWhitespace(Int32(bitPattern: c)) != 0 }
    public static func isQuotationMark(_ c: UInt32) -> Bool { byline_u_isQuotationMark(Int32(bitPattern: c)) != 0 }
    public static func isDash(_ c: UInt32) -> Bool { byline_u_isDash(Int32(bitPattern: c)) != 0 }
    public static func isEmoji(_ c: UInt32) -> Bool { c >= 0x80 && byline_u_isEmoji(Int32(bitPattern: c)) != 0 }
    /// True for a Unicode mark (combining accent), which continues the letter before it.
    public static func isMark(_ c: UInt32) -> Bool {
        c >= 0x300 && (Unicode.Scalar(c)?.properties.generalCategory).map {
            $0 == .nonspacingMark || $0 == .spacingMark || $0 == .enclosingMark
        } ?? false
    }
}

/// Reads code points from valid UTF-8 (document text is validated once, on the way in).
@usableFromInline struct UTF8ScalarReader {
    /// Decodes the scalar starting at `i`; returns it and its length in bytes.
    @inlinable static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12)
                | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F), 4)
    }
}
