/// Resolves the links rules ask for (`link: title=person`) once names are known, then binds spans that
/// carry no link of their own.
///
/// - A linked span holds `LinkResolver.pendingPrefix + attribute` = "start:end" (UTF-8) of the span its
///   rule's target group matched; it becomes `attribute` = that span's canonical `name` (or its text).
/// - A span of a label whose other spans carry the attribute, but which has none itself ("the minister"
///   alone), takes it from the nearest span of its label with the same last word (compared
///   case-insensitively: "Mayor Lindiwe Brown" … "the city's mayor"), the nearest earlier one first.
struct LinkResolver {
    static let pendingPrefix = "_link."

    func resolve(_ spans: [Span], bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        guard spans.contains(where: { $0.attributes.keys.contains { $0.hasPrefix(Self.pendingPrefix) } }) else { return spans }
        var byRange: [Range<Int>: Span] = [:]
        for span in spans { byRange[span.utf8Range] = byRange[span.utf8Range] ?? span }
        var resolved = spans
        var linkedAttributes: Set<String> = [], linkedLabels: Set<String> = []
        for index in resolved.indices {
            for (key, value) in resolved[index].attributes where key.hasPrefix(Self.pendingPrefix) {
                resolved[index].attributes[key] = nil
                let parts = value.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2, parts[0] <= parts[1], let target = byRange[parts[0]..<parts[1]] else { continue }
                let attribute = String(key.dropFirst(Self.pendingPrefix.count))
                resolved[index].attributes[attribute] = target.attributes["name"] ?? text(target.utf8Range, bytes)
                linkedAttributes.insert(attribute)
                linkedLabels.insert(resolved[index].label)
            }
        }
        // Bind the rest by head word.
        for attribute in linkedAttributes {
            let heads = resolved.indices.map { lastWord(resolved[$0].utf8Range, bytes) }
            let linked = resolved.indices.filter { resolved[$0].attributes[attribute] != nil }
            for index in resolved.indices where linkedLabels.contains(resolved[index].label) && resolved[index].attributes[attribute] == nil {
                let same = linked.filter { resolved[$0].label == resolved[index].label && heads[$0] == heads[index] }
                let start = resolved[index].utf8Range.lowerBound
                let earlier = same.filter { resolved[$0].utf8Range.lowerBound < start }.max { resolved[$0].utf8Range.lowerBound < resolved[$1].utf8Range.lowerBound }
                let later = same.filter { resolved[$0].utf8Range.lowerBound > start }.min { resolved[$0].utf8Range.lowerBound < resolved[$1].utf8Range.lowerBound }
                if let source = earlier ?? later { resolved[index].attributes[attribute] = resolved[source].attributes[attribute] }
            }
        }
        return resolved
    }

    private func text(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func lastWord(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let words = text(range, bytes).split(separator: " ")
        return words.last.map { $0.lowercased() } ?? ""
    }
}
