import ArgumentParser
import Foundation
import KioskApp
import KioskCore
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

    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create or update the kiosk schema on the server: tables, the roles kiosk_submitter and kiosk_reporter, hand-in functions and count views.")
        @OptionGroup var admin: AdminOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let server = try CentralServerLink.required()
                let applied = try server.initialize(url: admin.url, passwordFile: admin.passwordFile)
                if applied.isEmpty {
                    print(Phrasebook(language.language).text("server_cmd.schema_exists", ["version": "\(server.schemaVersion)"]))
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
            guard kind == "kiosk" || kind == "report" else { throw ValidationError("--kind must be kiosk or report, not '\(kind)'") }
        }

        func run() throws {
            try speaking(language.language) {
                try CentralServerLink.required().addUser(name, kind: kind, newPasswordFile: newPasswordFile, url: server, passwordFile: passwordFile)
                print(Phrasebook(language.language).text(kind == "kiosk" ? "server_cmd.user_kiosk" : "server_cmd.user_reporter", ["name": name]))
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
                let server = try CentralServerLink.required()
                try server.saveSettings(url: url, passwordFile: passwordFile, organisation: organisation, store: store, day: Day.today())
                print(try server.describeSettings(store: store, language: language.language), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show where this kiosk hands in, and how much waits to be sent.")
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let server = try CentralServerLink.required()
                let store = try openForStaff(data, language: language.language)
                print(try server.describeSettings(store: store, language: language.language), terminator: "")
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
                let central = try CentralServerLink.required()
                let store = try? data.openExistingStore()
                let console = TerminalConsole(environment: processEnvironment)
                let passphrase = try BundlePassphrase.read(console: console, language: lang, twice: false)
                let result = try central.importBundle(bundle, passphrase: passphrase, url: server, passwordFile: passwordFile,
                                                      organisation: organisation, store: store)
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
            let central = try CentralServerLink.required()
            let store = try openForStaff(data, language: lang)
            let progress = ProgressLine(label: Phrasebook(language.language).text("server_cmd.sending"))
            let outcome = try central.sync(store: store, url: server, passwordFile: passwordFile, purgeAfter: purgeAfter, day: Day.today()) { sent, total in
                progress.update(sent, of: total)
            }
            progress.done()
            var text = Phrasebook(language.language).text("server_cmd.confirmed", ["confirmed": "\(outcome.confirmed)", "new": "\(outcome.new)"])
            if outcome.purged > 0 { text += Phrasebook(language.language).text("server_cmd.purged", ["purged": "\(outcome.purged)"]) }
            print(text)
        }
    }
}
