import Foundation
import KioskApp
import KioskCommands
import KioskCore
import KioskServer
import KioskStore

/// The central server for the commands (``CentralServer``): the PostgreSQL store many kiosks feed,
/// reached with postgres-nio. Installed by kiosk-server only.
public struct CentralServerImplementation: CentralServer {
    public init() {}

    /// The environment, read once (the password may come from `PGPASSWORD`).
    private static let environment = ProcessInfo.processInfo.environment

    public func initialize(url: String, passwordFile: String?) throws -> [String] {
        let address = try ServerAddress(url)
        let password = try address.password(file: passwordFile, environment: Self.environment)
        return try ServerCall.wait {
            try await ServerConnection.with(address, password: password) { connection in
                try await ServerSetup.initialize(connection)
            }
        }
    }

    public var schemaVersion: Int { ServerSchema.version }

    public func addUser(_ name: String, kind: String, newPasswordFile: String, url: String, passwordFile: String?) throws {
        guard let kind = ServerSetup.UserKind(rawValue: kind) else { throw KioskFailure("--kind must be kiosk or report, not '\(kind)'") }
        let address = try ServerAddress(url)
        let password = try address.password(file: passwordFile, environment: Self.environment)
        guard let newPassword = try address.password(file: newPasswordFile, environment: [:]) else {
            throw ServerError.passwordFile(newPasswordFile, reason: "it is empty")
        }
        try ServerCall.wait {
            try await ServerConnection.with(address, password: password) { connection in
                try await ServerSetup.addUser(name, kind: kind, password: newPassword, connection: connection)
            }
        }
    }

    public func saveSettings(url: String, passwordFile: String?, organisation: String?, store: AnswerStore, day: Day) throws {
        try ServerSettings.save(url: url, passwordFile: passwordFile, organisation: organisation, store: store, day: day)
    }

    public func describeSettings(store: AnswerStore, language: Language) throws -> String {
        try ServerSettings.description(store: store, language: language)
    }

    public func importBundle(_ path: String, passphrase: String, url: String?, passwordFile: String?, organisation: String?,
                             store: AnswerStore?) throws -> CentralImport {
        let address = try ServerSettings.address(url, store: store)
        let password = try ServerSettings.password(for: address, passwordFile: passwordFile, store: store, environment: Self.environment)
        switch try BundleImporting.run(bundlePath: path, passphrase: passphrase, address: address, password: password, organisation: organisation) {
        case .imported: return .imported
        case .alreadyImported: return .alreadyImported
        case .kioskAlreadyImported: return .kioskAlreadyImported
        }
    }

    public func sync(store: AnswerStore, url: String?, passwordFile: String?, purgeAfter: Int?, day: Day,
                     progress: @escaping @Sendable (Int, Int) -> Void) throws -> (confirmed: Int, new: Int, purged: Int) {
        let outcome = try SyncRun.run(store: store, url: url, passwordFile: passwordFile, purgeAfter: purgeAfter, day: day,
                                      environment: Self.environment, progress: progress)
        return (outcome.confirmed, outcome.new, outcome.purged)
    }

    public func summary(formID: String, formsDirectory: URL, url: String, passwordFile: String?, language: Language,
                        options: SummaryOptions, method: CellKeyMethod, publishing: (kind: String, day: Day)?) throws -> SummaryReport {
        let address = try ServerAddress(url)
        let password = try address.password(file: passwordFile, environment: Self.environment)
        return try ServerSummary.summary(formID: formID, formsDirectory: formsDirectory, address: address, password: password,
                                         language: language, options: options, method: method, publishing: publishing)
    }

    public func message(for error: any Error, in language: Language) -> String? {
        (error as? ServerError)?.message(in: language)
    }
}
