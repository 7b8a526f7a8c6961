import Foundation
import KioskApp
import KioskCore
import KioskStore

/// What the commands need from the central PostgreSQL server. Only kiosk-server implements it (module
/// KioskCentral, with SwiftNIO and the PostgreSQL client); the kiosk itself links no network code and
/// hands a command that needs the server to kiosk-server beside it, which runs the same commands with the
/// same checks (staff passphrase included). The kiosk starts faster for it: see BENCHMARKS.md.
public protocol CentralServer: Sendable {
    /// Creates or updates the kiosk schema on the server; the steps taken (none when it was up to date).
    func initialize(url: String, passwordFile: String?) throws -> [String]
    /// The schema version this kiosk knows.
    var schemaVersion: Int { get }
    /// Adds a login user of `kind` (`kiosk` or `report`) with the password in `newPasswordFile`.
    func addUser(_ name: String, kind: String, newPasswordFile: String, url: String, passwordFile: String?) throws
    /// Saves where this kiosk hands in (never a password) and its organisation.
    func saveSettings(url: String, passwordFile: String?, organisation: String?, store: AnswerStore, day: Day) throws
    /// Where this kiosk hands in, and how much waits to be sent.
    func describeSettings(store: AnswerStore, language: Language) throws -> String
    /// Loads a sealed bundle into the server.
    func importBundle(_ path: String, passphrase: String, url: String?, passwordFile: String?, organisation: String?,
                      store: AnswerStore?) throws -> CentralImport
    /// Hands in every finished interview the server has not confirmed.
    func sync(store: AnswerStore, url: String?, passwordFile: String?, purgeAfter: Int?, day: Day,
              progress: @escaping @Sendable (Int, Int) -> Void) throws -> (confirmed: Int, new: Int, purged: Int)
    /// A summary counted on the server.
    func summary(formID: String, formsDirectory: URL, url: String, passwordFile: String?, language: Language,
                 options: SummaryOptions, method: CellKeyMethod, publishing: (kind: String, day: Day)?) throws -> SummaryReport
    /// The plain sentence for one of the server's own errors, else `nil`.
    func message(for error: any Error, in language: Language) -> String?
}

/// What loading a bundle into the server gave.
public enum CentralImport: Sendable {
    case imported, alreadyImported, kioskAlreadyImported
}

/// The central server's implementation in this program, if it has one.
public enum CentralServerLink {
    nonisolated(unsafe) private static var installed: (any CentralServer)?

    /// Done once by kiosk-server before anything else.
    public static func install(_ server: any CentralServer) { installed = server }

    /// The implementation; `nil` in the kiosk itself.
    public static var current: (any CentralServer)? { installed }

    /// The implementation, for a command that needs the server: only ever reached in kiosk-server, since
    /// the kiosk hands such commands over before parsing them (``handOverIfNeeded(_:language:)``).
    static func required() throws(Missing) -> any CentralServer {
        if let installed { return installed }
        throw Missing()
    }

    /// This program has no implementation of the central server (a command the kiosk did not hand over
    /// reached one); said in the staff's language by ``speaking(_:_:)``.
    struct Missing: Error {}

    /// The commands that need the server: `sync`, `server …`, and every report counted on the server
    /// (`summary`, `export summary`, … with `--server URL`: the only option of that name outside those).
    static func needsServer(_ arguments: [String]) -> Bool {
        guard let command = arguments.first else { return false }
        if command == "sync" || command == "server" { return true }
        return arguments.contains { $0 == "--server" || $0.hasPrefix("--server=") }
    }

    /// In the kiosk (no implementation), a command that needs the server replaces this process with
    /// kiosk-server and the same arguments, before anything else happens. Returns only when there is
    /// nothing to hand over; when kiosk-server is missing it says so and exits.
    static func handOverIfNeeded(_ arguments: [String], language: Language) {
        guard installed == nil, needsServer(arguments) else { return }
        HelperProgram.server.handOver(language: language)
    }
}
