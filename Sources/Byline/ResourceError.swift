/// A place in a user-edited resource file: a rule file, a gazetteer list, a configuration.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { line > 0 ? "\(file):\(line)" : file }
}

/// Something wrong in a resource file, said as `file:line: what is wrong`.
public struct ResourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }
    public var description: String { "\(location): \(message)" }
}

/// Every problem found while loading resources, so a user fixes them all in one go.
public struct ResourceErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ResourceError]
    public init(_ errors: [ResourceError]) { self.errors = errors }
    public var description: String {
        let shown = errors.prefix(50).map(\.description)
        let more = errors.count > 50 ? ["… and \(errors.count - 50) more"] : []
        return (shown + more).joined(separator: "\n")
    }
}
