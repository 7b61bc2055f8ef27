/// A small, fast JSON serializer that writes UTF-8 bytes straight into a buffer: no intermediate
/// objects, no Foundation. Strings are escaped as RFC 8259 requires.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var depth = 0
    /// Whether the current container already has an element (a comma is due).
    private var hasElement: [Bool] = []

    public init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { beginValue(); bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { beginValue(); bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the value follows.
    public mutating func key(_ key: String) {
        separate()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    public mutating func string(_ value: String) { beginValue(); writeString(value) }
    public mutating func int(_ value: Int) {
        beginValue()
        // Digits straight into the buffer (offsets are written for every span: no `String` each).
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }
    public mutating func bool(_ value: Bool) { beginValue(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { beginValue(); bytes.append(contentsOf: "null".utf8) }
    public mutating func double(_ value: Double) {
        beginValue()
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    }

    /// Writes a string value from UTF-8 bytes (valid UTF-8).
    public mutating func string(utf8 value: some Collection<UInt8>) { beginValue(); writeString(utf8: value) }

    public mutating func newline() { bytes.append(0x0A) }
    public mutating func reset() { bytes.removeAll(keepingCapacity: true); depth = 0; hasElement.removeAll() }

    // MARK: - Layout

    private var pendingValueAfterKey = false

    private mutating func beginValue() {
        if pendingValueAfterKey { pendingValueAfterKey = false; return }
        separate()
    }

    private mutating func separate() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { bytes.append(UInt8(ascii: ",")) }
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
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { writeString(utf8: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(utf8 value: some Collection<UInt8>) {
        let done: Void? = value.withContiguousStorageIfAvailable { writeString(contiguous: $0) }
        if done != nil { return }
        bytes.append(UInt8(ascii: "\""))
        for byte in value { writeEscaped(byte) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The same over contiguous bytes: runs that need no escape are copied whole.
    private mutating func writeString(contiguous value: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var run = 0
        for (i, byte) in value.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<i]))
            writeEscaped(byte)
            run = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// One byte of a string, escaped if it must be.
    @inline(__always) private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
        case 0..<0x20, 0x7F:
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
    }
}
