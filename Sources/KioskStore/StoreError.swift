import Foundation
import GRDB
import KioskCore

/// A problem with the answer store, in one plain sentence with what to do.
/// Never contains an answer: messages are built here, not taken from SQL statements.
public enum StoreError: Error, LocalizedError, Equatable {
    /// The data directory cannot be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The data directory or database file cannot be written.
    case notWritable(path: String)
    /// The disk (or file system) is full.
    case diskFull(path: String)
    /// The database file is damaged or is not a kiosk database.
    case corrupt(path: String)
    /// The database was written by a newer version of the kiosk.
    case newerSchema(path: String)
    /// Another kiosk kept the database busy for too long.
    case busy(path: String)
    /// The disk reported a failed read or write.
    case ioError(path: String)
    /// No interview or referral with this id or code.
    case notFound(String)
    /// The referral is closed already (reopen it first to close it another way).
    case alreadyClosed(code: String)
    /// The data directory holds no kiosk database (for commands that only report).
    case noDatabase(directory: String)
    /// The data directory itself is not usable (for locks).
    case lockFailed(path: String, reason: String)
    /// Any other database failure, by SQLite's result code.
    case failed(path: String, code: Int32)
    /// The database file is empty (0 bytes): never taken for a new one.
    case emptyDatabase(path: String)
    /// An SQLite database, but not the kiosk's.
    case notKioskDatabase(path: String)
    /// SQLite's check found damage: nothing new is written into the file.
    case damaged(path: String)
    /// The database file is no longer the one opened (its folder deleted, moved or disconnected).
    case vanished(path: String)
    /// A database this kiosk made is gone from where it was.
    case missing(path: String)

    public var errorDescription: String? { message(in: .english) }

    /// The sentence in `language` (from the kiosk's language files): what staff read follows `--lang`.
    public func message(in language: Language) -> String {
        let phrases = Phrasebook(language)
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return phrases.text("store.cannot_create_directory", ["path": "\(path)", "reason": "\(reason)"])
        case .notWritable(let path):
            return phrases.text("store.not_writable", ["path": "\(path)"])
        case .diskFull(let path):
            return phrases.text("store.disk_full", ["path": "\(path)"])
        case .corrupt(let path):
            return phrases.text("store.corrupt", ["path": "\(path)"])
        case .newerSchema(let path):
            return phrases.text("store.newer_schema", ["path": "\(path)"])
        case .busy(let path):
            return phrases.text("store.busy", ["path": "\(path)"])
        case .ioError(let path):
            return phrases.text("store.io_error", ["path": "\(path)"])
        case .notFound(let what):
            return phrases.text("store.not_found", ["what": "\(what)"])
        case .alreadyClosed(let code):
            return phrases.text("store.already_closed", ["code": "\(code)"])
        case .noDatabase(let directory):
            return phrases.text("store.no_database", ["directory": "\(directory)"])
        case .lockFailed(let path, let reason):
            return phrases.text("store.lock_failed", ["path": "\(path)", "reason": "\(reason)"])
        case .failed(let path, let code):
            return phrases.text("store.failed", ["path": "\(path)", "code": "\(code)"])
        case .emptyDatabase(let path):
            return phrases.text("store.empty_database", ["path": "\(path)"])
        case .notKioskDatabase(let path):
            return phrases.text("store.not_kiosk_database", ["path": "\(path)"])
        case .damaged(let path):
            return phrases.text("store.damaged", ["path": "\(path)"])
        case .vanished(let path):
            return phrases.text("store.vanished", ["path": "\(path)"])
        case .missing(let path):
            return phrases.text("store.missing", ["path": "\(path)"])
        }
    }

    /// Whether the file system holding `path` has (almost) no space left.
    static func isNearlyFull(_ path: String) -> Bool {
        var stats = statvfs()
        let directory = (path as NSString).deletingLastPathComponent
        guard statvfs(directory, &stats) == 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 256 * 1024
    }

    /// Translates a database error into a plain one.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        // A packed interview that does not read back: the file's content is damaged.
        if error is PackingError { return .corrupt(path: path) }
        guard let error = error as? DatabaseError else { return .failed(path: path, code: -1) }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return .notWritable(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_IOERR:
            // A full file system can surface as an I/O error (growing the WAL index on tmpfs, for one).
            return isNearlyFull(path) ? .diskFull(path: path) : .ioError(path: path)
        default: return .failed(path: path, code: error.resultCode.rawValue)
        }
    }
}
