import Foundation
import GRDB
import KioskCore
import Synchronization

/// The anonymized answer store: one SQLite file in the data directory.
///
/// Created with mode 0600 in a 0700 directory, in WAL mode with full sync, so an answer is on disk
/// when its save returns. Stores no names, identity numbers, interviewer or time of day.
public final class AnswerStore: Sendable {
    /// The database file's name inside the data directory.
    public static let fileName = "kiosk.sqlite"

    /// The database file.
    public let path: String
    /// The data directory holding the database and the interview locks.
    public let directory: URL
    let queue: DatabaseQueue
    /// Locks on the interviews this process conducts, by interview id.
    let locks = Mutex<[String: InterviewLock]>([:])

    /// The data directory: `--data-dir`, else `$KIOSK_DATA_DIR`, else `$XDG_DATA_HOME/kiosk`,
    /// else `~/.local/share/kiosk`.
    public static func directory(option: String?, environment: [String: String]) -> URL {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option, isDirectory: true) }
        if let value = environment["KIOSK_DATA_DIR"], !value.isEmpty { return URL(fileURLWithPath: value, isDirectory: true) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("kiosk", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/kiosk", isDirectory: true)
    }

    /// Opens the store in `directory` and brings its schema up to date. With `create` (for interviews)
    /// a missing directory and database are created; without it (commands that only report) a missing
    /// database is an error, so a mistyped `--data-dir` never reports an empty new store.
    /// The version of the SQLite library the kiosk runs on (for `kiosk doctor`), or nil if it cannot be asked.
    public static var sqliteVersion: String? {
        try? DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") }
    }

    /// How long a write waits for another kiosk's write to finish before giving up with a plain message.
    static let busyTimeoutMilliseconds = 10_000

    public static func open(directory: URL, create: Bool = true) throws(StoreError) -> AnswerStore {
        let directoryPath = directory.path
        let path = directory.appendingPathComponent(fileName).path
        if !create {
            guard FileManager.default.fileExists(atPath: path) else { throw .noDatabase(directory: directoryPath) }
        }
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: directoryPath, reason: Self.reason(error))
        }
        // Two kiosks starting at once on a new directory must not both create the schema.
        let opening = try OpeningLock(directory: directory)
        defer { opening.release() }
        try createPrivately(path)
        var config = Configuration()
        config.busyMode = .timeout(Double(Self.busyTimeoutMilliseconds) / 1000)
        config.foreignKeysEnabled = true
        config.label = "kiosk"
        config.prepareDatabase { db in
            // WAL lets a second kiosk read while one writes; FULL makes every commit durable
            // (GRDB's own WAL setup would choose NORMAL, which can lose the last commits on power loss).
            if !db.configuration.readonly {
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows (a discarded interview, a changed answer) are overwritten with zeros, not left
            // readable in free pages; Debian's SQLite does this by default, other builds may not.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError.from(error, path: path)
        }
        let store = AnswerStore(path: path, directory: directory, queue: queue)
        try store.migrate()
        return store
    }

    private init(path: String, directory: URL, queue: DatabaseQueue) {
        self.path = path
        self.directory = directory
        self.queue = queue
    }

    /// Creates the database file readable by its owner only, before SQLite opens it.
    private static func createPrivately(_ path: String) throws(StoreError) {
        let fd = Foundation.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == ENOSPC { throw .diskFull(path: path) }
            if code == EACCES || code == EROFS || code == EPERM {
                // A read-only store can still be read by commands that only read.
                if FileManager.default.isReadableFile(atPath: path) { return }
                throw .notWritable(path: path)
            }
            throw .cannotCreateDirectory(path: path, reason: String(cString: strerror(code)))
        }
        close(fd)
    }

    private func migrate() throws(StoreError) {
        do {
            let migrator = Schema.migrator
            let superseded = try queue.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded { throw StoreError.newerSchema(path: path) }
            try migrator.migrate(queue)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs a write transaction, translating failures into plain store errors.
    func write<T>(_ updates: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write(updates)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs a read, translating failures into plain store errors.
    func read<T>(_ value: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(value)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Held while a process opens the store and brings its schema up to date, so that two kiosks
/// starting at the same moment never run the same migration twice.
private struct OpeningLock {
    let descriptor: Int32

    init(directory: URL) throws(StoreError) {
        let path = directory.appendingPathComponent(".opening.lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            // A read-only directory cannot hold the lock; opening goes on and reports the real problem.
            return
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
