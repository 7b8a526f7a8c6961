import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk running on a pseudo-terminal, as a person at a real terminal would use it: readline,
/// line editing, Ctrl-C as a signal (the terminal is the kiosk's controlling terminal).
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private var exited = false
    /// Everything the kiosk has written so far.
    private(set) var transcript = ""
    /// Where ``expect(_:)`` last found its text; later waits look after it.
    private var consumed: String.Index
    /// The first bytes of a character whose last bytes have not been read yet (a read can end mid-character).
    private var unfinished: [UInt8] = []

    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \"\(waitingFor)\"; the terminal shows:\n\(screen)" }
    }

    init(_ arguments: [String], in scratch: Scratch, environment extra: [String: String] = [:],
         rows: UInt16 = 40, columns: UInt16 = 100) throws {
        var master: Int32 = 0
        var slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENOTTY) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, slave, 0)
        posix_spawn_file_actions_adddup2(&actions, slave, 1)
        posix_spawn_file_actions_adddup2(&actions, slave, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        var attributes = cleanSignalAttributes()
        // env -C runs it in the scratch folder (nothing depends on, or shows, the test's working directory);
        // setsid -c makes the terminal the kiosk's controlling terminal, so Ctrl-C sends SIGINT.
        let argv = cStrings(["/usr/bin/env", "-C", scratch.url.path, "/usr/bin/setsid", "-c", kioskBinary] + arguments)
        let envp = cStrings(scratch.environment(extra).map { "\($0)=\($1)" })
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        close(slave)
        guard spawned == 0 else {
            close(master)
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        self.master = master
        self.pid = pid
        consumed = transcript.startIndex
    }

    deinit {
        if !exited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Reads what is available, waiting up to `timeout` seconds for something.
    private func pump(timeout: TimeInterval) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
            let bytes = unfinished + buffer[0..<count]
            let whole = Self.completeCharacters(in: bytes)
            unfinished = Array(bytes[whole...])
            let offset = transcript.utf8.distance(from: transcript.startIndex, to: consumed)
            transcript += String(decoding: bytes[..<whole], as: UTF8.self)
            consumed = transcript.utf8.index(transcript.startIndex, offsetBy: offset)
        }
    }

    /// How many of `bytes` end on a whole UTF-8 character: a multi-byte character cut off by the end of
    /// a read is left for the next read instead of being decoded into two replacement characters.
    static func completeCharacters(in bytes: [UInt8]) -> Int {
        var start = bytes.count
        // Walk back over at most three continuation bytes to the lead byte of the last character.
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - (start - 1) < length ? start - 1 : bytes.count
    }

    /// Waits until `text` appears after what earlier waits found; returns the output up to it.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = transcript[consumed...].range(of: text) {
                let seen = String(transcript[consumed..<range.upperBound])
                consumed = range.upperBound
                return seen
            }
            if Date() >= deadline { throw Timeout(waitingFor: text, screen: String(transcript[consumed...]).suffix(1500).description) }
            pump(timeout: 0.05)
        }
    }

    /// Types keys (text, or control bytes like "\u{03}" for Ctrl-C).
    func send(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Types a line and Enter.
    func line(_ text: String) { send(text + "\r") }

    /// Everything written after the last expected text, after a short quiet period.
    func drain(for seconds: TimeInterval = 0.3) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { pump(timeout: 0.05) }
        return String(transcript[consumed...])
    }

    /// The lines a terminal of `rows` × `columns` shows now: what came after the last clear, each line
    /// broken at the width as the terminal breaks it, the last `rows` of them (TERM=dumb writes no cursor
    /// movement, so this is the screen).
    func visibleScreen(rows: Int, columns: Int) -> [String] {
        let clear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
        let afterClear = transcript.components(separatedBy: clear).last ?? transcript
        var lines: [String] = []
        for line in afterClear.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n") {
            var rest = Substring(line)
            repeat {
                lines.append(String(rest.prefix(columns)))
                rest = rest.dropFirst(columns)
            } while !rest.isEmpty
        }
        return Array(lines.suffix(rows))
    }

    /// Whether the terminal echoes what is typed (the kiosk's terminal settings, read on the master side).
    var echoes: Bool {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { return true }
        return settings.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Waits until the kiosk has turned echo off (a person typing a moment after Enter).
    func waitForEchoOff(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while echoes {
            if Date() >= deadline { throw Timeout(waitingFor: "echo off", screen: transcript) }
            usleep(1_000)
        }
    }

    /// Waits for the process to end.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            pump(timeout: 0.02)
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
        }
        return nil
    }
}
