import ArgumentParser
import Foundation
import KioskApp
import KioskCore

/// `kiosk`: the screening kiosk. With no subcommand it starts an interview.
@main
struct Kiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Screening kiosk for samordningsförbund: structured screening forms, anonymized answers.",
        discussion: """
            With no subcommand, 'kiosk' starts an interview and lets you choose the form from a menu.
            Forms are read from --forms-dir, else $KIOSK_FORMS_DIR, else ./Questionnaires.
            Answers are stored in --data-dir, else $KIOSK_DATA_DIR, else ~/.local/share/kiosk.
            """,
        version: KioskRelease.version,
        subcommands: [
            InterviewCommand.self, FormsCommand.self, ReferralsCommand.self, SummaryCommand.self,
            ExportCommand.self, PassphraseCommand.self, AuditCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: InterviewCommand.self
    )
}

/// Options every command that reads forms shares.
struct FormsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder with the form files.", valueName: "dir"))
    var formsDir: String?

    var directory: URL {
        FormCatalog.directory(option: formsDir, environment: ProcessInfo.processInfo.environment)
    }
}

/// The language option.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Language of the screens: sv or en.", valueName: "sv|en"))
    var lang: String = "sv"

    /// The chosen language (after ``validate()``: Swedish or English).
    var language: Language { Language(rawValue: lang) }

    func validate() throws {
        guard ["sv", "en"].contains(lang) else {
            throw ValidationError("--lang must be sv (svenska) or en (English), not '\(lang)'")
        }
    }
}

/// An error whose message is already complete and plain; printed as `Error: message`.
struct KioskFailure: Error, LocalizedError, CustomStringConvertible {
    var message: String
    var errorDescription: String? { message }
    var description: String { message }
    init(_ message: String) { self.message = message }
}
