import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk forms …`: list, show and validate the form files.
struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "List, show and validate the screening forms.",
        subcommands: [List.self, Show.self, Validate.self, New.self, Edit.self, Preview.self, Diff.self, Versions.self, Import.self, FormExportCommand.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the forms: id, title, languages, questions, version, status.")
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let catalog = try FormCatalog.load(from: forms.directory)
            print(FormReports.list(catalog, language: language.language), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a whole form: questions, choices, scores and referral rules.")
        @Argument(help: "The form's id (see 'kiosk forms list').") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let catalog = try FormCatalog.load(from: forms.directory)
            guard let file = catalog.files.first(where: { $0.loaded.questionnaire?.id == id }),
                  let form = file.loaded.questionnaire else {
                _ = try catalog.form(id)
                return
            }
            print(FormReports.show(form, language: language.language), terminator: "")
            if !file.loaded.isValid {
                print("\nThis form has errors and cannot be used until they are fixed:")
                for diagnostic in file.loaded.diagnostics.errors { print("  \(diagnostic)") }
                throw ExitCode(1)
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check form files and run their examples.",
            discussion: "Exits 0 only when every form and every language file (languages/ in the forms directory) is valid. Without paths, checks the forms directory. When the data directory has stored interviews, also checks that no question id or choice code now means something else than in the versions they were given with.")
        @Argument(help: "Form files or folders to check.") var paths: [String] = []
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let files = try FormValidation.files(for: paths, formsDirectory: forms.directory)
            let report = FormValidation.validate(files, dataDirectory: data.directory)
            print(report.text, terminator: "")
            // The kiosk's own words: the language files beside the forms.
            let languages = FormValidation.validateLanguages(formsDirectory: forms.directory, forms: files)
            print(languages.text, terminator: "")
            if !report.allValid || !languages.allValid { throw ExitCode(1) }
        }
    }
}

extension FormsCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Write a commented starter form ID.yaml into the forms folder.")
        @Argument(help: "The new form's id (lowercase letters, digits, '-' and '_').") var id: String
        @OptionGroup var forms: FormsOptions

        func run() throws {
            let url = try FormEditing.create(id: id, in: forms.directory)
            print("Wrote \(FormCatalog.displayPath(for: url)). Edit it with 'kiosk forms edit \(id)'; 'kiosk forms validate' checks it.")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Edit a form in $VISUAL or $EDITOR; only a valid result is installed.",
            discussion: "You edit a working copy. When the editor closes, the copy is checked (the form's own rules, its examples, and the versions with stored answers). With errors you can open it again, with the errors listed at the top, or discard it. A valid copy replaces the form atomically, and the previous file is kept in history/. With --spreadsheet the form opens as an XLSForm workbook in LibreOffice Calc (or $KIOSK_SPREADSHEET) instead, and is checked and installed the same way.")
        @Argument(help: "The form's id.") var id: String
        @Flag(help: "Edit the form as a spreadsheet in LibreOffice Calc (or the program in $KIOSK_SPREADSHEET).") var spreadsheet = false
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let environment = processEnvironment
            if spreadsheet {
                let session = SpreadsheetEditSession(
                    id: id, formsDirectory: forms.directory, store: try? AnswerStore.open(directory: data.directory, create: false),
                    console: TerminalConsole(environment: environment), environment: environment)
                if try session.run() == .discarded { throw ExitCode(1) }
                return
            }
            let session = FormEditSession(
                id: id, formsDirectory: forms.directory, store: try? AnswerStore.open(directory: data.directory, create: false),
                console: TerminalConsole(environment: environment), environment: environment)
            if try session.run() == .discarded { throw ExitCode(1) }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "preview", abstract: "Run a form's interview in full without storing anything.")
        @Argument(help: "The form's id.") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption
        @OptionGroup var screen: ScreenOptions

        func run() throws {
            try speaking(language.language) {
                let form = try FormCatalog.form(id, in: forms.directory)
                let environment = processEnvironment
                let console = TerminalConsole(environment: environment, idleTimeout: screen.idleSeconds,
                                              accessible: screen.isAccessible(environment: environment))
                _ = try InterviewSession.preview(form, language: language.language, console: console).run()
            }
        }
    }

    struct Versions: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "versions", abstract: "List the known versions of a form: stored with interviews, in history, current.")
        @Argument(help: "The form's id.") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        @Flag(help: "Also say how many interviews each stored version has (asks for the staff passphrase).") var counts = false

        func run() throws {
            let store = try? AnswerStore.open(directory: data.directory, create: false)
            if counts, let store { try StaffGate(store: store, console: TerminalConsole(environment: processEnvironment)).require() }
            let showing = counts || (store.map { !StaffGate(store: $0, console: TerminalConsole(environment: [:])).isSet } ?? true)
            let versions = FormEditing.knownVersions(of: id, forms: forms.directory, store: store, showingCounts: showing)
            guard !versions.isEmpty else { throw KioskFailure("no version of a form '\(id)' is known here") }
            for version in versions { print("\(version.form.contentHash.prefix(12))  \(version.origin)") }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Say in words what changed between two versions of a form.",
            discussion: "Versions are named by the start of their hash (see 'kiosk forms versions ID'). By default: from the version before the current file, to the current file.")
        @Argument(help: "The form's id.") var id: String
        @Option(help: ArgumentHelp("The older version (hash prefix).", valueName: "hash")) var from: String?
        @Option(help: ArgumentHelp("The newer version (hash prefix).", valueName: "hash")) var to: String?
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let store = try? AnswerStore.open(directory: data.directory, create: false)
            let versions = FormEditing.knownVersions(of: id, forms: forms.directory, store: store)
            func pick(_ prefix: String) throws -> (form: Questionnaire, origin: String) {
                let matches = versions.filter { $0.form.contentHash.hasPrefix(prefix.lowercased()) }
                guard prefix.count >= 4, matches.count == 1 else {
                    let list = versions.map { "  \($0.form.contentHash.prefix(12))  \($0.origin)" }.joined(separator: "\n")
                    throw KioskFailure("'\(prefix)' does not name one version of '\(id)' (give at least 4 characters); the versions are:\n\(list)")
                }
                return matches[0]
            }
            guard let last = versions.last else { throw KioskFailure("no version of a form '\(id)' is known here") }
            let newer = try to.map(pick) ?? last
            guard let older = try from.map(pick) ?? versions.last(where: { $0.form.contentHash != newer.form.contentHash }) else {
                print("Only one version of '\(id)' is known: \(newer.form.contentHash.prefix(12)) (\(newer.origin)).")
                return
            }
            print("From \(older.form.contentHash.prefix(12)) (\(older.origin))")
            print("to   \(newer.form.contentHash.prefix(12)) (\(newer.origin)):")
            let lines = FormVersions.describeChanges(from: older.form, to: newer.form)
            print(lines.isEmpty ? "  no differences in content" : lines.map { "  - " + $0 }.joined(separator: "\n"))
        }
    }
}

extension FormsCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Convert a form from another system.", subcommands: [RedcapImport.self, XLSFormImportCommand.self])
    }
}
