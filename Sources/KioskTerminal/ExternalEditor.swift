import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the user's editor on a file and waits for it to close.
public enum ExternalEditor {
    /// Why the editor could not be used.
    public struct Failure: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// The editor command: `$VISUAL`, else `$EDITOR`, else the system's chosen `editor` (Debian's
    /// alternatives), else `nano` (the easiest for someone who does not know vi), else `vi`.
    public static func command(environment: [String: String]) -> String {
        for key in ["VISUAL", "EDITOR"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for candidate in ["editor", "nano"] where isInstalled(candidate, path: path) { return candidate }
        return "vi"
    }

    /// Whether an executable of that name is in one of `path`'s folders.
    static func isInstalled(_ name: String, path: String) -> Bool {
        path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }

    /// Opens `path` in the editor (through `/bin/sh`, so commands like `code -w` work) on this terminal,
    /// with a clean signal mask so Ctrl-C and friends behave in it, and waits until it exits.
    public static func edit(_ path: String, environment: [String: String]) throws(Failure) {
        let editor = command(environment: environment)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/bin/sh", "-c", "\(editor) \"$1\"", "sh", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, environ)
        guard spawned == 0 else {
            throw Failure(message: "the editor could not be started (\(String(cString: strerror(spawned)))); set EDITOR to an editor such as nano")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xFF
        if status & 0x7F == 0 && exitCode == 127 {
            throw Failure(message: "the editor '\(editor)' was not found; set EDITOR to an installed editor such as nano")
        }
        if status & 0x7F == 0 && exitCode == 126 {
            throw Failure(message: "the editor '\(editor)' could not be run (not executable, or busy); check EDITOR, or try again")
        }
    }
}
