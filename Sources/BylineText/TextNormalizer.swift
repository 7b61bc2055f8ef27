@_implementationOnly import CICU
import FoundationEssentials

/// Matching keys for names: NFKC case folding, then ICU's Latin-ASCII transliteration, so that
/// "São Paulo" / "Sao Paulo" / "SAO PAULO", "Zelenskyy" / "ZELENSKYY" and "O’Brien" / "O'Brien" share a key.
/// Scripts other than Latin keep their letters (case-folded).
///
/// ASCII input takes a fast path (lower-casing bytes, no ICU call); other input is folded through ICU
/// once and remembered. Not thread-safe (the transliterator and the memo); use one per thread.
public final class TextNormalizer {
    private let casefold: OpaquePointer
    private let latinASCII: UnsafeMutablePointer<UTransliterator?>
    private var memo: [String: String] = [:]
    private static let memoLimit = 200_000

    public init() throws {
        var status = U_ZERO_ERROR
        guard let casefold = byline_nfkc_casefold(&status), byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "unorm2_getNFKCCasefoldInstance", status: String(cString: byline_u_errorName(status)))
        }
        let id = Array("Latin-ASCII".utf16)
        guard let translit = byline_utrans_open(id, Int32(id.count), &status), byline_u_failure(status) == 0 else {
            throw TextError.icu(call: "utrans_open(Latin-ASCII)", status: String(cString: byline_u_errorName(status)))
        }
        self.casefold = casefold
        self.latinASCII = translit
    }

    deinit { byline_utrans_close(latinASCII) }

    /// The version of the ICU library in use ("72.1.0.0"): its data decides word breaks and folding, so
    /// anything compiled from them (the gazetteer cache) records it.
    public static var icuVersion: String {
        var version = [UInt8](repeating: 0, count: 4)
        byline_u_getVersion(&version)
        return version.map(String.init).joined(separator: ".")
    }

    /// The matching key of a string.
    public func foldKey(_ text: String) -> String {
        var text = text
        return text.withUTF8 { foldKey(utf8: $0) }
    }

    /// The matching key of UTF-8 bytes (valid UTF-8).
    public func foldKey(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, byte) in bytes.enumerated() { out[i] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte }
                return bytes.count
            }
        }
        let original = String(decoding: bytes, as: UTF8.self)
        if let known = memo[original] { return known }
        let folded = foldWithICU(bytes) ?? original.lowercased()
        if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[original] = folded
        return folded
    }

    /// The matching key of UTF-8 bytes, written into `key` (replacing its contents): the same bytes as
    /// `foldKey(utf8:)`, without making a `String` for ASCII text (the common case, and the hot one).
    public func foldKey(utf8 bytes: UnsafeBufferPointer<UInt8>, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii {
            for byte in bytes { key.append((byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte) }
        } else {
            key.append(contentsOf: foldKey(utf8: bytes).utf8)
        }
    }

    /// The longest text `packedASCIIKey` packs, in bytes.
    public static let packedKeyBytes = 16

    /// The key of an ASCII text of 1 to 16 bytes (`range` of `bytes`), packed in two words: the bytes
    /// `foldKey` makes of it (A–Z lower-cased, nothing else changed), little-endian, bytes 0–7 in the first
    /// word and 8–15 in the second, zero past the end. Eight bytes are lower-cased at a time: the matcher
    /// makes a key for most tokens of every document.
    @inlinable @inline(__always)
    public static func packedASCIIKey(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64) {
        let base = bytes.baseAddress!
        @inline(__always) func word(_ from: Int, _ count: Int) -> UInt64 {
            guard count > 0 else { return 0 }
            var value: UInt64
            if from + 8 <= bytes.count {
                value = UInt64(littleEndian: UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self))
                if count < 8 { value &= (1 << UInt64(count * 8)) &- 1 }
            } else {
                value = 0
                for i in 0..<min(count, 8) { value |= UInt64(base[from + i]) << UInt64(i * 8) }
            }
            // Every byte is below 0x80, so no sum below carries into the next byte.
            let atLeastA = value &+ 0x3F3F_3F3F_3F3F_3F3F  // top bit set where a byte is ≥ 0x41 ("A")
            let aboveZ = value &+ 0x2525_2525_2525_2525  // top bit set where a byte is > 0x5A ("Z")
            return value | ((atLeastA & ~aboveZ & 0x8080_8080_8080_8080) >> 2)  // 0x80 >> 2: the 0x20 bit
        }
        let count = range.count
        return (word(range.lowerBound, min(count, 8)), word(range.lowerBound + 8, count - 8))
    }

    /// NFKC case fold, then Latin-ASCII, over UTF-16 buffers sized for the worst expansion.
    private func foldWithICU(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let capacity = bytes.count * 4 + 16
        var source = [UInt16](repeating: 0, count: capacity)
        var folded = [UInt16](repeating: 0, count: capacity)
        var status = U_ZERO_ERROR
        var sourceLength: Int32 = 0
        bytes.withMemoryRebound(to: CChar.self) { chars in
            byline_u_strFromUTF8(&source, Int32(capacity), &sourceLength, chars.baseAddress, Int32(bytes.count), &status)
        }
        guard byline_u_failure(status) == 0 else { return nil }
        var length = byline_unorm2_normalize(casefold, source, sourceLength, &folded, Int32(capacity), &status)
        guard byline_u_failure(status) == 0 else { return nil }
        var limit = length
        byline_utrans_transUChars(latinASCII, &folded, &length, Int32(capacity), &limit, &status)
        guard byline_u_failure(status) == 0 else { return nil }
        return String(decoding: folded[0..<Int(length)], as: UTF16.self)
    }
}
