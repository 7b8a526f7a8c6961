import Foundation
import GRDB
import Synchronization

/// A file as the kernel knows it: device and inode. A database folder deleted, moved or on a disk since
/// disconnected leaves SQLite writing into a file no one will find again; comparing identities notices.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file at `path` now, or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Checks of an existing database file before SQLite opens it.
enum FileCheck {
    /// An empty file is never taken for a new database (a failing disk or an interrupted copy empties
    /// files), and a file that does not begin like an SQLite database is not opened as one.
    static func existing(_ path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        if info.st_size == 0 { throw .emptyDatabase(path: path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 16, 0) }
        if count == 16 && header != Array("SQLite format 3\0".utf8) { throw .corrupt(path: path) }
    }
}

/// The databases this kiosk user has created, one path per line: a database that was there and is gone
/// is reported, never silently replaced by a new, empty one. Holds paths only.
enum DatabaseRegistry {
    static func contains(_ path: String, in registry: URL) -> Bool {
        guard let text = try? String(contentsOf: registry, encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { $0 == path }
    }

    static func add(_ path: String, to registry: URL) {
        guard !contains(path, in: registry) else { return }
        let folder = registry.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(registry.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let line = Array((path + "\n").utf8)
        _ = line.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
    }
}

/// SQLite's quick check of the whole file, run in the background when interviews start, so that a
/// damaged database is noticed before a new answer is written into it — without delaying the start.
final class IntegrityCheck: Sendable {
    enum State: Sendable {
        case notRequested, running, sound, damaged
    }

    private let state = Mutex<State>(.notRequested)
    private let done = DispatchSemaphore(value: 0)

    func start(path: String) {
        state.withLock { $0 = .running }
        Thread.detachNewThread { [self] in
            var config = AnswerStore.configuration()
            config.readonly = true
            let sound: Bool
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                sound = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"]
            } catch {
                // A file SQLite cannot even read for the check is damaged as far as answers go.
                sound = (error as? DatabaseError)?.resultCode != .SQLITE_CORRUPT && (error as? DatabaseError)?.resultCode != .SQLITE_NOTADB
            }
            state.withLock { $0 = sound ? .sound : .damaged }
            done.signal()
        }
    }

    /// Waits for the check, if one is running; throws when it found damage.
    func requireSound(path: String) throws(StoreError) {
        let current = state.withLock { $0 }
        switch current {
        case .notRequested, .sound: return
        case .damaged: throw .damaged(path: path)
        case .running:
            done.wait()
            done.signal()
            if state.withLock({ $0 }) == .damaged { throw .damaged(path: path) }
        }
    }

    /// A write failed because SQLite found damage: nothing more is written.
    func markDamaged() {
        state.withLock { $0 = .damaged }
    }
}
