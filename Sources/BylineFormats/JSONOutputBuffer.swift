#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The growing byte buffer behind `JSONWriter`: appends are a capacity check and a store or a `memcpy`
/// (an array's `append(contentsOf:)` cost about a hundred instructions per call, and a document's JSON
/// is written a few bytes at a time). A class, copied by `JSONWriter` before a write when shared.
/// The storage is `malloc`ed and grows by `realloc`: the C library moves a large block by remapping its
/// pages, so the JSON of a huge document is not held twice while the buffer doubles.
final class JSONOutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        guard let storage = malloc(self.capacity) else { fatalError("out of memory for \(self.capacity) bytes of JSON") }
        base = storage.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    func copy() -> JSONOutputBuffer {
        let copy = JSONOutputBuffer(capacity: capacity)
        copy.append(UnsafeBufferPointer(start: base, count: count))
        return copy
    }

    /// The bytes written so far, as an array (one copy).
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func removeAll() { count = 0 }

    @inline(__always) func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        memcpy(base + count, source, bytes.count)
        count += bytes.count
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// A non-negative integer's decimal digits.
    func appendDecimal(_ value: UInt) {
        var magnitude = value
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        if count + digits > capacity { grow(to: count + digits) }
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            at -= 1
        } while magnitude > 0
        count += digits
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        guard let grown = realloc(base, newCapacity) else { fatalError("out of memory for \(newCapacity) bytes of JSON") }
        base = grown.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }
}
