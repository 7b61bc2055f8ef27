/// Resolves the links rules ask for (`link: title=person`) once names are known, then binds spans that
/// carry no link of their own.
///
/// - A linked span holds a `Span.PendingLink`: an attribute and the range its rule's target group
///   matched; it becomes `attribute` = the canonical `name` (or the text) of the span on that range.
/// - A span of a label whose other spans carry the attribute, but which has none itself ("the minister"
///   alone), takes it from the nearest span of its label with the same last word (compared
///   case-insensitively: "Mayor Lindiwe Brown" … "the city's mayor"), the nearest earlier one first.
struct LinkResolver {
    func resolve(_ spans: [Span], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        let pending = spans.indices.filter { spans[$0].pendingLink != nil }
        guard !pending.isEmpty else { return spans }
        // The first span on each target range, by index: the few targets sorted, each span's range looked up
        // among them (spans are large: they are not copied into the table).
        var targets = pending.map { spans[$0].pendingLink!.target }
        targets.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var targetSpan = [Int?](repeating: nil, count: targets.count)
        for index in spans.indices {
            let range = spans[index].utf8Range
            var t = targets.partitionPoint { ($0.lowerBound, $0.upperBound) < (range.lowerBound, range.upperBound) }
            while t < targets.count && targets[t] == range {
                if targetSpan[t] == nil { targetSpan[t] = index }
                t += 1
            }
        }
        func span(on range: Range<Int>) -> Int? {
            let t = targets.partitionPoint { ($0.lowerBound, $0.upperBound) < (range.lowerBound, range.upperBound) }
            return targetSpan[t]
        }
        var resolved = spans
        var linkedAttributes: Set<String> = [], linkedLabels: Set<String> = []
        for index in pending {
            let link = spans[index].pendingLink!
            resolved[index].pendingLink = nil
            guard let t = span(on: link.target) else { continue }
            let target = spans[t]
            resolved[index].attributes[link.attribute] = target.attributes["name"] ?? text(target.utf8Range, bytes)
            linkedAttributes.insert(link.attribute)
            linkedLabels.insert(resolved[index].label)
        }
        // Bind the rest by head word: per (label, head), the linked spans' starts in order. Each span of a
        // linked label gets its key once.
        let candidates = resolved.indices.filter { linkedLabels.contains(resolved[$0].label) }
        let keys = candidates.map { resolved[$0].label + "\u{0}" + lastWord(resolved[$0].utf8Range, bytes) }
        for attribute in linkedAttributes {
            var linked: [String: [(start: Int, value: String)]] = [:]
            for (k, index) in candidates.enumerated() {
                guard let value = resolved[index].attributes[attribute] else { continue }
                linked[keys[k], default: []].append((resolved[index].utf8Range.lowerBound, value))
            }
            for key in linked.keys { linked[key]!.sort { $0.start < $1.start } }
            for (k, index) in candidates.enumerated() where resolved[index].attributes[attribute] == nil {
                guard let same = linked[keys[k]] else { continue }
                let start = resolved[index].utf8Range.lowerBound
                let lo = same.partitionPoint { $0.start <= start }  // the first linked span after `start`
                let source = lo > 0 ? same[lo - 1] : same[lo]  // the nearest earlier one, else the nearest later
                resolved[index].attributes[attribute] = source.value
            }
        }
        return resolved
    }

    private func text(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The span's last space-separated word in lower case (a byte scan: it runs for every linked span).
    private func lastWord(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = range.upperBound
        while end > range.lowerBound && bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > range.lowerBound && bytes[start - 1] != 0x20 { start -= 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard word.allSatisfy({ $0 < 0x80 }) else { return String(decoding: word, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: word.count) { out in
            for (i, byte) in word.enumerated() { out[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return word.count
        }
    }
}
