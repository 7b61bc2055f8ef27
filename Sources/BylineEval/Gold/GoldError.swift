/// A problem in a gold or prediction file, located as precisely as the format allows:
/// `file:line: document ID: span START-END LABEL "text": what is wrong`.
public struct GoldError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Every problem found in a set of files.
public struct GoldErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [GoldError]
    public init(_ errors: [GoldError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
