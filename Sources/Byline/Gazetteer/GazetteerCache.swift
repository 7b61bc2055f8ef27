import BylineText
import Foundation

/// A folder of compiled gazetteers, so that a run reads the trie it built last time instead of tokenizing
/// and folding every entry again (with the shipped lists a one-article run takes 0.22–0.27 s with the
/// cache, 0.61–0.74 s without).
///
/// A compiled gazetteer is stored per `lists.def` path, under a key computed from everything the build
/// reads: the bytes of `lists.def` and of every list, the ICU version (its data decides word breaks and
/// folding), and the identity of the running executable (its size, modification time and inode), so a
/// rebuilt `byline` or an edited list never reads a stale trie. A file that is missing, stale, truncated or
/// corrupt is rebuilt from the lists and replaced atomically (temporary file, then rename); a folder that
/// cannot be written only costs the build. A checksum of the compiled part guards against a damaged file
/// that would still read as a trie. Writing a file removes those of lists.def files that no longer exist
/// (a deleted checkout), so the folder does not grow with every clone. Lists under `minimumListBytes` in
/// total are built every time.
public struct GazetteerCache: Sendable {
    /// Where compiled gazetteers are written.
    public let directory: URL

    /// Lists smaller than this (all files together) build faster than the cache would pay back.
    public static let minimumListBytes = 256 * 1024

    /// Bumped whenever the layout of the file or the meaning of what it holds changes.
    static let formatVersion: UInt32 = 2
    fileprivate static let magic = Array("BYLINEGZ".utf8)

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$BYLINE_CACHE_DIR`, else `$XDG_CACHE_HOME/byline`, else `~/.cache/byline`; nil when
    /// `BYLINE_CACHE` is `off` (or `0`, `no`) or no home folder is known.
    public static var standard: GazetteerCache? {
        let environment = ProcessInfo.processInfo.environment
        if let setting = environment["BYLINE_CACHE"]?.lowercased(), ["off", "0", "no", "false"].contains(setting) {
            return nil
        }
        if let folder = environment["BYLINE_CACHE_DIR"], !folder.isEmpty {
            return GazetteerCache(directory: URL(fileURLWithPath: folder))
        }
        if let folder = environment["XDG_CACHE_HOME"], folder.hasPrefix("/") {
            return GazetteerCache(directory: URL(fileURLWithPath: folder).appendingPathComponent("byline"))
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return GazetteerCache(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/byline"))
        }
        return nil
    }

    /// What `gazetteer(definitions:)` did.
    public enum Outcome: Equatable, Sendable {
        /// Read the compiled gazetteer.
        case read
        /// Built it from the lists, and wrote it (`written`) or could not.
        case built(written: Bool)
        /// Built it from lists too small to cache.
        case small
    }

    /// The file holding the compiled gazetteer of the `lists.def` at `definitions`.
    public func file(for definitions: URL) -> URL {
        var hasher = ContentHasher()
        hasher.add(Array(definitions.standardizedFileURL.path.utf8))
        let (high, _) = hasher.finish()
        return directory.appendingPathComponent("gazetteer-\(String(high, radix: 16)).bin")
    }

    /// The gazetteer of the lists a `lists.def` names: read from the cache when it holds them under the
    /// current key, otherwise built from the lists (reporting their errors as `Gazetteer.load` does) and written.
    public func gazetteer(definitions: URL) throws -> (gazetteer: Gazetteer, outcome: Outcome) {
        var sources = try Snapshot(definitions)
        guard let contents = sources.contents else {
            return (try Gazetteer.build(sources.lines), .built(written: false))  // reports the unreadable file
        }
        guard contents.reduce(0, { $0 + $1.count }) >= Self.minimumListBytes else {
            return (try Gazetteer.build(sources.lines, contents: contents), .small)
        }
        let file = file(for: definitions)
        // The lists' bytes are let go while the compiled file is read: both at once would raise the peak
        // memory of every run by their size.
        let key = sources.key
        sources.contents = nil
        if let gazetteer = read(file, key: key, lists: sources.lines.map(\.list)) { return (gazetteer, .read) }
        // A miss reads the lists again and builds from the very bytes its key covers: a list edited
        // meanwhile cannot end up stored under the key of its old text.
        sources = try Snapshot(definitions)
        guard let fresh = sources.contents else { return (try Gazetteer.build(sources.lines), .built(written: false)) }
        let gazetteer = try Gazetteer.build(sources.lines, contents: fresh)
        return (gazetteer, .built(written: write(gazetteer, to: file, key: sources.key, definitions: definitions)))
    }

    /// What a build reads: lists.def parsed, the lists' bytes (nil when one cannot be read), and the key
    /// of all that with the ICU version and the executable.
    private struct Snapshot {
        var lines: [ListDefinitions.Line]
        var contents: [[UInt8]]?
        var key: [UInt8] = []

        init(_ definitions: URL) throws {
            let text = try ResourceText.read(definitions)
            lines = try ListDefinitions.parse(definitions, text: text)
            var hasher = ContentHasher()
            hasher.add(GazetteerCache.magic)
            hasher.add(UInt64(GazetteerCache.formatVersion))
            hasher.add(Array(TextNormalizer.icuVersion.utf8))
            hasher.add(GazetteerCache.executableIdentity)
            hasher.add(Array(definitions.standardizedFileURL.path.utf8))
            hasher.add(Array(text.utf8))
            var contents: [[UInt8]] = []
            for line in lines {
                guard let data = FileManager.default.contents(atPath: line.url.path) else { return }
                contents.append([UInt8](data))
                hasher.add(Array(line.url.standardizedFileURL.path.utf8))
                hasher.add(contents[contents.count - 1])
            }
            self.contents = contents
            let (high, low) = hasher.finish()
            var writer = BinaryWriter()
            writer.write(high)
            writer.write(low)
            key = writer.bytes
        }
    }

    /// The gazetteer in `file` if it is whole and was compiled under `key`; nil otherwise.
    private func read(_ file: URL, key: [UInt8], lists: [GazetteerList]) -> Gazetteer? {
        // Mapped, not read: its pages come straight from the page cache, with no copy into fresh memory.
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> Gazetteer? in
            guard let header = Header(raw), header.key == key else { return nil }
            // A damaged payload could still look like a trie: its checksum must agree.
            let payload = UnsafeRawBufferPointer(rebasing: raw[header.size...])
            var checksum = ContentHasher()
            checksum.add(payload)
            guard checksum.finish() == header.checksum else { return nil }
            var body = BinaryReader(payload)
            guard let parts = try? Gazetteer.Parts(reading: &body, listCount: lists.count) else { return nil }
            return Gazetteer(lists: lists, parts: parts)
        }
    }

    /// Writes `gazetteer` to `file` atomically, then removes the files of lists.def files that are gone;
    /// false when the folder or file cannot be written.
    private func write(_ gazetteer: Gazetteer, to file: URL, key: [UInt8], definitions: URL) -> Bool {
        var size = BinaryWriter.counter()
        gazetteer.parts.write(to: &size)
        var payload = BinaryWriter(capacity: size.count)
        gazetteer.parts.write(to: &payload)
        var checksum = ContentHasher()
        checksum.add(payload.bytes)
        let header = Header(key: key, checksum: checksum.finish(), definitions: definitions.standardizedFileURL.path)
        // Written in place from the two buffers (no joined copy of tens of MB), to a temporary file beside
        // the target, then renamed over it: a reader sees the old file or the new one, never half of one (and
        // a file torn by a crash fails its checksum).
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else { return false }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try header.bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
            try payload.bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
            guard rename(temporary.path, file.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return false
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return false
        }
        removeOrphans(keeping: file)
        return true
    }

    /// Removes the compiled gazetteers whose lists.def no longer exists (a deleted checkout or clone), those
    /// of other formats, and temporary files a writer left a day ago or more: each is tens of MB.
    private func removeOrphans(keeping kept: URL) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name != kept.lastPathComponent {
            let path = directory.appendingPathComponent(name).path
            if name.hasPrefix("gazetteer-") && name.hasSuffix(".bin") {
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                let start = (try? handle.read(upToCount: Header.largest)) ?? Data()
                try? handle.close()
                let definitions = start.withUnsafeBytes { Header($0, payloadOptional: true)?.definitions }
                if definitions.map({ !manager.fileExists(atPath: $0) }) ?? true { try? manager.removeItem(atPath: path) }
            } else if name.hasPrefix(".gazetteer-") && name.hasSuffix(".tmp"),
                      let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                      modified.timeIntervalSinceNow < -86_400 {
                try? manager.removeItem(atPath: path)
            }
        }
    }

    /// The start of a file: magic, format version, key, the payload's checksum, and the path of the
    /// lists.def it was compiled from (so that files of deleted checkouts can be found and removed).
    private struct Header {
        var key: [UInt8]
        var checksum: (UInt64, UInt64)
        var definitions: String
        /// Its length in bytes: the payload follows.
        var size = 0
        /// No header is longer (a path of up to 4 KB).
        static let largest = 8 + 4 + 16 + 16 + 4 + 4096

        init(key: [UInt8], checksum: (UInt64, UInt64), definitions: String) {
            self.key = key
            self.checksum = checksum
            self.definitions = definitions
        }

        /// The header at the start of `raw`; nil unless it has this format's magic and version. Without
        /// `payloadOptional`, `raw` must hold more than the header.
        init?(_ raw: UnsafeRawBufferPointer, payloadOptional: Bool = false) {
            var reader = BinaryReader(raw)
            guard let magic = try? (0..<GazetteerCache.magic.count).map({ _ in try reader.read(UInt8.self) }),
                  magic == GazetteerCache.magic,
                  let version = try? reader.read(UInt32.self), version == GazetteerCache.formatVersion,
                  let key = try? (0..<16).map({ _ in try reader.read(UInt8.self) }),
                  let high = try? reader.read(UInt64.self), let low = try? reader.read(UInt64.self),
                  let definitions = try? reader.readString(), definitions.utf8.count <= 4096,
                  payloadOptional || !reader.isAtEnd else { return nil }
            self.init(key: key, checksum: (high, low), definitions: definitions)
            size = reader.offset
        }

        var bytes: [UInt8] {
            var writer = BinaryWriter()
            for byte in GazetteerCache.magic { writer.write(byte) }
            writer.write(GazetteerCache.formatVersion)
            for byte in key { writer.write(byte) }
            writer.write(checksum.0)
            writer.write(checksum.1)
            writer.write(definitions)
            return writer.bytes
        }
    }

    /// The running executable's path, size, modification time and inode (empty if unknown): a rebuilt
    /// binary may tokenize or fold differently, so it never reads what another build compiled.
    fileprivate static let executableIdentity: [UInt8] = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return Array(CommandLine.arguments.first.map { Array($0.utf8) } ?? []) }
        var writer = BinaryWriter()
        for value in [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                      Int64(bitPattern: UInt64(info.st_ino)), Int64(bitPattern: UInt64(info.st_dev))] {
            writer.write(value)
        }
        return writer.bytes
    }()
}

/// A 128-bit hash of byte strings, eight bytes at a time: it tells edited lists from the ones a cache was
/// built from (not a defence against anyone crafting a collision).
struct ContentHasher {
    private var high: UInt64 = 0x9e37_79b9_7f4a_7c15
    private var low: UInt64 = 0xc2b2_ae3d_27d4_eb4f
    private var length: UInt64 = 0

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    /// Adds the bytes and their count, so that ("ab", "c") and ("a", "bc") differ.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= bytes.count {
            step(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[i...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        step(tail)
        step(UInt64(bytes.count))
        length &+= UInt64(bytes.count)
    }

    @inline(__always) private mutating func step(_ word: UInt64) {
        // Two cheap lanes a word (a multiply and a shift each); `finish` mixes them fully.
        high = (high ^ word) &* 0x0000_0100_0000_01b3
        high ^= high >> 29
        low = (low &+ word) &* 0xff51_afd7_ed55_8ccd
        low ^= low >> 32
    }

    func finish() -> (UInt64, UInt64) {
        (ByteHash.mix(high ^ length), ByteHash.mix(low &+ length &* 0x9e37_79b9_7f4a_7c15))
    }
}
