import BylineFormats
import Foundation

/// The progress line a long batch shows on standard error when it is a terminal (documents, MB, MB/s,
/// ETA), and the summary it leaves at the end.
final class ProgressLine {
    private let totalBytes: Int?
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var shown = false

    init(totalBytes: Int?) { self.totalBytes = totalBytes }

    func update(_ summary: AnnotateJob.Summary) {
        guard isTerminal else { return }
        var line = "\r\u{1B}[K" + describe(summary)
        if let totalBytes, totalBytes > 0, summary.bytes > 0 {
            let seconds = Date().timeIntervalSince(started)
            let remaining = seconds * Double(max(0, totalBytes - summary.bytes)) / Double(summary.bytes)
            line += String(format: ", %.0f%%, ETA %@", min(100, 100 * Double(summary.bytes) / Double(totalBytes)), Self.clock(remaining))
        }
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    /// Clears the line so that a message can be printed.
    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }

    func finish(_ summary: AnnotateJob.Summary, showSummary: Bool) {
        clear()
        guard showSummary else { return }
        var text = "byline: " + describe(summary)
        if summary.failed > 0 { text += ", \(summary.failed) failed" }
        if summary.skipped > 0 { text += ", \(summary.skipped) skipped (already written)" }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func describe(_ summary: AnnotateJob.Summary) -> String {
        let seconds = max(Date().timeIntervalSince(started), 1e-6)
        let megabytes = Double(summary.bytes) / 1e6
        return String(format: "%d documents, %.1f MB in %.1f s (%.2f MB/s)", summary.documents, megabytes, seconds, megabytes / seconds)
    }

    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
