import BylineText

/// Annotating one document failed: bad input text, or a rule that ran out of its match budget.
public enum AnnotationError: Error, CustomStringConvertible, Sendable {
    case input(TextError)
    case rule(id: String, location: SourceLocation, error: TextError)

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .rule(let id, let location, let error): return "rule \(id) (\(location)): \(error)"
        }
    }
}
