import Byline

/// Renders a document for a person at a terminal: the article with each entity bracketed and labelled,
/// `[Maria Okafor]PERSON`, nested where spans nest, and quotes marked `«…»QUOTE`. With `color`, ANSI
/// colours replace nothing but make labels easy to scan.
public struct TerminalRenderer {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    private static let colors = ["PERSON": "36", "TITLE": "33", "PLACE": "32", "QUOTE": "35"]

    public func render(_ document: Document) -> String {
        struct Mark { var start: Int; var end: Int; var label: String; var open: String; var close: String }
        var marks = document.entities.map { Mark(start: $0.utf8Range.lowerBound, end: $0.utf8Range.upperBound, label: $0.label, open: "[", close: "]") }
        marks += document.quotes.map { Mark(start: $0.content.lowerBound, end: $0.content.upperBound, label: "QUOTE", open: "«", close: "»") }
        // Outer spans open first and close last.
        marks.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        let utf8 = document.utf8
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + marks.count * 16)
        var open: [Mark] = []
        var next = 0
        var position = 0
        func closeUntil(_ offset: Int) {
            while let last = open.last, last.end <= offset {
                // Crossing (not nested) marks close where the text has got to.
                let end = max(position, last.end)
                out += utf8[position..<end]
                position = end
                out += last.close.utf8
                out += paint(last.label, code: Self.colors[last.label] ?? "1").utf8
                open.removeLast()
            }
        }
        while next < marks.count {
            let mark = marks[next]
            closeUntil(mark.start)
            out += utf8[position..<mark.start]
            position = mark.start
            out += paint(mark.open, code: Self.colors[mark.label] ?? "1").utf8
            open.append(mark)
            next += 1
        }
        closeUntil(Int.max)
        out += utf8[position...]
        return String(decoding: out, as: UTF8.self)
    }

    private func paint(_ text: String, code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
