import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk`: the screening kiosk. With no subcommand it starts an interview.
public struct Kiosk: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
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
            ExportCommand.self, NotAskedCommand.self, SupportCommand.self, SyncCommand.self, ServerCommand.self, PublicationCommand.self, PassphraseCommand.self, AuditCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: InterviewCommand.self
    )

    /// Options may come before the subcommand, a mistyped subcommand is named, and a command that may ask
    /// for the passphrase turns echo off before anything else.
    public static func main() {
        let given = Array(CommandLine.arguments.dropFirst())
        // A locked kiosk ignores Ctrl-C from its first instruction (the handlers come later).
        if given.contains("--locked") { Signals.ignoreKeyboardSignals() }
        let forms = FormCatalog.directory(option: CommandLineOrder.value(of: "--forms-dir", in: given),
                                          environment: processEnvironment)
        // The kiosk's own words: the shipped language files, and those in the forms folder's languages/.
        LanguageFiles.install(formsDirectory: forms)
        switch CommandLineOrder.read(given, isForm: { FormCatalog.hasFile(named: $0, in: forms) }) {
        case .unknownCommand(let word, let suggestion):
            FileHandle.standardError.write(Data("Error: '\(word)' is not a kiosk command; did you mean '\(suggestion)'? ('kiosk --help' lists them)\n".utf8))
            Foundation.exit(64)
        case .arguments(let arguments):
            // The central server's commands run in kiosk-server, those that read or write .xlsx files in
            // kiosk-spreadsheets (this process is replaced, the terminal untouched).
            let language = Language(rawValue: CommandLineOrder.value(of: "--lang", in: given) ?? "sv")
            CentralServerLink.handOverIfNeeded(arguments, language: language)
            SpreadsheetHandOver.handOverIfNeeded(arguments, language: language)
            if CommandLineOrder.mayAskForPassphrase(arguments) { TerminalInput.silenceUntilExit() }
            if let interview = InterviewCommand.parsedAlone(arguments) {
                do {
                    try interview.run()
                } catch {
                    exit(withError: error)
                }
                return
            }
            main(arguments)
        }
    }
}

/// Options every command that reads forms shares.
struct FormsOptions: ParsableArguments {
    static let help = ArgumentHelp("The folder with the form files.", valueName: "dir")
    @Option(name: .long, help: help)
    var formsDir: String?

    init() {}
    /// The options as given to a command that declares them itself (``InterviewCommand``).
    init(formsDir: String?) { self.formsDir = formsDir }

    var directory: URL {
        FormCatalog.directory(option: formsDir, environment: processEnvironment)
    }
}

/// The language option.
struct LanguageOption: ParsableArguments {
    static let help = ArgumentHelp("Language of the staff's screens and messages: sv, en or another language file's code.", valueName: "sv|en")
    @Option(name: .long, help: help)
    var lang: String = "sv"

    init() {}
    /// The option as given to a command that declares it itself (``InterviewCommand``).
    init(lang: String) { self.lang = lang }

    /// The chosen language (after ``validate()``: one the kiosk has a language file for).
    var language: Language { Language(rawValue: lang) }

    func validate() throws {
        let available = Phrasebook.installedPacks.languages.map(\.rawValue)
        guard !available.isEmpty else {
            throw ValidationError("the kiosk's language files (sv.yaml, en.yaml) were found neither beside the program nor in the forms folder's languages/; copy Questionnaires/languages from the kiosk's source into the forms folder, or run the kiosk with Scripts/kiosk")
        }
        guard available.contains(lang) else {
            throw ValidationError("--lang must be one of \(available.joined(separator: ", ")) (a language the kiosk has words for), not '\(Phrasebook.excerpt(lang))'")
        }
    }
}

/// Runs `body`, turning the kiosk's own errors into their plain sentence in `language`.
func speaking<T>(_ language: Language, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as KioskFailure {
        throw error
    } catch is CentralServerLink.Missing {
        throw KioskFailure(HelperProgram.server.missingMessage(in: language))
    } catch let error where error is StoreError || error is InterviewSession.StorageFailure || error is FormLookupError
        || error is FormsDirectoryError || error is StaffGate.Refusal || error is ReferralFollowUp.Refusal
        || error is PublicationSettings.Refusal || error is XLSXSupport.Missing {
        if case StaffGate.Refusal.hidden = error { throw ExitCode(1) }
        throw KioskFailure(PlainMessages.message(for: error, in: language) ?? error.localizedDescription)
    } catch let error where CentralServerLink.current?.message(for: error, in: language) != nil {
        throw KioskFailure(CentralServerLink.current?.message(for: error, in: language) ?? error.localizedDescription)
    }
}

/// An error whose message is already complete and plain; printed as `Error: message`.
public struct KioskFailure: Error, LocalizedError, CustomStringConvertible {
    public var message: String
    public var errorDescription: String? { message }
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}

/// The process's environment, read once (`ProcessInfo.environment` builds a new dictionary from the whole
/// environment on every call, and a start asks several times). The kiosk never changes its environment.
let processEnvironment: [String: String] = ProcessInfo.processInfo.environment
