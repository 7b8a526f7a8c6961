import CReadline
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the kiosk does with signals and crash dumps.
public enum Signals {
    nonisolated(unsafe) private static var onInterrupt: (@Sendable () -> Void)?

    /// Routes SIGINT to `action` (which must only set a flag), without restarting system calls, so a
    /// waiting `poll` or `read` returns at once. Unblocks SIGINT in case a parent started us with it blocked.
    static func routeInterruptToFlag(_ action: @escaping @Sendable () -> Void) {
        onInterrupt = action
        var handler = sigaction()
        handler.__sigaction_handler.sa_handler = { _ in Signals.onInterrupt?() }
        sigemptyset(&handler.sa_mask)
        handler.sa_flags = 0
        sigaction(SIGINT, &handler, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// No core dump, and no attaching a debugger: a crash must not leave answers in a file.
    public static func forbidCoreDumps() {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        kiosk_forbid_dumps()
    }

    /// In locked mode Ctrl-\ (quit) and Ctrl-Z (suspend) must not drop the participant into a shell.
    public static func ignoreQuitAndSuspend() {
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
    }
}

/// Reading a line with echo off, directly from standard input.
/// The terminal's input queue.
public enum TerminalInput {
    /// Throws away keys typed but not yet read: at the hand-over to the next participant, nothing the
    /// previous one typed may show up on the new screen.
    public static func discardTypeahead() {
        if isatty(STDIN_FILENO) == 1 { tcflush(STDIN_FILENO, TCIFLUSH) }
    }
}

enum SecretInput {
    /// Runs `body` (a wait) with echo off, then throws away whatever was typed meanwhile, so a passphrase
    /// typed before its prompt is neither shown on the screen nor taken as an attempt.
    static func withoutEcho(_ body: () -> Void) {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return body() }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        body()
        tcflush(STDIN_FILENO, TCIFLUSH)
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
    }

    static func read(prompt: String, interrupted: () -> Bool) -> LineInput {
        // Echo goes off before the prompt shows, so nothing typed after the prompt is ever echoed
        // (or thrown away by the mode change).
        var original = termios()
        let isTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if isTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ICANON)
            silent.c_iflag |= tcflag_t(ICRNL)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        }
        fputs(prompt, kiosk_stdout())
        fflush(kiosk_stdout())
        defer {
            if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
            fputs("\n", kiosk_stdout())
            fflush(kiosk_stdout())
        }
        var bytes: [UInt8] = []
        defer { for i in bytes.indices { bytes[i] = 0 } }
        while true {
            if interrupted() { return .interrupted }
            var byte: UInt8 = 0
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if count == 0 { return bytes.isEmpty ? .endOfInput : .line(String(decoding: bytes, as: UTF8.self)) }
            if byte == 0x0A || byte == 0x0D { return .line(String(decoding: bytes, as: UTF8.self)) }
            bytes.append(byte)
        }
    }
}
