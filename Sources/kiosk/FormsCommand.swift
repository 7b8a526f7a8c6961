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
        subcommands: [List.self, Show.self, Validate.self, New.self, Edit.self, Preview.self, Diff.self, Versions.self, Import.self]
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
            discussion: "Exits 0 only when every form is valid. Without paths, checks the forms directory. When the data directory has stored interviews, also checks that no question id or choice code now means something else than in the versions they were given with.")
        @Argument(help: "Form files or folders to check.") var paths: [String] = []
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            var files: [FormFile] = []
            if paths.isEmpty {
                files = try FormCatalog.load(from: forms.directory).files
            } else {
                for path in paths {
                    let url = URL(fileURLWithPath: path)
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                        throw KioskFailure("'\(path)' does not exist; give a form file (.yaml) or a folder of forms")
                    }
                    if isDirectory.boolValue {
                        files += try FormCatalog.load(from: url).files
                    } else {
                        files.append(FormCatalog.read(url))
                    }
                }
            }
            if let store = try? AnswerStore.open(directory: data.directory, create: false) {
                for index in files.indices {
                    guard let form = files[index].loaded.questionnaire else { continue }
                    let stored = (try? store.formVersions(formID: form.id)) ?? []
                    files[index].loaded.diagnostics += FormVersions.check(form, against: stored, file: files[index].displayPath)
                }
            }
            let report = FormReports.validation(files)
            print(report.text, terminator: "")
            if !report.allValid { throw ExitCode(1) }
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
            discussion: "You edit a working copy. When the editor closes, the copy is checked (the form's own rules, its examples, and the versions with stored answers). With errors you can open it again, with the errors listed at the top, or discard it. A valid copy replaces the form atomically, and the previous file is kept in history/.")
        @Argument(help: "The form's id.") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let console = TerminalConsole(environment: environment)
            let store = try? AnswerStore.open(directory: data.directory, create: false)
            if let store { try StaffGate(store: store, console: console).require() }
            let catalog = try FormCatalog.load(from: forms.directory)
            guard let file = catalog.files.first(where: { $0.loaded.questionnaire?.id == id }) else {
                _ = try catalog.form(id)
                return
            }
            let original = try String(contentsOf: file.url, encoding: .utf8)
            let stored = store.flatMap { try? $0.formVersions(formID: id) } ?? []
            let workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-edit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: workingDirectory) }
            let working = workingDirectory.appendingPathComponent(file.url.lastPathComponent)
            try original.write(to: working, atomically: true, encoding: .utf8)
            while true {
                try ExternalEditor.edit(working.path, environment: environment)
                let edited = FormEditing.strippingErrorHeader(try String(contentsOf: working, encoding: .utf8))
                if edited == original {
                    print("No changes; the form is as it was.")
                    return
                }
                let checked = FormEditing.check(edited, file: file.displayPath, expectedID: id, stored: stored)
                for diagnostic in checked.diagnostics { print(diagnostic) }
                if checked.isValid, let form = checked.questionnaire {
                    try FormEditing.install(edited, at: file.url, previous: file.loaded.questionnaire,
                                            history: FormEditing.historyDirectory(forms.directory), day: Day.today())
                    try store?.audit(.formChanged, detail: "\(id) \(form.contentHash.prefix(12))", day: Day.today())
                    print("Installed \(file.displayPath), version \(form.contentHash.prefix(12)). The previous file is kept in \(FormCatalog.displayPath(for: FormEditing.historyDirectory(forms.directory)))/.")
                    return
                }
                let errorCount = checked.diagnostics.errors.count
                print("The edited form has \(counted(errorCount, "error")) and was not installed.")
                let fix = errorCount == 1 ? "fix it" : "fix them"
                guard case .line(let answer) = console.readLine(prompt: "Type r to reopen it and \(fix), or d to discard the changes: "),
                      ["r", "reopen", "ö", "öppna"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    print("Discarded. The installed form is unchanged.")
                    throw ExitCode(1)
                }
                try FormEditing.withErrorHeader(edited, diagnostics: checked.diagnostics).write(to: working, atomically: true, encoding: .utf8)
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "preview", abstract: "Run a form's interview in full without storing anything.")
        @Argument(help: "The form's id.") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            let form = try FormCatalog.form(id, in: forms.directory)
            let lang = language.language
            let console = TerminalConsole(environment: ProcessInfo.processInfo.environment)
            let session = InterviewSession(form: form, language: lang, site: nil, console: console, recorder: PreviewRecorder(), today: Day.today)
            session.banner = lang == .english ? "PREVIEW — nothing is saved" : "FÖRHANDSVISNING — inget sparas"
            do {
                _ = try session.run()
            } catch {
                throw KioskFailure("\(error.underlying.localizedDescription)")
            }
        }
    }

    struct Versions: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "versions", abstract: "List the known versions of a form: stored with interviews, in history, current.")
        @Argument(help: "The form's id.") var id: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions

        func run() throws {
            let store = try? AnswerStore.open(directory: data.directory, create: false)
            let versions = FormEditing.knownVersions(of: id, forms: forms.directory, store: store)
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
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Convert a form from another system.", subcommands: [RedcapImport.self])
    }
}
