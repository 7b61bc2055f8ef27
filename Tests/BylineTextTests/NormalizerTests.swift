import Testing
@testable import BylineText

@Suite struct NormalizerTests {
    @Test func foldsCaseAndDiacritics() throws {
        let normalizer = try TextNormalizer()
        #expect(normalizer.foldKey("São Paulo") == normalizer.foldKey("Sao Paulo"))
        #expect(normalizer.foldKey("SÃO PAULO") == "sao paulo")
        #expect(normalizer.foldKey("Zelenskyy") == normalizer.foldKey("ZELENSKYY"))
        #expect(normalizer.foldKey("O’Brien") == "o'brien")
        #expect(normalizer.foldKey("Straße") == "strasse")
        #expect(normalizer.foldKey("Łódź") == "lodz")
    }

    @Test func nfkcFoldsCompatibilityForms() throws {
        let normalizer = try TextNormalizer()
        #expect(normalizer.foldKey("ﬁnance") == "finance")
        #expect(normalizer.foldKey("Ｔｏｋｙｏ") == "tokyo")
        // A decomposed é (e + combining acute) folds like the precomposed one.
        #expect(normalizer.foldKey("Jose\u{301}") == normalizer.foldKey("José"))
    }

    @Test func keepsNonLatinScripts() throws {
        let normalizer = try TextNormalizer()
        #expect(normalizer.foldKey("ЗЕЛЕНСКИЙ") == "зеленский")
        #expect(normalizer.foldKey("習近平") == "習近平")
    }
}

@Suite struct UTF8InputTests {
    @Test func reportsTheOffsetOfInvalidBytes() {
        #expect(throws: TextError.invalidUTF8(byteOffset: 3)) { try UTF8Input.decode([0x61, 0x62, 0x63, 0xFF, 0x64]) }
        #expect(throws: TextError.invalidUTF8(byteOffset: 1)) { try UTF8Input.decode([0x61, 0xE2, 0x80]) }
    }

    @Test func lossyModeReplaces() throws {
        #expect(try UTF8Input.decode([0x61, 0xFF, 0x62], lossy: true) == "a\u{FFFD}b")
    }

    @Test func rejectsBinaryAndHugeInput() {
        #expect(throws: TextError.binaryContent(byteOffset: 2)) { try UTF8Input.decode([0x61, 0x62, 0x00]) }
        #expect(throws: TextError.tooLarge(bytes: 4, limit: 3)) { try UTF8Input.decode([0x61, 0x62, 0x63, 0x64], maxBytes: 3) }
    }

    @Test func dropsByteOrderMarkAndAcceptsEmpty() throws {
        #expect(try UTF8Input.decode([0xEF, 0xBB, 0xBF, 0x61]) == "a")
        #expect(try UTF8Input.decode([UInt8]()) == "")
    }
}
