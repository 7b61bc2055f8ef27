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

    @Test func packedASCIIKeysAreTheFoldedKeys() throws {
        let normalizer = try TextNormalizer()
        // Every length from 1 to 16, letters on both sides of A–Z and a–z ("@", "[", "`", "{"), digits,
        // and texts ending at the buffer's end (read byte by byte) or inside it (read a word at a time).
        let text = "Okafor@[`{ZAMBIA said 2024 O'BRIEN-Mensah xyzXYZ"
        var bytes = Array(text.utf8)
        for start in 0..<bytes.count {
            for length in 1...TextNormalizer.packedKeyBytes where start + length <= bytes.count {
                let expected = Array(normalizer.foldKey(String(decoding: bytes[start..<(start + length)], as: UTF8.self)).utf8)
                let (low, high) = bytes.withUnsafeBufferPointer { TextNormalizer.packedASCIIKey($0, start..<(start + length)) }
                let packed = withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { Array($0.prefix(length)) }
                #expect(packed == expected, "\(text.utf8.dropFirst(start).prefix(length))")
                let rest = withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { Array($0.dropFirst(length)) }
                #expect(rest.allSatisfy { $0 == 0 })
            }
        }
        bytes.removeAll()
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
