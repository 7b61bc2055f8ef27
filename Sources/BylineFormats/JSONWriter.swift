/// A small, fast JSON serializer that writes UTF-8 bytes straight into a buffer: no intermediate
/// objects, no Foundation. Strings are escaped as RFC 8259 requires.
public struct JSONWriter {
    /// What has been written, as UTF-8 (a copy of the buffer each time it is asked for).
    public var bytes: [UInt8] { storage.array }
    private var storage: JSONOutputBuffer
    /// The buffer, copied first if another writer shares it (a copied writer writes on its own).
    private var out: JSONOutputBuffer {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }
    private let pretty: Bool
    private var depth = 0
    /// Whether the current container already has an element (a comma is due).
    private var hasElement: [Bool] = []

    public init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        storage = JSONOutputBuffer(capacity: capacity)
    }

    public mutating func beginObject() { beginValue(); out.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(); out.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { beginValue(); out.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(); out.append(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the value follows.
    public mutating func key(_ key: String) {
        separate()
        writeString(key)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) { beginValue(); writeString(value) }
    public mutating func int(_ value: Int) {
        beginValue()
        // Digits straight into the buffer (offsets are written for every span: no `String` each).
        if value < 0 { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(value.magnitude)
    }
    public mutating func bool(_ value: Bool) { beginValue(); out.append(value ? "true" : "false") }
    public mutating func null() { beginValue(); out.append("null") }
    public mutating func double(_ value: Double) {
        beginValue()
        var text = value.isFinite ? String(value) : "null"
        text.withUTF8 { out.append($0) }
    }

    /// Writes a string value from UTF-8 bytes (valid UTF-8).
    public mutating func string(utf8 value: some Collection<UInt8>) { beginValue(); writeString(utf8: value) }

    public mutating func newline() { out.append(0x0A) }
    public mutating func reset() { out.removeAll(); depth = 0; hasElement.removeAll() }

    // MARK: - Layout

    private var pendingValueAfterKey = false

    private mutating func beginValue() {
        if pendingValueAfterKey { pendingValueAfterKey = false; return }
        separate()
    }

    private mutating func separate() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { out.append(UInt8(ascii: ",")) }
        hasElement[hasElement.count - 1] = true
        if pretty { indent() }
    }

    private mutating func open() {
        depth += 1
        hasElement.append(false)
    }

    private mutating func close() {
        depth -= 1
        let had = hasElement.removeLast()
        if pretty && had { indent() }
    }

    private mutating func indent() {
        out.append(0x0A)
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    private mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { writeString(utf8: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(utf8 value: some Collection<UInt8>) {
        let done: Void? = value.withContiguousStorageIfAvailable { writeString(contiguous: $0) }
        if done != nil { return }
        out.append(UInt8(ascii: "\""))
        for byte in value { writeEscaped(byte) }
        out.append(UInt8(ascii: "\""))
    }

    /// The same over contiguous bytes: runs that need no escape are copied whole, found eight bytes at a
    /// time (a document's text is most of what is written, and it rarely holds a byte to escape).
    private mutating func writeString(contiguous value: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        guard let base = value.baseAddress else { out.append(UInt8(ascii: "\"")); return }
        let count = value.count
        var run = 0, i = 0
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !Self.mayNeedEscape(word) { i += 8; continue }
            }
            let byte = base[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
                out.append(UnsafeBufferPointer(start: base + run, count: i - run))
                writeEscaped(byte)
                run = i + 1
            }
            i += 1
        }
        out.append(UnsafeBufferPointer(start: base + run, count: count - run))
        out.append(UInt8(ascii: "\""))
    }

    /// Whether some byte of `word` may be one to escape (below 0x20, `"`, `\` or DEL): exact when none
    /// is, possibly true for a byte after one that is (the byte loop then decides).
    @inline(__always) private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        return control || hasZeroByte(word ^ 0x2222_2222_2222_2222) || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            || hasZeroByte(word ^ 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// One byte of a string, escaped if it must be.
    @inline(__always) private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
        case 0..<0x20, 0x7F:
            out.append("\\u00")
            out.append(Self.hex[Int(byte >> 4)])
            out.append(Self.hex[Int(byte & 0xF)])
        default: out.append(byte)
        }
    }
}
