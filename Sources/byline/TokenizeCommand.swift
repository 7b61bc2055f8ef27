import ArgumentParser
import Byline
import BylineFormats
import BylineText
import Foundation

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split articles into sentences and tokens (one token a line, a blank line between sentences).",
        discussion: "With --count, print only the totals: documents, sentences, tokens, bytes."
    )

    @Argument(help: "Files or folders; '-' or nothing reads standard input.")
    var inputs: [String] = []

    @Option(name: .long, help: "Input: text (one document a file) or jsonl ({\"id\": …, \"text\": …} a line).")
    var input: DocumentInput.Mode = .text

    @Flag(name: .long, help: "Print only the totals.")
    var count = false

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of rejecting the document.")
    var lossy = false

    func run() throws {
        let tokenizer = try Tokenizer()
        let output = BufferedOutput()
        var documents = 0, sentences = 0, tokens = 0, bytes = 0, failed = 0
        try DocumentInput(paths: inputs, mode: input, lossy: lossy).forEach { item in
            documents += 1
            guard case .success(var text) = item.text else {
                if case .failure(let error) = item.text { Diagnostics.error("\(item.id): \(error)") }
                failed += 1
                return
            }
            let tokenized = try text.withUTF8 { try tokenizer.tokenize(utf8: $0) }
            sentences += tokenized.sentences.count
            tokens += tokenized.tokens.count
            bytes += text.utf8.count
            guard !count else { return }
            let utf8 = Array(text.utf8)
            for sentence in tokenized.sentences {
                for token in tokenized.tokens[sentence.tokens] { output.write(Array(utf8[token.utf8Range]) + [0x0A]) }
                output.write([0x0A])
            }
        }
        if count { output.write(Array("documents \(documents)\nsentences \(sentences)\ntokens \(tokens)\nbytes \(bytes)\n".utf8)) }
        output.flush()
        if failed > 0 { throw ExitCode(1) }
    }
}
