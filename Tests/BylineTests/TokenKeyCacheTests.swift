import Testing
@testable import Byline

@Suite struct TokenKeyCacheTests {
    @Test func answersWhatTheTablesAnswerAndAsksThemOncePerKey() {
        var cache = TokenKeyCache()
        var asked = 0
        func answer(_ text: String) -> TokenKeyCache.Answer {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { key in
                cache.answer(UnsafeBufferPointer(key)) { key in
                    asked += 1
                    // A stand-in for the tables: the length and the first byte.
                    return .init(id: Int32(key.count), rootChild: Int32(key.first ?? 0))
                }
            }
        }
        let words = ["the", "said", "minister", "a", "", "sixteen-letters!", "seventeen letters", "thE", "the "]
        let first = words.map(answer)
        #expect(first == words.map { .init(id: Int32($0.utf8.count), rootChild: Int32($0.utf8.first ?? 0)) })
        let askedOnce = asked
        #expect(words.map(answer) == first)
        // Keys of 1 to 16 bytes come from the cache the second time; the empty and the longer one are asked again.
        #expect(asked == askedOnce + 2)
    }

    @Test func edgesComeBackAsAsked() {
        var cache = TrieEdgeCache()
        var asked = 0
        for round in 0..<2 {
            for node in Int32(0)..<50 {
                for id in Int32(0)..<20 {
                    let child = cache.child(of: node, token: id) { asked += 1; return node &* 31 &+ id }
                    #expect(child == node &* 31 &+ id, "round \(round)")
                }
            }
        }
        #expect(asked < 2 * 50 * 20)
    }
}
