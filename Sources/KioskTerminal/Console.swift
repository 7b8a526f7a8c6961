#if canImport(Glibc)
import Glibc
#endif

/// Where an interview is shown and typed: the terminal, or a script of lines in tests.
public protocol Console: AnyObject {
    /// Writes text as is.
    func write(_ text: String)
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Shows `prompt` and reads a line without showing it (a passphrase).
    func readSecret(prompt: String) -> LineInput
    /// Runs `body` (a wait before a passphrase prompt) showing nothing typed meanwhile, and throws that away.
    func withoutEcho(_ body: () -> Void)
    /// At a terminal: waits `seconds` after a new screen is shown, showing nothing typed meanwhile, and
    /// throws that away — so a double Enter or a paste never answers what was not on screen yet.
    /// Does nothing for piped input.
    func settle(_ seconds: Double)
    /// Whether a person types at a terminal (as opposed to piped input).
    var isInteractive: Bool { get }
    /// Clears the screen and the scrollback (does nothing for piped output).
    func clearScreenAndScrollback()
    /// How many columns text may use.
    var width: Int { get }
    /// Whether output is a linear transcript for a screen reader (no styles, no redraws, no key line).
    var isAccessible: Bool { get }
    /// Text styles; plain when colours are off.
    func bold(_ text: String) -> String
    func dim(_ text: String) -> String
    func red(_ text: String) -> String
    func yellow(_ text: String) -> String
}

/// The real terminal: a ``Screen`` for output and readline (or plain lines) for input.
public final class TerminalConsole: Console {
    public let screen: Screen
    public let reader: any LineReader

    /// Readline when standard input is a terminal; plain line reading otherwise. `idleTimeout` (seconds)
    /// applies on a terminal only. `accessible`: the terminal's own line mode instead of readline, and no
    /// colours (a transcript a screen reader follows).
    public init(environment: [String: String], idleTimeout: Double? = nil, accessible: Bool = false) {
        screen = Screen(environment: environment, accessible: accessible)
        if !screen.isTerminal {
            reader = PlainLineReader()
        } else if accessible {
            reader = AccessibleLineReader(idleTimeout: idleTimeout)
        } else {
            reader = ReadlineReader(idleTimeout: idleTimeout)
        }
    }

    /// Whether accessible mode was asked for: `--accessible`, or `ACCESSIBLE` set to anything but empty
    /// or `0` (the convention other prompt libraries honour).
    public static func wantsAccessible(flag: Bool, environment: [String: String]) -> Bool {
        if flag { return true }
        guard let value = environment["ACCESSIBLE"] else { return false }
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    public func write(_ text: String) { screen.write(text) }
    public func readLine(prompt: String) -> LineInput { reader.readLine(prompt: prompt) }
    public func readSecret(prompt: String) -> LineInput { reader.readSecret(prompt: prompt) }
    public func withoutEcho(_ body: () -> Void) { reader.withoutEcho(body) }
    public func settle(_ seconds: Double) {
        guard reader.isInteractive, seconds > 0 else { return }
        reader.withoutEcho { usleep(useconds_t(seconds * 1_000_000)) }
    }
    public var isInteractive: Bool { reader.isInteractive }
    public func clearScreenAndScrollback() { screen.clearScreenAndScrollback() }
    public var width: Int { screen.width }
    public var isAccessible: Bool { screen.isAccessible }
    public func bold(_ text: String) -> String { screen.bold(text) }
    public func dim(_ text: String) -> String { screen.dim(text) }
    public func red(_ text: String) -> String { screen.red(text) }
    public func yellow(_ text: String) -> String { screen.yellow(text) }
}
