import Foundation

/// Writes a whole file atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the final name, so a reader (or a resumed run after a crash) never sees half a file.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError("cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error is OutputError ? error : OutputError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
