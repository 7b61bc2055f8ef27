import Foundation

/// Output with a large buffer, to standard output or a file: one write call per ~256 KB, not per
/// document. A piece that large or larger is written from its own storage, never copied (one huge
/// document's JSON can be gigabytes). The caller flushes at the end.
final class BufferedOutput {
    private static let size = 1 << 18
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ handle: FileHandle = .standardOutput) { self.handle = handle }

    func write(_ bytes: [UInt8]) {
        if bytes.count >= Self.size {
            flush()
            writeOut(bytes)
            return
        }
        buffer += bytes
        if buffer.count >= Self.size { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
    }
}
