import Foundation

/// Reads a file or stream line by line in fixed-size chunks, so memory stays flat however large the
/// input; a single line may be as long as it needs to be. Lines come without "\n" or "\r\n".
public final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private static let chunk = 1 << 20

    public init(_ handle: FileHandle) { self.handle = handle }

    /// The next line, or nil at the end of the input.
    public func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let data = try handle.read(upToCount: Self.chunk) ?? Data()
            if data.isEmpty { finished = true } else { buffer.append(contentsOf: data) }
        }
    }
}
