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

    public var errorDescription: String? {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "the data directory \(path) cannot be created (\(reason)); choose another with --data-dir or KIOSK_DATA_DIR"
        case .notWritable(let path):
            return "the data in \(path) cannot be written (read-only file system or missing permission); answers cannot be saved — fix the permissions or choose another directory with --data-dir"
        case .diskFull(let path):
            return "the disk holding \(path) is full; answers saved so far are kept, but no more can be saved until space is freed"
        case .corrupt(let path):
            return "the database \(path) is damaged or is not a kiosk database; keep a copy of the file, and run 'kiosk doctor' or ask your coordinator before anything else"
        case .newerSchema(let path):
            return "the database \(path) was written by a newer version of the kiosk; update the kiosk program — this version will not change the file"
        case .busy(let path):
            return "the database \(path) stayed busy (another kiosk is writing); try again in a moment"
        case .ioError(let path):
            return "the disk holding \(path) reported a read or write error (it may be full, removed or failing); answers saved before are kept — check the disk, then run 'kiosk doctor'"
        case .notFound(let what):
            return "\(what) was not found"
        case .alreadyClosed(let code):
            return "referral \(code) is already closed; reopen it first with 'kiosk referrals reopen \(code)'"
        case .noDatabase(let directory):
            return "there is no kiosk database in \(directory); check --data-dir or KIOSK_DATA_DIR (the database is created by the first interview)"
        case .lockFailed(let path, let reason):
            return "the interview lock \(path) cannot be used (\(reason)); check that the data directory is writable"
        case .failed(let path, let code):
            return "the database \(path) reported error \(code); nothing was changed by the failing step — run 'kiosk doctor' to check the data"
        case .emptyDatabase(let path):
            return "the database file \(path) is empty (0 bytes): a failing disk or an interrupted copy may have emptied it, and it is not used as a new database; restore it from a backup, or move it away (for example rename it to kiosk.sqlite.empty) to start a new one"
        case .notKioskDatabase(let path):
            return "\(path) is an SQLite database, but not the kiosk's; nothing was written into it — choose another folder with --data-dir, or move the file away"
        case .damaged(let path):
            return "the database \(path) is damaged (SQLite's check found broken pages); nothing new was written into it — keep a copy of the file and ask your coordinator, who can restore it from a backup"
        case .vanished(let path):
            return "the database \(path) is no longer there (its folder was deleted or moved, or the disk was disconnected), so the last answer was NOT saved; reconnect the disk or put the folder back, then start the kiosk again"
        case .missing(let path):
            return "the kiosk database \(path) is missing, though this kiosk made one there before (is the disk connected, was the folder moved?); nothing was created — reconnect the disk or put the folder back; to start a new, empty database there on purpose, run 'kiosk interview --new-database'"
        }
    }

    /// The same sentence in `language` (Swedish or English): what staff read at the kiosk follows `--lang`.
    public func message(in language: Language) -> String {
        guard language != .english else { return errorDescription ?? "" }
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "datamappen \(path) kan inte skapas (\(reason)); välj en annan med --data-dir eller KIOSK_DATA_DIR"
        case .notWritable(let path):
            return "datan i \(path) kan inte skrivas (skrivskyddat filsystem eller saknad behörighet); svar kan inte sparas — rätta behörigheterna eller välj en annan mapp med --data-dir"
        case .diskFull(let path):
            return "disken med \(path) är full; svar som redan sparats finns kvar, men inga fler kan sparas förrän utrymme frigjorts"
        case .corrupt(let path):
            return "databasen \(path) är skadad eller inte en kioskdatabas; spara en kopia av filen och kör 'kiosk doctor' eller fråga samordnaren innan något annat görs"
        case .newerSchema(let path):
            return "databasen \(path) är skriven av en nyare version av kiosken; uppdatera kioskprogrammet — den här versionen ändrar inte filen"
        case .busy(let path):
            return "databasen \(path) var upptagen för länge (en annan kiosk skriver); försök igen om en stund"
        case .ioError(let path):
            return "disken med \(path) rapporterade ett läs- eller skrivfel (den kan vara full, borttagen eller trasig); svar som sparats tidigare finns kvar — kontrollera disken och kör sedan 'kiosk doctor'"
        case .notFound(let what):
            return "\(what) hittades inte"
        case .alreadyClosed(let code):
            return "hänvisning \(code) är redan avslutad; öppna den först med 'kiosk referrals reopen \(code)'"
        case .noDatabase(let directory):
            return "det finns ingen kioskdatabas i \(directory); kontrollera --data-dir eller KIOSK_DATA_DIR (databasen skapas av den första intervjun)"
        case .lockFailed(let path, let reason):
            return "intervjulåset \(path) kan inte användas (\(reason)); kontrollera att datamappen går att skriva i"
        case .failed(let path, let code):
            return "databasen \(path) gav felet \(code); det misslyckade steget ändrade inget — kör 'kiosk doctor' för att kontrollera datan"
        case .emptyDatabase(let path):
            return "databasfilen \(path) är tom (0 byte): en trasig disk eller en avbruten kopiering kan ha tömt den, och den används inte som en ny databas; återställ den från en säkerhetskopia, eller flytta undan den (byt till exempel namn till kiosk.sqlite.tom) för att börja med en ny"
        case .notKioskDatabase(let path):
            return "\(path) är en SQLite-databas, men inte kioskens; inget skrevs i den — välj en annan mapp med --data-dir, eller flytta undan filen"
        case .damaged(let path):
            return "databasen \(path) är skadad (SQLites kontroll hittade trasiga sidor); inget nytt skrevs i den — spara en kopia av filen och kontakta samordnaren, som kan återställa den från en säkerhetskopia"
        case .vanished(let path):
            return "databasen \(path) finns inte längre kvar (mappen togs bort eller flyttades, eller disken kopplades bort), så det senaste svaret sparades INTE; koppla in disken eller lägg tillbaka mappen och starta sedan kiosken igen"
        case .missing(let path):
            return "kioskdatabasen \(path) saknas, fast kiosken har skapat en där tidigare (är disken inkopplad, har mappen flyttats?); ingen ny skapades — koppla in disken eller lägg tillbaka mappen; för att med flit börja med en ny, tom databas där, kör 'kiosk interview --new-database'"
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
