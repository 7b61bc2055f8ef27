import Foundation
import Testing
@testable import Byline

/// The compiled gazetteer cache: what it reads back is what the lists build, and a stale, damaged or
/// unwritable cache costs a rebuild, never a wrong trie or a crash.
@Suite final class GazetteerCacheTests {
    /// The folders a test makes, under this one; removed when the test ends.
    private let root = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cache-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: root) }

    private func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every field of a compiled gazetteer, as the cache writes them.
    private func bytes(_ gazetteer: Gazetteer) -> [UInt8] {
        var writer = BinaryWriter()
        gazetteer.parts.write(to: &writer)
        // The first pass of a cache write only counts: it must count what the second pass writes.
        var counter = BinaryWriter.counter()
        gazetteer.parts.write(to: &counter)
        #expect(counter.count == writer.bytes.count && counter.bytes.isEmpty)
        return writer.bytes
    }

    /// A lists.def with two lists, one of them large enough to be cached; `extra` is appended to the small one.
    private func writeLists(in folder: URL, extra: String = "") throws -> URL {
        var towns = "# generated towns\n"
        for n in 0..<24_000 { towns += "Town\(n) Ávila\tplace/town\tT\(n)\tpopulation=\(n)\n" }
        try Data(towns.utf8).write(to: folder.appendingPathComponent("towns.tsv"))
        try Data("Okafor\tperson/surname\nSão Paulo\tplace/city\tBR-SP\tcase=exact\nUS\tplace/country\tUS\tcase=upper\n\(extra)".utf8)
            .write(to: folder.appendingPathComponent("names.tsv"))
        let definitions = folder.appendingPathComponent("lists.def")
        try Data("towns.tsv emit=PLACE\nnames.tsv priority=2\n".utf8).write(to: definitions)
        return definitions
    }

    @Test func theShippedListsReadBackFieldForField() throws {
        let definitions = ShippedGazetteerTests.root.appendingPathComponent("Gazetteers/lists.def")
        let cache = GazetteerCache(directory: try folder("shipped"))
        let (built, first) = try cache.gazetteer(definitions: definitions)
        #expect(first == .built(written: true))
        let (read, second) = try cache.gazetteer(definitions: definitions)
        #expect(second == .read)
        #expect(bytes(read) == bytes(built))
        #expect(bytes(read) == bytes(ShippedGazetteerTests.gazetteer))
        #expect(read.lists.map(\.path) == built.lists.map(\.path))
        // And it matches as the built one does.
        let text = "SAO PAULO and São Paulo, the US and Kyiv"
        let fresh = try Pipeline.load(configuration: ShippedGazetteerTests.root.appendingPathComponent("Rules/pipeline.conf"),
                                      checkExamples: false, cache: cache)
        #expect(fresh.gazetteerCacheOutcome == .read)
        #expect(ShippedGazetteerTests.pipeline.gazetteerCacheOutcome == nil)  // loaded without a cache
        let document = try fresh.makeAnnotator().annotate(id: "t", text: text)
        let expected = try ShippedGazetteerTests.pipeline.makeAnnotator().annotate(id: "t", text: text)
        #expect(document.lookups == expected.lookups)
        #expect(document.labelled == expected.labelled)
    }

    @Test func anEditedListIsBuiltAgain() throws {
        let lists = try folder("lists"), cache = GazetteerCache(directory: try folder("edited"))
        let definitions = try writeLists(in: lists)
        #expect(try cache.gazetteer(definitions: definitions).outcome == .built(written: true))
        #expect(try cache.gazetteer(definitions: definitions).outcome == .read)
        // One more line in the small list: a new key, a rebuild, and the new entry is there.
        _ = try writeLists(in: lists, extra: "Mensah\tperson/surname\n")
        let (edited, outcome) = try cache.gazetteer(definitions: definitions)
        #expect(outcome == .built(written: true))
        #expect(edited.entries.contains { $0.name == "Mensah" })
        #expect(try cache.gazetteer(definitions: definitions).outcome == .read)
        // One file per lists.def, replaced in place.
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.directory.path)
        #expect(files == [cache.file(for: definitions).lastPathComponent])
    }

    @Test func aDamagedCacheIsBuiltAgainNotTrusted() throws {
        let lists = try folder("lists"), cache = GazetteerCache(directory: try folder("damaged"))
        let definitions = try writeLists(in: lists)
        let (built, _) = try cache.gazetteer(definitions: definitions)
        let file = cache.file(for: definitions)
        let whole = try Data(contentsOf: file)
        // Cut short anywhere (inside the header, the entries, the tables) or with a byte changed in the
        // header or the trie tables (where it could still read as a trie): rebuilt, the same gazetteer out.
        var damaged: [Data] = [0, 7, 12, 30, whole.count / 3, whole.count / 2, whole.count - 1].map { whole.prefix($0) }
        for offset in [10, 30, whole.count - 9, whole.count - 200, whole.count - 5_000] {
            var copy = whole
            copy[offset] ^= 0xFF
            damaged.append(copy)
        }
        for data in damaged {
            try data.write(to: file)
            let (rebuilt, outcome) = try cache.gazetteer(definitions: definitions)
            #expect(outcome == .built(written: true))
            #expect(bytes(rebuilt) == bytes(built))
        }
    }

    @Test func filesOfDeletedListsAreRemovedWhenAnotherIsWritten() throws {
        let cache = GazetteerCache(directory: try folder("orphans"))
        let kept = try writeLists(in: try folder("kept")), gone = try writeLists(in: try folder("gone"))
        _ = try cache.gazetteer(definitions: kept)
        _ = try cache.gazetteer(definitions: gone)
        // A file of another format, and the lists of "gone" deleted (a removed checkout).
        let foreign = cache.directory.appendingPathComponent("gazetteer-0123456789abcdef.bin")
        try Data("BYLINEGZ old".utf8).write(to: foreign)
        try FileManager.default.removeItem(at: gone.deletingLastPathComponent())
        // The next file written (a third lists.def) removes both; the live one stays and still reads.
        let third = try writeLists(in: try folder("third"))
        #expect(try cache.gazetteer(definitions: third).outcome == .built(written: true))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path))
        #expect(files == [cache.file(for: kept).lastPathComponent, cache.file(for: third).lastPathComponent])
        #expect(try cache.gazetteer(definitions: kept).outcome == .read)
    }

    @Test func smallListsAreNotCached() throws {
        let cache = GazetteerCache(directory: try folder("small"))
        let definitions = Fixtures.directory.appendingPathComponent("ruleset/lists.def")
        #expect(try cache.gazetteer(definitions: definitions).outcome == .small)
        #expect(!FileManager.default.fileExists(atPath: cache.file(for: definitions).path))
    }

    @Test func anUnwritableFolderOnlyCostsTheBuild() throws {
        let lists = try folder("lists")
        let definitions = try writeLists(in: lists)
        // A regular file where the folder should be: nothing can be written under it.
        let blocked = root.appendingPathComponent("blocked")
        try Data("not a folder".utf8).write(to: blocked)
        let cache = GazetteerCache(directory: blocked.appendingPathComponent("cache"))
        let (gazetteer, outcome) = try cache.gazetteer(definitions: definitions)
        #expect(outcome == .built(written: false))
        #expect(gazetteer.entries.count == 24_003)
    }

    @Test func listErrorsAreReportedThroughTheCacheAsWithout() throws {
        let lists = try folder("lists"), cache = GazetteerCache(directory: try folder("errors"))
        let definitions = try writeLists(in: lists, extra: "Broken line without a type\n")
        #expect(throws: ResourceErrors.self) { try cache.gazetteer(definitions: definitions) }
        #expect(!FileManager.default.fileExists(atPath: cache.file(for: definitions).path))
    }
}
