import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process with pipes, timed from just before it is spawned.
struct Child {
    let pid: pid_t
    let stdinWrite: Int32
    let stdoutRead: Int32
    let started: Double

    /// Spawns `program` with `arguments` and `environment`; stderr goes to /dev/null.
    static func spawn(_ program: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        pipe(&input)
        pipe(&output)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in input + output { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = now()
        let result = posix_spawn(&pid, program, &actions, nil, argv, envp)
        close(input[0])
        close(output[1])
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return Child(pid: pid, stdinWrite: input[1], stdoutRead: output[0], started: started)
    }

    /// Reads output until `text` has appeared; returns the seconds since the spawn.
    func wait(for text: String, timeout: Double = 20) -> Double? {
        var seen = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let needle = Data(text.utf8)
        let deadline = now() + timeout
        while now() < deadline {
            var descriptor = pollfd(fd: stdoutRead, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let count = read(stdoutRead, &buffer, buffer.count)
            if count <= 0 { return nil }
            seen.append(contentsOf: buffer[0..<count])
            if seen.range(of: needle) != nil { return now() - started }
        }
        return nil
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(stdinWrite, $0.baseAddress, $0.count) }
    }

    /// Closes input, waits for the exit, and returns the peak resident memory in kilobytes.
    func finish() -> Int {
        close(stdinWrite)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while read(stdoutRead, &buffer, buffer.count) > 0 {}
        close(stdoutRead)
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return usage.ru_maxrss
    }
}

/// Runs a command to its end, draining its output; returns the wall time and its peak memory (KB).
///
/// The peak is taken by GNU time around the command: `posix_spawn` shares the spawning process's memory
/// until `exec`, so the spawner's own size would otherwise count as the child's high-water mark.
func timed(_ program: String, _ arguments: [String], environment: [String: String]) throws -> (seconds: Double, peakKB: Int) {
    let memoryFile = NSTemporaryDirectory() + "kiosk-bench-\(UUID().uuidString).rss"
    defer { unlink(memoryFile) }
    let child = try Child.spawn("/usr/bin/time", ["-f", "%M", "-o", memoryFile, program] + arguments, environment: environment)
    close(child.stdinWrite)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while read(child.stdoutRead, &buffer, buffer.count) > 0 {}
    close(child.stdoutRead)
    var status: Int32 = 0
    var usage = rusage()
    wait4(child.pid, &status, 0, &usage)
    let seconds = now() - child.started
    guard status == 0 else { throw BenchFailure("\(program) \(arguments.joined(separator: " ")) exited with status \(status >> 8)") }
    let peak = (try? String(contentsOfFile: memoryFile, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) } ?? 0
    return (seconds, peak)
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
