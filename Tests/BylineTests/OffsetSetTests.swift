import Testing
@testable import Byline

@Suite struct OffsetSetTests {
    @Test func holdsWhatWasInsertedAndNothingElse() {
        var set: OffsetSet = []
        #expect(set.isEmpty && !set.contains(0))
        for offset in [0, 63, 64, 1_000, 130_000] { set.insert(offset) }
        #expect(!set.isEmpty)
        #expect([0, 63, 64, 1_000, 130_000].allSatisfy(set.contains))
        #expect(![1, 62, 65, 999, 129_999, 130_001, 1_000_000, -1].contains(where: set.contains))
        #expect(OffsetSet([5, 7]).contains(7) && !OffsetSet([5, 7]).contains(6))
    }
}
