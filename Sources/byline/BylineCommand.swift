import ArgumentParser

@main
struct BylineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Find people, titles, places and attributed quotes in English news.",
        subcommands: [AnnotateCommand.self, ExportCommand.self, EvalCommand.self, TokenizeCommand.self, CheckRulesCommand.self]
    )
}
