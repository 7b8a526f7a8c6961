import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskServer
import KioskStore
import KioskTerminal

/// `kiosk server …`: the central PostgreSQL store many kiosks feed.
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Set up the central server, and tell this kiosk where it is.",
        discussion: """
            Whoever administers the server runs 'kiosk server init URL' once (as a user that may create
            schemas and roles), then 'kiosk server add-user' for each kiosk and each coordinator. Each kiosk
            then runs 'kiosk server set URL --password-file FILE' once, and 'kiosk sync' whenever it is online.
            """,
        subcommands: [Init.self, AddUser.self, Set.self, Show.self, Import.self])

    /// The administrator's connection options.
    struct AdminOptions: ParsableArguments {
        @Argument(help: "The server's address, as an administrator: postgres://admin@host:5432/database (no password in it).")
        var url: String
        @Option(help: ArgumentHelp("The file holding the password (readable by you only); else PGPASSWORD or ~/.pgpass.", valueName: "file"))
        var passwordFile: String?

        func address() throws -> ServerAddress { try ServerAddress(url) }

        func password() throws -> String? {
            try address().password(file: passwordFile, environment: processEnvironment)
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create or update the kiosk schema on the server: tables, the roles kiosk_submitter and kiosk_reporter, hand-in functions and count views.")
        @OptionGroup var admin: AdminOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let admin = admin
                let applied = try ServerCall.wait {
                    try await ServerConnection.with(try admin.address(), password: try admin.password()) { connection in
                        try await ServerSetup.initialize(connection)
                    }
                }
                if applied.isEmpty {
                    print(Phrasebook(language.language).text("server_cmd.schema_exists", ["version": "\(ServerSchema.version)"]))
                } else {
                    print(Phrasebook(language.language).text("server_cmd.schema_created", ["steps": applied.joined(separator: "; ")]))
                    print(Phrasebook(language.language).text("server_cmd.add_users_hint"))
                }
            }
        }
    }

    struct AddUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-user",
            abstract: "Add a login user to the server: a kiosk user can only hand in interviews; a report user can only read counts.")
        @Argument(help: "The new user's name (small letters, digits, '_').") var name: String
        @Option(help: ArgumentHelp("kiosk or report.", valueName: "kind")) var kind: String
        @Option(help: ArgumentHelp("The file holding the new user's password (at least 12 characters; readable by you only).", valueName: "file"))
        var newPasswordFile: String
        @Option(help: ArgumentHelp("The administrator's address: postgres://admin@host/database.", valueName: "url")) var server: String
        @Option(help: ArgumentHelp("The file holding the administrator's password.", valueName: "file")) var passwordFile: String?
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard ServerSetup.UserKind(rawValue: kind) != nil else { throw ValidationError("--kind must be kiosk or report, not '\(kind)'") }
        }

        func run() throws {
            try speaking(language.language) {
                let address = try ServerAddress(server)
                let environment = processEnvironment
                let password = try address.password(file: passwordFile, environment: environment)
                guard let newPassword = try address.password(file: newPasswordFile, environment: [:]) else {
                    throw ServerError.passwordFile(newPasswordFile, reason: "it is empty")
                }
                let name = name, kind = ServerSetup.UserKind(rawValue: kind)!
                try ServerCall.wait {
                    try await ServerConnection.with(address, password: password) { connection in
                        try await ServerSetup.addUser(name, kind: kind, password: newPassword, connection: connection)
                    }
                }
                print(Phrasebook(language.language).text(kind == .kiosk ? "server_cmd.user_kiosk" : "server_cmd.user_reporter", ["name": name]))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Save where this kiosk hands its interviews in (the address, never a password), and its organisation.")
        @Argument(help: "A kiosk user's address: postgres://kiosk_norr@server.example.org/nns?sslmode=require.") var url: String
        @Option(help: ArgumentHelp("The file holding the password (readable by you only).", valueName: "file")) var passwordFile: String?
        @Option(help: ArgumentHelp("The organisation (förbund) this kiosk belongs to, saved with each interview.", valueName: "name")) var organisation: String?
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                // A new kiosk may be set up before its first interview: the database is made here if need be.
                let store = try data.openStore()
                try StaffGate(store: store, console: TerminalConsole(environment: processEnvironment)).require(language: language.language)
                try ServerSettings.save(url: url, passwordFile: passwordFile, organisation: organisation, store: store, day: Day.today())
                print(try ServerSettings.description(store: store, language: language.language), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show where this kiosk hands in, and how much waits to be sent.")
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                print(try ServerSettings.description(store: store, language: language.language), terminator: "")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load a sealed bundle (from a kiosk that never sees a network) into the server.",
            discussion: "From a pipe, the bundle passphrase is the next line.")
        @Argument(help: "The bundle file.") var bundle: String
        @Option(help: ArgumentHelp("A kiosk user's address (default: the one saved with 'kiosk server set').", valueName: "url")) var server: String?
        @Option(help: ArgumentHelp("The file holding the password.", valueName: "file")) var passwordFile: String?
        @Option(help: ArgumentHelp("The organisation the bundle's kiosk belongs to, when the bundle does not say.", valueName: "name")) var organisation: String?
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let lang = language.language
                let store = try? data.openExistingStore()
                let address = try ServerSettings.address(server, store: store)
                let password = try ServerSettings.password(for: address, passwordFile: passwordFile, store: store,
                                                           environment: processEnvironment)
                let console = TerminalConsole(environment: processEnvironment)
                let passphrase = try BundlePassphrase.read(console: console, language: lang, twice: false)
                let result = try BundleImporting.run(bundlePath: bundle, passphrase: passphrase, address: address, password: password,
                                                     organisation: organisation)
                switch result {
                case .imported:
                    try? store?.audit(.bundleImported, detail: URL(fileURLWithPath: bundle).lastPathComponent, day: Day.today())
                    print(Phrasebook(language.language).text("server_cmd.imported"))
                case .alreadyImported:
                    throw KioskFailure(Phrasebook(language.language).text("server_cmd.already_imported"))
                case .kioskAlreadyImported:
                    throw KioskFailure(Phrasebook(language.language).text("server_cmd.kiosk_already_imported"))
                }
            }
        }
    }
}

/// `kiosk sync`: hand in to the central server every finished interview it has not confirmed.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send finished interviews the central server has not confirmed yet (never referral codes or free text).",
        discussion: "An interview is marked sent only after the server's commit; a sync cut off is simply run again, and nothing arrives twice.")
    @Option(help: ArgumentHelp("A kiosk user's address (default: the one saved with 'kiosk server set').", valueName: "url")) var server: String?
    @Option(help: ArgumentHelp("The file holding the password.", valueName: "file")) var passwordFile: String?
    @Option(help: ArgumentHelp("Delete interviews here once the server has had them this many days, counted from the end of the month it confirmed them (saved for later syncs).", valueName: "days"))
    var purgeAfter: Int?
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if let purgeAfter, purgeAfter < 0 { throw ValidationError("--purge-after takes a number of days (0 or more)") }
    }

    func run() throws {
        try speaking(language.language) {
            let lang = language.language
            let store = try openForStaff(data, language: lang)
            let progress = ProgressLine(label: Phrasebook(language.language).text("server_cmd.sending"))
            let outcome = try SyncRun.run(store: store, url: server, passwordFile: passwordFile, purgeAfter: purgeAfter, day: Day.today(),
                                          environment: processEnvironment) { sent, total in
                progress.update(sent, of: total)
            }
            progress.done()
            var text = Phrasebook(language.language).text("server_cmd.confirmed", ["confirmed": "\(outcome.confirmed)", "new": "\(outcome.new)"])
            if outcome.purged > 0 { text += Phrasebook(language.language).text("server_cmd.purged", ["purged": "\(outcome.purged)"]) }
            print(text)
        }
    }
}
