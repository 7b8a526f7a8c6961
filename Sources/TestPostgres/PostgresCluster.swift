import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: Debian's `postgresql`, a new cluster (initdb) in a
/// temporary directory, run as the `postgres` user when the tests run as root, on a free port of the
/// loopback interface, stopped when the test process ends. Password logins (SCRAM) over TCP.
public final class PostgresCluster: @unchecked Sendable {
    /// The one cluster of this test process, started on first use; nil (with `unavailable` saying why)
    /// where PostgreSQL is not installed.
    public static let shared: PostgresCluster? = {
        do {
            return try PostgresCluster()
        } catch {
            unavailableReason = "\(error)"
            return nil
        }
    }()
    nonisolated(unsafe) public static var unavailableReason = ""

    public let directory: String
    public let port: Int
    public let binaries: String
    public let superuser = "postgres"
    public let superuserPassword = "kiosk-test-admin-password"
    /// A file holding the superuser's password, mode 0600.
    public let superuserPasswordFile: String
    private let runAsPostgres: Bool

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// With `durable` false (the shared cluster), commits are not flushed: fast, and lost in a crash.
    public let durable: Bool
    /// Whether the server also takes TLS connections (a self-signed certificate made with `openssl`).
    public private(set) var tls = false

    /// A self-signed certificate for the server, made with the openssl command.
    private func makeCertificate() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw Failure(description: "no openssl") }
        let data = directory + "/data"
        let made = try Self.spawn("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kiosk-test-server",
                                                       "-keyout", data + "/server.key", "-out", data + "/server.crt"])
        guard made.status == 0 else { throw Failure(description: "openssl failed: \(made.errors)") }
        chmod(data + "/server.key", 0o600)
        if runAsPostgres, let user = getpwnam("postgres") {
            chown(data + "/server.key", user.pointee.pw_uid, user.pointee.pw_gid)
            chown(data + "/server.crt", user.pointee.pw_uid, user.pointee.pw_gid)
        }
    }

    init(durable: Bool = false) throws {
        self.durable = durable
        guard let initdb = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
            .sorted().reversed().map({ "/usr/lib/postgresql/\($0)/bin" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }) else {
            throw Failure(description: "PostgreSQL is not installed (apt-get install postgresql; Scripts/test does it)")
        }
        binaries = initdb
        runAsPostgres = geteuid() == 0
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        superuserPasswordFile = directory + ".password"
        try superuserPassword.write(toFile: superuserPasswordFile, atomically: true, encoding: .utf8)
        chmod(superuserPasswordFile, 0o600)
        if runAsPostgres {
            guard let user = getpwnam("postgres") else { throw Failure(description: "there is no postgres user") }
            chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
            chown(superuserPasswordFile, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        port = try Self.freePort()
        try run(binaries + "/initdb", ["-D", directory + "/data", "--username=postgres", "--pwfile=\(superuserPasswordFile)",
                                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        tls = (try? makeCertificate()) != nil
        try start()
        activeDirectories.append(directory)
        atexit { for directory in activeDirectories { _ = try? PostgresCluster.stop(directory: directory) } }
    }

    /// A cluster of its own (for a test that stops and starts its server), durable like a real server:
    /// a commit is on disk before it is reported. ``dispose()`` it afterwards.
    public static func makeSeparate() throws -> PostgresCluster {
        try PostgresCluster(durable: true)
    }

    /// Stops the server and removes its files.
    public func dispose() {
        _ = try? Self.stop(directory: directory)
        activeDirectories.removeAll { $0 == directory }
    }

    /// Starts the server (again).
    public func start() throws {
        try run(binaries + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w", "-t", "60", "-o",
                                        "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c max_connections=50"
                                            + (tls ? " -c ssl=on" : "")
                                            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
                                        "start"])
    }

    /// Stops the server at once, as a crash would (`immediate`).
    public func stop() throws {
        try run(binaries + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
    }

    static func stop(directory: String) throws {
        guard let bin = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().last else { return }
        let pgctl = "/usr/lib/postgresql/\(bin)/bin/pg_ctl"
        let arguments = ["-D", directory + "/data", "-m", "immediate", "stop"]
        _ = try spawn(geteuid() == 0 ? "/usr/sbin/runuser" : pgctl, (geteuid() == 0 ? ["-u", "postgres", "--", pgctl] : []) + arguments)
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + ".password")
    }

    /// Runs SQL as the superuser with psql (for setting up tests); returns what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try run(binaries + "/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port),
                                      "-U", superuser, "-d", database, "-c", sql])
    }

    /// A new, empty database for one test.
    public func makeDatabase() throws -> String {
        let name = "kiosk_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// The superuser's address for a database.
    public func adminURL(_ database: String) -> String {
        "postgres://\(superuser)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        let (status, output, errors) = try Self.spawn(runAsPostgres ? "/usr/sbin/runuser" : program,
                                                      (runAsPostgres ? ["-u", "postgres", "--", program] : []) + arguments)
        guard status == 0 else {
            throw Failure(description: "\(URL(fileURLWithPath: program).lastPathComponent) failed: \(errors)")
        }
        return output
    }

    /// Runs a program with posix_spawn, its output in files (a server it starts may keep pipes open for
    /// ever), and waits for it with waitpid. Foundation's Process is not used: under the test runner its
    /// wait for the exit could hang.
    static func spawn(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pg-run-\(UUID().uuidString)").path
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // Started in "/" (env --chdir): the postgres user may not enter the test's folder.
        let argv = (["/usr/bin/env", "--chdir=/", program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, environ)
        guard result == 0 else { throw Failure(description: "\(program) could not be started: \(String(cString: strerror(result)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, read(outPath), read(errPath))
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

nonisolated(unsafe) private var activeDirectories: [String] = []
