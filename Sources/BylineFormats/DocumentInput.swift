import BylineText
import Foundation

/// Where documents come from: text files (one document each), directories of them, standard input, or
/// JSONL (`{"id": …, "text": …}` a line). Documents are produced one at a time, so a large JSONL input is
/// never held in memory; a document that cannot be read becomes an `InputDocument` carrying its error,
/// and reading goes on with the next.
public struct DocumentInput {
    public enum Mode: String, CaseIterable, Sendable {
        case text, jsonl
    }

    public var paths: [String]
    public var mode: Mode
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    public var lossy: Bool
    /// Larger documents are rejected.
    public var maxBytes: Int

    public init(paths: [String], mode: Mode, lossy: Bool = false, maxBytes: Int = 100 << 20) {
        self.paths = paths.isEmpty ? ["-"] : paths
        self.mode = mode
        self.lossy = lossy
        self.maxBytes = maxBytes
    }

    /// The size in bytes of the input files (directories summed over the files they hold), or nil when
    /// the input is standard input. For a progress line's ETA.
    public var totalBytes: Int? {
        var total = 0
        for path in paths {
            if path == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? ((try? self.files(in: path))?.map(\.path) ?? []) : [path]
            for file in files { total += ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0 }
        }
        return total
    }

    /// A document read from the input, or the reason it could not be.
    public struct InputDocument {
        public var id: String
        public var text: Result<String, InputError>
    }

    /// Why an input document could not be read.
    public struct InputError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Calls `body` for each document, in input order (files in the order given; a directory's files
    /// sorted by path).
    public func forEach(_ body: (InputDocument) throws -> Void) throws {
        for path in paths {
            if path == "-" {
                try readStream(FileHandle.standardInput, name: "stdin", body)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try body(InputDocument(id: Self.documentID(path), text: .failure(InputError(message: "\(path): no such file or directory"))))
                continue
            }
            if isDirectory.boolValue {
                for file in try files(in: path) {
                    try readFile(file.path, id: file.id, body)
                }
            } else {
                try readFile(path, id: Self.documentID(path), body)
            }
        }
    }

    /// The id of a document read from a file: its name without the extension.
    public static func documentID(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? name : stem
    }

    /// Files under a directory, recursively, sorted: `.txt` files for text, `.jsonl` for JSONL. The id is
    /// the path relative to the directory without the extension.
    private func files(in directory: String) throws -> [(path: String, id: String)] {
        let wanted = mode == .text ? ["txt"] : ["jsonl"]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), wanted.contains((name as NSString).pathExtension) else { continue }
            found.append(((directory as NSString).appendingPathComponent(relative), (relative as NSString).deletingPathExtension))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private func readFile(_ path: String, id: String, _ body: (InputDocument) throws -> Void) throws {
        if mode == .jsonl {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                try body(InputDocument(id: id, text: .failure(InputError(message: "\(path): cannot open"))))
                return
            }
            defer { try? handle.close() }
            try readStream(handle, name: path, body)
            return
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            try body(InputDocument(id: id, text: .failure(InputError(message: "\(path): \(TextError.tooLarge(bytes: size, limit: maxBytes))"))))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            try body(InputDocument(id: id, text: .failure(InputError(message: "\(path): cannot read"))))
            return
        }
        try body(InputDocument(id: id, text: decode(data, where: path)))
    }

    private func readStream(_ handle: FileHandle, name: String, _ body: (InputDocument) throws -> Void) throws {
        if mode == .text {
            let data = try handle.readToEnd() ?? Data()
            try body(InputDocument(id: name, text: decode(data, where: name)))
            return
        }
        let reader = LineReader(handle)
        var lineNumber = 0
        while let line = try reader.nextLine() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            try body(parseJSONLine(line, where: "\(name):\(lineNumber)"))
        }
    }

    private func decode(_ bytes: some Collection<UInt8>, where location: String) -> Result<String, InputError> {
        do {
            return .success(try UTF8Input.decode(bytes, lossy: lossy, maxBytes: maxBytes))
        } catch {
            return .failure(InputError(message: "\(location): \(error)"))
        }
    }

    /// One JSONL line: an object with a string `text` and an optional string or number `id`
    /// (default: `FILE:LINE`).
    private func parseJSONLine(_ line: [UInt8], where location: String) -> InputDocument {
        var data = Data(line)
        if String(validating: line, as: UTF8.self) == nil {
            guard lossy else {
                return InputDocument(id: location, text: .failure(InputError(message: "\(location): invalid UTF-8 at byte offset \(UTF8Input.firstInvalidOffset(line)) of the line")))
            }
            data = Data(String(decoding: line, as: UTF8.self).utf8)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            return InputDocument(id: location, text: .failure(InputError(message: "\(location): not a JSON object")))
        }
        var id = location
        if let string = object["id"] as? String { id = string } else if let number = object["id"] as? NSNumber { id = number.stringValue }
        guard var text = object["text"] as? String else {
            return InputDocument(id: id, text: .failure(InputError(message: "\(location): no string field \"text\"")))
        }
        if text.utf8.count > maxBytes {
            return InputDocument(id: id, text: .failure(InputError(message: "\(location): \(TextError.tooLarge(bytes: text.utf8.count, limit: maxBytes))")))
        }
        text.makeContiguousUTF8()
        // Searched with memchr: the byte-by-byte walk of `String.UTF8View` cost a few percent of a run.
        let nul = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        } ?? nil
        if let nul {
            return InputDocument(id: id, text: .failure(InputError(message: "\(location): \(TextError.binaryContent(byteOffset: nul))")))
        }
        return InputDocument(id: id, text: .success(text))
    }
}
