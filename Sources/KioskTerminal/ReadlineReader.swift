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

/// Keys read from the terminal and let through to readline, not yet taken (the rest of a known escape
/// sequence). Only touched on the readline thread.
nonisolated(unsafe) private var pendingKeys: [UInt8] = []

/// The escape sequences the kiosk uses: the arrow keys left and right, Home, End and Delete. Every
/// other sequence — a bracketed-paste marker, a screen-clearing code, Alt with a key — is dropped whole.
private let knownSequences: Set<[UInt8]> = Set(["[D", "OD", "[C", "OC", "[H", "OH", "[1~", "[7~", "[F", "OF", "[4~", "[8~", "[3~"]
    .map { [0x1B] + Array($0.utf8) })

/// One byte from standard input, waiting at most `milliseconds` (nil when none came or on a signal).
private func readByte(waiting milliseconds: Int32) -> UInt8? {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
    var byte: UInt8 = 0
    return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
}

/// Readline's key source: the terminal's bytes with escape sequences filtered. A known sequence passes
/// whole; anything else starting with Esc is read to its end and dropped, and readline is given a
/// 0 byte instead, which the kiosk's keymap binds to nothing. Called only when a byte is waiting.
private func filteredKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    if !pendingKeys.isEmpty { return Int32(pendingKeys.removeFirst()) }
    guard let first = readByte(waiting: 0) else { return 0 }
    guard first == 0x1B else { return Int32(first) }
    // The rest of a sequence comes in the same burst; a lone Esc is followed by nothing for a while.
    var sequence: [UInt8] = [first]
    guard let second = readByte(waiting: 25) else { return 0 }
    sequence.append(second)
    switch second {
    case UInt8(ascii: "["):
        // CSI: parameters and intermediates (0x20–0x3F), then one final byte (0x40–0x7E).
        while sequence.count < 32, let byte = readByte(waiting: 25) {
            sequence.append(byte)
            if (0x40...0x7E).contains(byte) { break }
            if !(0x20...0x3F).contains(byte) { break }
        }
    case UInt8(ascii: "O"):
        if let byte = readByte(waiting: 25) { sequence.append(byte) }
    case 0x1B:
        // Esc Esc: the second one starts whatever follows; both are dropped with it.
        pendingKeys = []
        return filteredKeyAfterEscape()
    default:
        break
    }
    if knownSequences.contains(sequence) {
        pendingKeys = Array(sequence.dropFirst())
        return 0x1B
    }
    return 0
}

/// After Esc Esc: whatever sequence follows is dropped too.
private func filteredKeyAfterEscape() -> Int32 {
    while let byte = readByte(waiting: 25) {
        if (0x40...0x7E).contains(byte) && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") { break }
    }
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
        rl_variable_bind("editing-mode", "emacs")
        rl_variable_bind("bell-style", "none")
        rl_variable_bind("convert-meta", "off")
        rl_variable_bind("input-meta", "on")
        rl_variable_bind("output-meta", "on")
        stifle_history(0)
        rl_clear_history()
        for command in Self.recallingCommands {
            kiosk_rl_unbind_everywhere(command)
        }
        kiosk_rl_bind_everywhere(Self.hideKey, hideCommand)
        // Only the keys the kiosk uses do anything; escape sequences it does not use never reach readline.
        rl_set_keymap(kiosk_rl_minimal_keymap(hideCommand))
        kiosk_rl_set_getc(filteredKey)
        Signals.routeInterruptToFlag { interruptRequested.store(true, ordering: .relaxed) }
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> LineInput {
        fflush(kiosk_stdout())
        // Keys that arrived before this prompt was on screen were not meant for it (a paste of several
        // lines, a double Enter): they are thrown away, never taken as the answer to what shows now.
        TerminalInput.discardTypeahead()
        pendingKeys.removeAll()
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
            // The rest of a known escape sequence is waiting in `pendingKeys`, not on the terminal.
            let ready = pendingKeys.isEmpty ? poll(&descriptor, 1, timeout) : 1
            if !pendingKeys.isEmpty { descriptor.revents = Int16(POLLIN) }
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
