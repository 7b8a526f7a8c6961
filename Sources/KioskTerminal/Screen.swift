import CReadline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: text, colours when allowed, and clearing the screen and scrollback.
public final class Screen {
    /// Whether standard input and output are a terminal a person uses.
    public let isTerminal: Bool
    /// Whether to use colours: on a terminal, with a real `TERM`, and without `NO_COLOR`.
    public let usesColor: Bool
    /// Whether the terminal understands escape sequences (`TERM` set and not `dumb`): a dumb terminal
    /// gets none, not even to clear the screen.
    public let understandsEscapes: Bool

    /// Whether text is laid out for a screen reader: no colours or styles at all.
    public let isAccessible: Bool

    /// `accessible`: no colours or styles (the clear-screen sequences are still sent, for privacy).
    public init(environment: [String: String], accessible: Bool = false) {
        isTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let term = environment["TERM"] ?? ""
        understandsEscapes = term != "dumb" && !term.isEmpty
        isAccessible = accessible
        usesColor = isTerminal && understandsEscapes && (environment["NO_COLOR"] ?? "").isEmpty && !accessible
        columnsOverride = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 >= 20 ? $0 : nil }
    }

    /// `COLUMNS` from the environment: the width for output that is not a terminal (a transcript).
    private let columnsOverride: Int?

    /// The terminal's height in lines (24 when it cannot be told).
    public var height: Int {
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 2 else { return 24 }
        return Int(size.ws_row)
    }

    /// The terminal's width in columns, capped at 100 for readability; when it cannot be told (output to
    /// a pipe or file), `COLUMNS` if set, else 80.
    public var width: Int {
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else {
            return min(columnsOverride ?? 80, 100)
        }
        return min(Int(size.ws_col), 100)
    }

    /// Writes text as is.
    public func write(_ text: String) {
        fputs(text, kiosk_stdout())
        fflush(kiosk_stdout())
    }

    /// Clears the visible screen and the terminal's scrollback, so nothing earlier can be scrolled to.
    /// Only on a terminal: scripted output is left as a plain transcript.
    /// A dumb terminal (`TERM=dumb`) gets no escape sequence: the old screen is pushed up out of sight
    /// with empty lines instead (its scrollback cannot be cleared).
    public func clearScreenAndScrollback() {
        guard isTerminal else { return }
        if understandsEscapes {
            write("\u{1B}[H\u{1B}[2J\u{1B}[3J")
        } else {
            write(String(repeating: "\n", count: height))
        }
    }

    public func bold(_ text: String) -> String { styled(text, "1") }
    public func dim(_ text: String) -> String { styled(text, "2") }
    public func red(_ text: String) -> String { styled(text, "1;31") }
    public func yellow(_ text: String) -> String { styled(text, "33") }
    public func green(_ text: String) -> String { styled(text, "32") }

    private func styled(_ text: String, _ code: String) -> String {
        usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
