/// What one attempt to read a line gave.
public enum LineInput: Hashable, Sendable {
    /// A line the person typed (without the newline).
    case line(String)
    /// End of input: Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
    /// Ctrl-C was pressed.
    case interrupted
    /// Nothing was typed for the idle timeout.
    case idle
    /// The quick-hide key (Ctrl-X) was pressed.
    case hidden
}

/// Reads lines from the person at the terminal (or from a script).
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Whether a person is typing at a terminal (readline), as opposed to piped input.
    var isInteractive: Bool { get }
    /// Reads a line without showing what is typed (a passphrase).
    func readSecret(prompt: String) -> LineInput
    /// Runs `body` (a wait before a passphrase prompt) without showing what is typed meanwhile, and
    /// throws that typing away.
    func withoutEcho(_ body: () -> Void)
}
