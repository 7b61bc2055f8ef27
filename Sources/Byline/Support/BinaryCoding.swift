/// A plain little-endian binary layout for compiled resources (the gazetteer cache): fixed-width integers,
/// arrays of them written as their raw bytes after a count, and UTF-8 strings after their length.
/// `BinaryReader` checks every length against what is left, so a truncated or corrupt file is an error,
/// never a crash.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []
    /// How many bytes have been written (also by a counting writer, which keeps none).
    private(set) var count = 0
    private let counting: Bool

    /// A writer that keeps its bytes, with room for `capacity` of them.
    init(capacity: Int = 0) {
        counting = false
        bytes.reserveCapacity(capacity)
    }

    /// A writer that only counts: a first pass that sizes the buffer of the second, so that a large
    /// payload is not copied each time its array outgrows its capacity (tens of MB at the peak).
    static func counter() -> BinaryWriter { BinaryWriter(counting: true) }

    private init(counting: Bool) { self.counting = counting }

    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        count += raw.count
        if !counting { bytes.append(contentsOf: raw) }
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    /// A count, then the elements' bytes as they lie in memory (this machine's byte order: the cache is
    /// read only where it was written).
    mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { append($0) }
    }

    mutating func write(_ values: [Bool]) {
        write(values.map { $0 ? UInt8(1) : 0 })
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
    }
}

/// Reads what `BinaryWriter` wrote, in the same order.
struct BinaryReader {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let what: String
        var description: String { "malformed at byte \(offset): \(what)" }
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// Reads from `bytes`, which must outlive the reader.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// The next `count` bytes. `what` names them in the error, and is built only then.
    private mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else {
            throw Malformed(offset: offset, what: "\(what()) needs \(count) bytes, \(bytes.count - offset) left")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let raw = try take(MemoryLayout<T>.size, "\(T.self)")
        return T(littleEndian: raw.loadUnaligned(as: T.self))
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws -> [T] {
        let count = try read(UInt64.self)
        guard count <= UInt64(bytes.count) else { throw Malformed(offset: offset, what: "array of \(count) elements") }
        let raw = try take(Int(count) * MemoryLayout<T>.stride, "array of \(count) \(T.self)")
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = Int(count)
        }
    }

    mutating func readBools() throws -> [Bool] {
        try readArray(UInt8.self).map { $0 != 0 }
    }

    mutating func readString() throws -> String {
        let count = Int(try read(UInt32.self))
        let raw = try take(count, "string of \(count) bytes")
        // (Copied in and checked by the initializer, which repairs invalid UTF-8; `String(decoding:as:)`
        // took a generic path here, ten times slower.)
        return String(unsafeUninitializedCapacity: count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            return count
        }
    }
}
