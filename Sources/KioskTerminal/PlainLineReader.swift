import CReadline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from piped input: each line is what a person would have typed at the next prompt.
/// The prompt is written to standard output so a scripted run reads like a session.
public final class PlainLineReader: LineReader {
    public init() {}

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> LineInput {
        fputs(prompt, kiosk_stdout())
        fflush(kiosk_stdout())
        guard let line = Swift.readLine(strippingNewline: true) else {
            fputs("\n", kiosk_stdout())
            return .endOfInput
        }
        fputs("\n", kiosk_stdout())
        fflush(kiosk_stdout())
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    /// Piped input shows nothing anyway: the next line is the secret. Its prompt goes to standard error,
    /// so what a command writes to standard output (JSON, CSV) stays clean.
    public func readSecret(prompt: String) -> LineInput {
        fputs(prompt + "\n", kiosk_stderr())
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    /// Piped input is never echoed, and its next line is the next attempt: just wait.
    public func withoutEcho(_ body: () -> Void) {
        body()
    }
}
