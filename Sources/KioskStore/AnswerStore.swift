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

    /// What opening guards against, beyond SQLite's own checks.
    public struct Safeguards: Sendable {
        /// The file where the kiosk notes each database it creates, so that one gone missing (a deleted
        /// folder, a disk not mounted) is reported instead of silently replaced by a new, empty one.
        public var registry: URL?
        /// Check the whole file for damage (SQLite's quick check) in the background, before the first write.
        public var checkIntegrity: Bool
        /// Create a new database even where a known one is missing (staff chose to start again).
        public var startNewDatabase: Bool

        public init(registry: URL? = nil, checkIntegrity: Bool = false, startNewDatabase: Bool = false) {
            self.registry = registry
            self.checkIntegrity = checkIntegrity
            self.startNewDatabase = startNewDatabase
        }

        /// Where the kiosk notes its databases: `$XDG_STATE_HOME/kiosk/databases`, else
        /// `~/.local/state/kiosk/databases`.
        public static func registry(environment: [String: String]) -> URL {
            if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
                return URL(fileURLWithPath: xdg).appendingPathComponent("kiosk/databases")
            }
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return URL(fileURLWithPath: home).appendingPathComponent(".local/state/kiosk/databases")
        }
    }

    public static func open(directory: URL, create: Bool = true, safeguards: Safeguards = Safeguards()) throws(StoreError) -> AnswerStore {
        let directoryPath = directory.path
        let path = directory.appendingPathComponent(fileName).path
        if !create {
            guard FileManager.default.fileExists(atPath: path) else { throw .noDatabase(directory: directoryPath) }
        }
        if !FileManager.default.fileExists(atPath: path), let registry = safeguards.registry, !safeguards.startNewDatabase,
           DatabaseRegistry.contains(path, in: registry) {
            throw .missing(path: path)
        }
        var folder = stat()
        if stat(directoryPath, &folder) != 0 || (folder.st_mode & S_IFMT) != S_IFDIR {
            do {
                try FileManager.default.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreateDirectory(path: directoryPath, reason: Self.reason(error))
            }
        }
        // Two kiosks starting at once on a new directory must not both create the schema.
        let opening = try OpeningLock(directory: directory)
        defer { opening.release() }
        if FileManager.default.fileExists(atPath: path) {
            try FileCheck.existing(path)
        } else {
            // Made whole under another name, then put in place: a database file that exists is complete.
            try createNew(path)
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
        } catch {
            throw StoreError.from(error, path: path)
        }
        let store = AnswerStore(path: path, directory: directory, queue: queue)
        try store.migrate()
        store.identity.withLock { $0 = FileIdentity(path: path) }
        if let registry = safeguards.registry { DatabaseRegistry.add(path, to: registry) }
        if safeguards.checkIntegrity { store.integrity.start(path: path) }
        return store
    }

    /// How every connection to the database is set up.
    static func configuration() -> Configuration {
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
        return config
    }

    /// Creates a complete new database at `path`: schema and all, under a temporary name first.
    private static func createNew(_ path: String) throws(StoreError) {
        let building = path + ".new"
        for suffix in ["", "-wal", "-shm"] { unlink(building + suffix) }
        try createPrivately(building)
        do {
            let queue = try DatabaseQueue(path: building, configuration: configuration())
            try Schema.migrator.migrate(queue)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try queue.close()
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(building + suffix) }
            throw StoreError.from(error, path: path)
        }
        for suffix in ["-wal", "-shm"] { unlink(building + suffix) }
        guard rename(building, path) == 0 else {
            let code = errno
            unlink(building)
            throw code == ENOSPC ? .diskFull(path: path) : .notWritable(path: path)
        }
        let directory = Foundation.open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// The file opened (device and inode), to check it is still the one in the directory.
    let identity = Mutex<FileIdentity?>(nil)
    /// The background check of the whole file for damage.
    let integrity = IntegrityCheck()

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
            let (superseded, complete, version, isKiosk) = try queue.read { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let isKiosk = tables.contains("grdb_migrations")
                return (try migrator.hasBeenSuperseded(db), try isKiosk && migrator.hasCompletedMigrations(db), version, isKiosk)
            }
            if superseded || version > Schema.version { throw StoreError.newerSchema(path: path) }
            // A database without the kiosk's tables is someone else's file (or an empty one).
            if !isKiosk { throw StoreError.notKioskDatabase(path: path) }
            // Up to date (every start but the first after an upgrade): no write transaction to open.
            if complete && version == Schema.version { return }
            try migrator.migrate(queue)
            if version < Schema.version {
                try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(Schema.version)") }
                compactAfterMigration()
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// After a migration that rewrote tables (v7 packs every interview into one row), most of the file can be
    /// free pages (zeroed by secure_delete, but still taking the disk): the file is rebuilt smaller. Best effort:
    /// a disk without room for the copy leaves the file as it is, whole.
    private func compactAfterMigration() {
        try? queue.writeWithoutTransaction { db in
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            guard free > 0 && free * 4 > pages else { return }
            try db.execute(sql: "VACUUM")
        }
    }

    /// Runs a write transaction, translating failures into plain store errors. Nothing is written into
    /// a file found damaged, and a write is only taken as done once the file written is still the one in
    /// the data directory (not deleted, moved or on a disk since disconnected).
    func write<T>(_ updates: (Database) throws -> T) throws(StoreError) -> T {
        try integrity.requireSound(path: path)
        let result: T
        do {
            result = try queue.write(updates)
        } catch {
            let failure = StoreError.from(error, path: path)
            if case .corrupt = failure { integrity.markDamaged() }
            throw failure
        }
        try verifyIdentity()
        return result
    }

    /// Whether the database file in the directory is still the one opened; throws `.vanished` if not.
    public func verifyIdentity() throws(StoreError) {
        guard let opened = identity.withLock({ $0 }) else { return }
        guard FileIdentity(path: path) == opened else { throw .vanished(path: path) }
    }

    /// Whether the database can take interviews now: writable, with room to spare, not moved. For the
    /// start of interviews, so that a read-only or full disk is found before the first question.
    public func checkReadyForInterviews() throws(StoreError) {
        try verifyIdentity()
        var stats = statvfs()
        if statvfs(directory.path, &stats) == 0 {
            if stats.f_flag & UInt(ST_RDONLY) != 0 { throw .notWritable(path: path) }
            let free = UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
            if free < Self.spaceNeededForInterviews { throw .diskFull(path: path) }
        }
        guard access(path, W_OK) == 0, access(directory.path, W_OK) == 0 else { throw .notWritable(path: path) }
        // Taking the write lock proves SQLite can write here.
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The free space interviews want at their start: an answer needs little, but a disk this full is
    /// about to fail.
    static let spaceNeededForInterviews: UInt64 = 8 * 1024 * 1024

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
