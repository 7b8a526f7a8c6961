import CReadline
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler while the accessible reader waits.
private let accessibleInterrupt = Atomic<Bool>(false)

/// Reads lines at a terminal for a screen reader or braille display: the terminal's own line mode (the
/// kernel echoes what is typed, with no redraws, cursor movement or escape sequences), so what is on
/// screen is a plain transcript. Ctrl-X still hides at once (it is made a line end, and such a line is
/// never an answer); Ctrl-C is ``LineInput/interrupted``; no complete line for `idleTimeout` seconds is
/// ``LineInput/idle``; keys typed before a prompt showed are thrown away.
public final class AccessibleLineReader: LineReader {
    public var idleTimeout: Double?
    /// The quick-hide key.
    static let hideKey: UInt8 = 0x18

    public init(idleTimeout: Double? = nil) {
        self.idleTimeout = idleTimeout
        var settings = termios()
        if tcgetattr(STDIN_FILENO, &settings) == 0 {
            settings.c_lflag |= tcflag_t(ICANON | ISIG)
            if !TerminalInput.isSilenced { settings.c_lflag |= tcflag_t(ECHO) }
            withUnsafeMutableBytes(of: &settings.c_cc) { $0[Int(VEOL)] = Self.hideKey }
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        }
        Signals.routeInterruptToFlag { accessibleInterrupt.store(true, ordering: .relaxed) }
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> LineInput {
        // Keys typed before this prompt showed were not meant for it: thrown away before it shows.
        fflush(kiosk_stdout())
        TerminalInput.discardTypeahead()
        fputs(prompt, kiosk_stdout())
        fflush(kiosk_stdout())
        accessibleInterrupt.store(false, ordering: .relaxed)
        let timeout = idleTimeout.map { Int32(max(1, min($0 * 1000, Double(Int32.max)))) } ?? -1
        var bytes: [UInt8] = []
        defer { for i in bytes.indices { bytes[i] = 0 } }
        while true {
            if accessibleInterrupt.exchange(false, ordering: .relaxed) {
                fputs("\n", kiosk_stdout())
                TerminalInput.discardTypeahead()
                return .interrupted
            }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if ready == 0 {
                // Whatever was half typed is thrown away with the screen.
                TerminalInput.discardTypeahead()
                fputs("\n", kiosk_stdout())
                return .idle
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if count == 0 {
                fputs("\n", kiosk_stdout())
                return .endOfInput
            }
            bytes += buffer[0..<count]
            for i in 0..<count { buffer[i] = 0 }
            if bytes.last == Self.hideKey || bytes.contains(Self.hideKey) {
                fputs("\n", kiosk_stdout())
                return .hidden
            }
            if bytes.last == 0x0A {
                bytes.removeLast()
                if bytes.last == 0x0D { bytes.removeLast() }
                return .line(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    public func readSecret(prompt: String) -> LineInput {
        accessibleInterrupt.store(false, ordering: .relaxed)
        return SecretInput.read(prompt: prompt, interrupted: { accessibleInterrupt.exchange(false, ordering: .relaxed) })
    }

    public func withoutEcho(_ body: () -> Void) {
        SecretInput.withoutEcho(body)
    }
}
