import Foundation
import GRDB

/// What `kiosk doctor` finds about a data directory and its database. Reading only: a damaged file is
/// never changed by the check.
public struct StoreHealth: Sendable {
    /// One thing checked: whether it is fine, what was found, and what to do when it is not.
    public struct Finding: Sendable, Equatable {
        public var ok: Bool
        public var text: String
        public var fix: String?

        public init(ok: Bool, text: String, fix: String?) {
            self.ok = ok
            self.text = text
            self.fix = fix
        }
    }

    public var findings: [Finding] = []

    /// Whether every check passed.
    public var isHealthy: Bool { findings.allSatisfy(\.ok) }

    /// Examines `directory` and the database in it. With `showingCounts` false, how many interviews there
    /// are is not said (only staff, with the passphrase, may know how many people answered).
    public static func examine(directory: URL, showingCounts: Bool = true) -> StoreHealth {
        var health = StoreHealth()
        func ok(_ text: String) { health.findings.append(Finding(ok: true, text: text, fix: nil)) }
        func problem(_ text: String, _ fix: String) { health.findings.append(Finding(ok: false, text: text, fix: fix)) }
        let fm = FileManager.default
        let dir = directory.path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else {
            problem("the data directory \(dir) does not exist", "run an interview to create it, or give the right --data-dir")
            return health
        }
        guard isDirectory.boolValue else {
            problem("\(dir) is a file, not a data directory", "give the folder with kiosk.sqlite as --data-dir")
            return health
        }
        if let mode = (try? fm.attributesOfItem(atPath: dir))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            problem("the data directory is readable by others (mode \(String(mode, radix: 8)))", "run: chmod 700 \(dir)")
        } else {
            ok("the data directory \(dir) is private to its owner")
        }
        let probe = directory.appendingPathComponent(".doctor-\(UUID().uuidString)").path
        if fm.createFile(atPath: probe, contents: Data()) {
            try? fm.removeItem(atPath: probe)
            ok("the data directory can be written")
        } else {
            problem("the data directory cannot be written (read-only file system, full disk or missing permission)",
                    "free space or fix the permissions; until then no answers can be saved")
        }
        let path = directory.appendingPathComponent(AnswerStore.fileName).path
        guard fm.fileExists(atPath: path) else {
            problem("there is no database \(AnswerStore.fileName) yet", "it is created by the first interview")
            return health
        }
        if let mode = (try? fm.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            problem("the database file is readable by others (mode \(String(mode, radix: 8)))", "run: chmod 600 \(path)")
        } else {
            ok("the database file is private to its owner")
        }
        do {
            try FileCheck.existing(path)
        } catch {
            if case .emptyDatabase = error {
                problem("the database file is empty (0 bytes): a failing disk or an interrupted copy may have emptied it",
                        "keep the file as it is; restore it from a backup, or move it away to start a new database")
            } else {
                problem("the database file is damaged or is not a kiosk database", "keep a copy of the file and ask your coordinator; do not delete it")
            }
            return health
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                let known = Schema.migrator.migrations
                guard try db.tableExists("grdb_migrations") else {
                    problem("\(path) is an SQLite database, but not the kiosk's", "choose the right folder with --data-dir, or move the file away")
                    return
                }
                let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if !applied.isSubset(of: Set(known)) || version > Schema.version {
                    problem("the database was written by a newer kiosk", "update the kiosk program; this version will not change the file")
                } else if applied.count < known.count {
                    ok("the schema is older (\(applied.count) of \(known.count) steps) and will be updated by the next interview")
                } else {
                    ok("the schema is up to date (\(known.count) steps)")
                }
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity == ["ok"] {
                    ok("the database passes SQLite's integrity check")
                } else {
                    problem("the database fails SQLite's integrity check (\(integrity.count) problem\(integrity.count == 1 ? "" : "s"))",
                            "keep a copy of the file and ask your coordinator; do not run interviews on it")
                }
                let orphanKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if orphanKeys.isEmpty {
                    ok("every interview and referral belongs to a stored form version")
                } else {
                    problem("\(orphanKeys.count) stored rows point at missing form versions", "keep a copy of the file and ask your coordinator")
                }
                if applied.contains(where: { $0.hasPrefix("v1") }) && !showingCounts {
                    ok("interviews are stored; how many is shown with the staff passphrase: kiosk doctor --counts")
                } else if applied.contains(where: { $0.hasPrefix("v1") }) {
                    let statuses = try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM interview GROUP BY status")
                    let summary = statuses.map { "\($0["n"] as Int) \(($0["status"] as String).replacingOccurrences(of: "_", with: " "))" }
                    ok("interviews: " + (summary.isEmpty ? "none yet" : summary.joined(separator: ", ")))
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            problem("the database file is damaged or is not a kiosk database", "keep a copy of the file and ask your coordinator; do not delete it")
        } catch {
            problem("the database cannot be read (\(StoreError.from(error, path: path).localizedDescription))", "check the disk and the file's permissions")
        }
        return health
    }
}
