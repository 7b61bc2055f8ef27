import Foundation

/// Writes one file per document under a directory, each atomically (`AtomicFile`), so a reader or a
/// `--resume` run after a crash never sees half a file. A document id may contain '/', which makes subdirectories; ids that
/// would climb out of the directory are rejected.
public struct DocumentFileWriter {
    public let directory: URL
    public let fileExtension: String

    public init(directory: URL, fileExtension: String) {
        self.directory = directory
        self.fileExtension = fileExtension
    }

    /// The file for a document id.
    public func url(id: String) throws -> URL {
        let parts = id.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty, !parts.contains(where: { $0 == "." || $0 == ".." }), !id.contains("\0") else {
            throw OutputError("document id \"\(id)\" cannot name a file (empty, '.', '..' or NUL)")
        }
        return directory.appendingPathComponent(parts.joined(separator: "/") + "." + fileExtension)
    }

    public func exists(id: String) -> Bool {
        guard let url = try? url(id: id) else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }

    public func write(_ bytes: [UInt8], id: String) throws {
        let final = try url(id: id)
        let folder = final.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(bytes, to: final.path)
    }
}

/// An output that could not be written.
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
