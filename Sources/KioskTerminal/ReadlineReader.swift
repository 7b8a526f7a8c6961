import CReadline
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler; read on the readline thread.
private let interruptRequested = Atomic<Bool>(false)
/// Set by the quick-hide key's readline command.
private let hideRequested = Atomic<Bool>(false)

/// The line the callback handler received, if any. Only touched on the one thread that runs readline.
nonisolated(unsafe) private var completedLine: LineInput?

private func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    // Removing the handler here stops readline from showing the prompt again for a next line
    // (it would appear before whatever the kiosk prints next).
    rl_callback_handler_remove()
    if let line {
        completedLine = .line(String(cString: line))
        // Wipe the copy readline handed over before freeing it.
        memset(line, 0, strlen(line))
        free(line)
    } else {
        completedLine = .endOfInput
    }
}

private func hideCommand(_ count: Int32, _ key: Int32) -> Int32 {
    hideRequested.store(true, ordering: .relaxed)
    return 0
}

/// GNU readline, set up so that nothing of one participant is reachable by the next:
/// no history, no kill-ring yank, no keyboard macros, no completion (file names would show), no
/// bracketed paste. Ctrl-C is reported as ``LineInput/interrupted`` instead of killing the process,
/// Ctrl-X (quick hide) as ``LineInput/hidden``, and no key for `idleTimeout` seconds as ``LineInput/idle``.
///
/// Uses readline's callback interface with `poll`, so a signal or a timeout ends the wait cleanly.
/// All calls must come from one thread.
public final class ReadlineReader: LineReader {
    /// Readline commands that could bring back text typed at an earlier prompt.
    static let recallingCommands = [
        "yank", "yank-pop", "yank-nth-arg", "yank-last-arg",
        "previous-history", "next-history", "beginning-of-history", "end-of-history",
        "reverse-search-history", "forward-search-history",
        "non-incremental-reverse-search-history", "non-incremental-forward-search-history",
        "history-search-backward", "history-search-forward",
        "history-substring-search-backward", "history-substring-search-forward",
        "operate-and-get-next", "fetch-history", "dynamic-complete-history", "dabbrev-expand",
        "call-last-kbd-macro", "start-kbd-macro", "end-kbd-macro", "print-last-kbd-macro",
        "complete", "possible-completions", "insert-completions", "menu-complete", "menu-complete-backward",
        "vi-yank-arg", "vi-put", "vi-fetch-history", "vi-search", "vi-search-again", "vi-redo",
    ]

    /// The quick-hide key: Ctrl-X.
    public static let hideKey: Int32 = 0x18

    /// Seconds without a key before ``LineInput/idle``; `nil` waits for ever.
    public var idleTimeout: Double?

    public init(idleTimeout: Double? = nil) {
        self.idleTimeout = idleTimeout
        kiosk_rl_set_readline_name("kiosk")
        kiosk_rl_disable_signal_handling()
        rl_initialize()
        kiosk_rl_inhibit_completion()
        rl_variable_bind("enable-bracketed-paste", "off")
        rl_variable_bind("horizontal-scroll-mode", "off")
        stifle_history(0)
        rl_clear_history()
        for command in Self.recallingCommands {
            kiosk_rl_unbind_everywhere(command)
        }
        kiosk_rl_bind_everywhere(Self.hideKey, hideCommand)
        Signals.routeInterruptToFlag { interruptRequested.store(true, ordering: .relaxed) }
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> LineInput {
        fflush(kiosk_stdout())
        // Keys that arrived before this prompt was on screen were not meant for it (a paste of several
        // lines, a double Enter): they are thrown away, never taken as the answer to what shows now.
        TerminalInput.discardTypeahead()
        completedLine = nil
        interruptRequested.store(false, ordering: .relaxed)
        hideRequested.store(false, ordering: .relaxed)
        rl_callback_handler_install(prompt, lineHandler)
        defer {
            rl_callback_handler_remove()
            kiosk_rl_discard_line()
            rl_clear_history()
        }
        let timeout = idleTimeout.map { Int32(max(1, min($0 * 1000, Double(Int32.max)))) } ?? -1
        while true {
            if interruptRequested.exchange(false, ordering: .relaxed) {
                abandonLine()
                return .interrupted
            }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if ready == 0 {
                abandonLine()
                return .idle
            }
            if descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if hideRequested.exchange(false, ordering: .relaxed) {
                    abandonLine()
                    return .hidden
                }
                if let line = completedLine {
                    completedLine = nil
                    if case .endOfInput = line { fputs("\n", kiosk_stdout()) }
                    return line
                }
                if descriptor.revents & Int16(POLLIN) == 0 { return .endOfInput }
            }
        }
    }

    /// Reads a passphrase: echo off, read straight from the terminal (never through readline's buffers).
    public func readSecret(prompt: String) -> LineInput {
        // A Ctrl-C pressed before this prompt showed is not meant for it.
        interruptRequested.store(false, ordering: .relaxed)
        return SecretInput.read(prompt: prompt, interrupted: { interruptRequested.exchange(false, ordering: .relaxed) })
    }

    public func withoutEcho(_ body: () -> Void) {
        SecretInput.withoutEcho(body)
    }

    /// Throws away the line being typed and puts the terminal back, after a signal, timeout or hide.
    private func abandonLine() {
        kiosk_rl_discard_line()
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_cleanup_after_signal()
        fputs("\n", kiosk_stdout())
        fflush(kiosk_stdout())
    }
}
