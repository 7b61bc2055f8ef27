/// Turning raw bytes into document text: UTF-8 validation that says where the input is broken,
/// a lossy mode that replaces bad sequences, and rejection of binary content.
public enum UTF8Input {
    /// Decodes `bytes` as UTF-8 text.
    ///
    /// - Parameters:
    ///   - lossy: replace invalid sequences with U+FFFD instead of failing.
    ///   - maxBytes: reject larger inputs (`nil`: no limit).
    /// - Throws: `TextError.invalidUTF8` with the byte offset of the first bad sequence,
    ///   `TextError.binaryContent` for a NUL byte, `TextError.tooLarge`.
    /// A leading byte-order mark is dropped, so offsets count from the first character of text.
    /// Complexity: O(n).
    public static func decode(_ bytes: some Collection<UInt8>, lossy: Bool = false, maxBytes: Int? = nil) throws -> String {
        if let maxBytes, bytes.count > maxBytes { throw TextError.tooLarge(bytes: bytes.count, limit: maxBytes) }
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let nul = body.firstIndex(of: 0) { throw TextError.binaryContent(byteOffset: nul) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        if lossy { return String(decoding: body, as: UTF8.self) }
        throw TextError.invalidUTF8(byteOffset: firstInvalidOffset(body))
    }

    /// The byte offset of the first invalid UTF-8 sequence in `bytes`, or `bytes.count` if there is none.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
