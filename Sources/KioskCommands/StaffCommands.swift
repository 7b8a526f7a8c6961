import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// Opens the existing store and, when a passphrase is set, asks for it.
func openForStaff(_ data: DataOptions, language: Language = .swedish) throws -> AnswerStore {
    let store = try data.openExistingStore()
    let console = TerminalConsole(environment: processEnvironment)
    try StaffGate(store: store, console: console).require(language: language)
    return store
}

/// `kiosk passphrase set|remove`: the staff passphrase that guards stored data and locked mode.
struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Set or remove the staff passphrase (kept only as a slow, salted hash).",
        subcommands: [Set.self, Remove.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the staff passphrase (asks for the current one first, if there is one).",
            discussion: "At a terminal the passphrase is not shown while typed. From a pipe, give the lines in order: the current one (if set), the new one, the new one again.")
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                Signals.forbidCoreDumps()
                let store = try data.openStore()
                let console = TerminalConsole(environment: processEnvironment)
                try StaffGate(store: store, console: console).setPassphrase(language: language.language)
                print(language.lang == "en" ? "The staff passphrase is set." : "Personalens lösenfras är satt.")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove the staff passphrase (asks for it first).")
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                Signals.forbidCoreDumps()
                let store = try data.openExistingStore()
                let console = TerminalConsole(environment: processEnvironment)
                try StaffGate(store: store, console: console).removePassphrase(language: language.language)
                print(language.lang == "en" ? "The staff passphrase is removed." : "Personalens lösenfras är borttagen.")
            }
        }
    }
}

/// `kiosk audit`: what staff did, on which day.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: what staff did (exports, referrals closed, passphrase and form changes, discarded interviews), by day.")
    @OptionGroup var data: DataOptions
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let store = try openForStaff(data)
        let entries = try store.auditLog()
        print(json ? AuditReports.json(entries) : AuditReports.table(entries), terminator: "")
    }
}
