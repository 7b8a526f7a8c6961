/// A place in a form file: 1-based line and column (columns count Unicode scalars, like libyaml).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// The same place moved `offset` scalars to the right (for a spot inside a one-line value).
    public func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(line: line, column: column + offset)
    }
}

/// One problem found in a form file: where it is, what is wrong, and how to fix it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The form cannot be used until this is fixed.
        case error
        /// The form works, but something is probably not what the author meant.
        case warning
    }

    public var severity: Severity
    /// The file the problem is in, as it should be shown to the user.
    public var file: String
    /// Where in the file; `nil` when the problem concerns the whole file.
    public var location: SourceLocation?
    /// What is wrong, in plain words, naming the offending value.
    public var message: String
    /// How to fix it.
    public var fix: String?

    public init(_ severity: Severity, file: String, at location: SourceLocation?, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `file:line:column: error: message; fix`.
    public var description: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": \(severity.rawValue): \(message)"
        if let fix { text += "; \(fix)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// The problems that make a form unusable.
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    /// The problems that only warn.
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    /// Sorted by position in the file, whole-file problems first.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.location ?? SourceLocation(line: 0, column: 0)
            let lb = b.element.location ?? SourceLocation(line: 0, column: 0)
            return la == lb ? a.offset < b.offset : la < lb
        }.map(\.element)
    }
}
