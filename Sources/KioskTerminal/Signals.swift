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

    /// Ctrl-C, Ctrl-\ and Ctrl-Z do nothing until the kiosk is ready to handle them: called first thing by a
    /// locked kiosk, and before the kiosk replaces itself between participants (ignored signals stay
    /// ignored across `exec`, so the fresh process is never without protection, not even for a moment).
    public static func ignoreKeyboardSignals() {
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        signal(SIGTSTP, SIG_IGN)
    }
}

/// The terminal's input queue and echo.
public enum TerminalInput {
    /// Throws away keys typed but not yet read: at the hand-over to the next participant, nothing the
    /// previous one typed may show up on the new screen.
    public static func discardTypeahead() {
        if isatty(STDIN_FILENO) == 1 { tcflush(STDIN_FILENO, TCIFLUSH) }
    }

    nonisolated(unsafe) private static var saved: termios?

    /// For a command that may ask for the staff passphrase: turns the terminal's echo off at once, so a
    /// passphrase typed straight after the command's Enter — before its prompt shows — is never on
    /// screen. What is typed then is thrown away when the prompt shows, and at exit (it must not reach
    /// the shell either); the terminal is put back as it was at exit, or when a signal ends the kiosk.
    public static func silenceUntilExit() {
        guard isatty(STDIN_FILENO) == 1 else { return }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return }
        saved = original
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        atexit { TerminalInput.restore() }
        for signal in [SIGTERM, SIGHUP, SIGQUIT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalInput.restore()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// Puts the terminal back as ``silenceUntilExit()`` found it, throwing away unread typing.
    static func restore() {
        guard var original = saved else { return }
        tcflush(STDIN_FILENO, TCIFLUSH)
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
    }

    /// Whether echo is held off for the whole command.
    static var isSilenced: Bool { saved != nil }
}

/// Reading a passphrase: echo off, key by key, straight from the terminal (never through readline).
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

    /// What one key at a passphrase prompt does.
    enum Key: Equatable {
        case character(UInt8)
        case erase, eraseLine, enter, endOfInput, hide, ignore
    }

    /// Reads one line with echo off. Backspace, Ctrl-U and Enter edit as usual; Ctrl-X hides the screen
    /// (``LineInput/hidden``) and is never part of the passphrase; escape sequences (arrow keys and the
    /// like) are ignored; Ctrl-C ends the wait (``LineInput/interrupted``). Keys typed before the prompt
    /// showed are thrown away first.
    static func read(prompt: String, interrupted: () -> Bool) -> LineInput {
        var original = termios()
        let isTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if isTerminal {
            var raw = original
            raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | IEXTEN)
            raw.c_lflag |= tcflag_t(ISIG)
            raw.c_iflag &= ~tcflag_t(IXON)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
            tcflush(STDIN_FILENO, TCIFLUSH)
        }
        fputs(prompt, kiosk_stdout())
        fflush(kiosk_stdout())
        defer {
            if isTerminal {
                var back = original
                if TerminalInput.isSilenced { back.c_lflag &= ~tcflag_t(ECHO | ECHONL) }
                tcsetattr(STDIN_FILENO, TCSANOW, &back)
            }
            fputs("\n", kiosk_stdout())
            fflush(kiosk_stdout())
        }
        var bytes: [UInt8] = []
        defer { for i in bytes.indices { bytes[i] = 0 } }
        var escape = 0
        while true {
            if interrupted() { return .interrupted }
            var byte: UInt8 = 0
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if count == 0 { return bytes.isEmpty ? .endOfInput : .line(String(decoding: bytes, as: UTF8.self)) }
            // An escape sequence: ESC, then '[' or 'O' and parameters up to a final letter, or one key.
            if escape > 0 {
                if escape == 1 && (byte == 0x5B || byte == 0x4F) { escape = 2; continue }
                if escape == 2 && !(0x40...0x7E).contains(byte) { continue }
                escape = 0
                continue
            }
            switch key(byte, isTerminal: isTerminal) {
            case .character(let c): bytes.append(c)
            case .erase:
                // Drop the last character (all bytes of a UTF-8 sequence).
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            case .eraseLine: bytes.removeAll()
            case .enter: return .line(String(decoding: bytes, as: UTF8.self))
            case .endOfInput: if bytes.isEmpty { return .endOfInput }
            case .hide: return .hidden
            case .ignore: if byte == 0x1B { escape = 1 }
            }
        }
    }

    /// The meaning of one byte at a passphrase prompt.
    static func key(_ byte: UInt8, isTerminal: Bool) -> Key {
        switch byte {
        case 0x0A, 0x0D: return .enter
        case 0x7F, 0x08: return isTerminal ? .erase : .character(byte)
        case 0x15: return isTerminal ? .eraseLine : .character(byte)
        case 0x04: return isTerminal ? .endOfInput : .character(byte)
        case 0x18: return .hide
        case 0x00..<0x20: return .ignore
        default: return .character(byte)
        }
    }
}

/// Replaces the running process with a fresh copy of itself, with the same arguments: after each
/// participant nothing of them stays in memory (readline keeps a kill ring and keyboard macros that cannot
/// be cleared otherwise). Keys typed meanwhile are thrown away first.
public enum FreshProcess {
    public static func replaceCurrent() {
        fflush(nil)
        TerminalInput.discardTypeahead()
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        var interrupt = sigaction(), quit = sigaction(), suspend = sigaction()
        sigaction(SIGINT, nil, &interrupt)
        sigaction(SIGQUIT, nil, &quit)
        sigaction(SIGTSTP, nil, &suspend)
        Signals.ignoreKeyboardSignals()
        execv("/proc/self/exe", &argv)
        // execv only returns on failure; then the kiosk simply goes on in this process, as it was.
        sigaction(SIGINT, &interrupt, nil)
        sigaction(SIGQUIT, &quit, nil)
        sigaction(SIGTSTP, &suspend, nil)
        for pointer in argv { free(pointer) }
    }
}
