import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the built `kiosk` binary is: next to the test bundle in `.build/<triple>/debug/`.
let kioskBinary: String = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return exe.deletingLastPathComponent().appendingPathComponent("kiosk").path
}()

/// The repository's folder of shipped forms.
let repositoryForms = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Questionnaires").path

/// A fresh folder, removed when done.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var dataDir: String { url.appendingPathComponent("data").path }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ text: String, to name: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// The environment a test run of the kiosk gets: its own data folder, the shipped forms, no colours.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/bin:/bin",
            "HOME": url.path,
            "KIOSK_DATA_DIR": dataDir,
            "KIOSK_FORMS_DIR": repositoryForms,
            "TERM": "dumb",
            "INPUTRC": "/dev/null",
            "LANG": "C.UTF-8",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }
}

/// What a finished run printed and how it exited.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Builds a NULL-terminated C string array (freed by the caller).
func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
    strings.map { strdup($0) } + [nil]
}

/// Spawn attributes that give the child an empty signal mask and default handlers (a test runner's
/// blocked signals must not leak into the kiosk).
func cleanSignalAttributes() -> posix_spawnattr_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return attributes
}

/// Waits for `pid` up to `timeout` seconds; kills it when it takes longer. Returns the exit status,
/// or 128 + signal when it was killed by a signal, or nil on timeout.
func waitForExit(_ pid: pid_t, timeout: TimeInterval) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while Date() < deadline {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            let signal = status & 0x7F
            return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        }
        usleep(5_000)
    }
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
    return nil
}

/// Runs the kiosk with `arguments`, feeding `input` on stdin (a file, so nothing blocks), and waits.
func runKiosk(_ arguments: [String], input: String = "", in scratch: Scratch, environment extra: [String: String] = [:],
              timeout: TimeInterval = 30) throws -> RunResult {
    let (pid, outPath, errPath) = try spawnKiosk(arguments, input: input, in: scratch, environment: extra)
    guard let status = waitForExit(pid, timeout: timeout) else {
        throw POSIXError(.ETIMEDOUT)
    }
    return RunResult(
        status: status,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Runs another program (a browser, say) in the scratch folder and waits for it.
func runProgram(_ program: String, _ arguments: [String], in scratch: Scratch, timeout: TimeInterval = 60) throws -> RunResult {
    let (pid, out, err) = try spawnKiosk([], input: "", in: scratch, program: program, arguments: arguments)
    let status = waitForExit(pid, timeout: timeout) ?? -1
    return RunResult(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// Starts the kiosk (stdin from a file, output to files) and returns its pid and output paths.
/// `wrapper` runs before the kiosk (like `unshare`); `program` and `arguments` run something else instead.
func spawnKiosk(_ arguments: [String], input: String, in scratch: Scratch, environment extra: [String: String] = [:],
                wrapper: [String] = [], program: String? = nil,
                arguments programArguments: [String] = []) throws -> (pid: pid_t, stdout: String, stderr: String) {
    let inputPath = try scratch.write(input, to: "stdin-\(UUID().uuidString)")
    let outPath = scratch.path("stdout-\(UUID().uuidString)")
    let errPath = scratch.path("stderr-\(UUID().uuidString)")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = cleanSignalAttributes()
    // env -C runs it in the scratch folder: nothing depends on the test's working directory.
    let command = program.map { [$0] + programArguments } ?? (wrapper + [kioskBinary] + arguments)
    let argv = cStrings(["/usr/bin/env", "-C", scratch.url.path] + command)
    let envp = cStrings(scratch.environment(extra).map { "\($0)=\($1)" })
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    return (pid, outPath, errPath)
}
