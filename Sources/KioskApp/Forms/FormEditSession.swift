import Foundation
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk forms edit ID`: a working copy opened in the editor, checked when the editor closes, installed
/// only when valid; with errors, reopened with the errors at the top or discarded.
public struct FormEditSession {
    /// How the edit ended.
    public enum Outcome: Equatable {
        case unchanged
        case installed
        case discarded
    }

    public let id: String
    public let formsDirectory: URL
    public let store: AnswerStore?
    public let console: any Console
    public let environment: [String: String]
    public let today: () -> Day

    public init(id: String, formsDirectory: URL, store: AnswerStore?, console: any Console,
                environment: [String: String], today: @escaping () -> Day = Day.today) {
        self.id = id
        self.formsDirectory = formsDirectory
        self.store = store
        self.console = console
        self.environment = environment
        self.today = today
    }

    /// Asks whether to reopen a refused edit; anything but "r" discards it (and says so).
    static func wantsToReopen(_ console: any Console, fix: String) -> Bool {
        guard case .line(let answer) = console.readLine(prompt: "Type r to reopen it and \(fix), or d to discard the changes: "),
              ["r", "reopen", "ö", "öppna"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            console.write("Discarded. The installed form is unchanged.\n")
            return false
        }
        return true
    }

    /// Runs the edit; every line of its report is written to the console.
    public func run() throws -> Outcome {
        if let store { try StaffGate(store: store, console: console).require() }
        let catalog = try FormCatalog.load(from: formsDirectory)
        guard let file = catalog.files.first(where: { $0.loaded.questionnaire?.id == id }) else {
            _ = try catalog.form(id)
            return .unchanged
        }
        let original = try String(contentsOf: file.url, encoding: .utf8)
        let stored = store.flatMap { try? $0.formVersions(formID: id) } ?? []
        let workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: workingDirectory) }
        let working = workingDirectory.appendingPathComponent(file.url.lastPathComponent)
        try original.write(to: working, atomically: true, encoding: .utf8)
        let history = FormEditing.historyDirectory(formsDirectory)
        while true {
            try ExternalEditor.edit(working.path, environment: environment)
            let edited = FormEditing.strippingErrorHeader(try String(contentsOf: working, encoding: .utf8))
            if edited == original {
                console.write("No changes; the form is as it was.\n")
                return .unchanged
            }
            let checked = FormEditing.check(edited, file: file.displayPath, expectedID: id, stored: stored)
            for diagnostic in checked.diagnostics { console.write("\(diagnostic)\n") }
            if checked.isValid, let form = checked.questionnaire {
                try FormEditing.install(edited, at: file.url, previous: file.loaded.questionnaire, history: history, day: today())
                try store?.audit(.formChanged, detail: "\(id) \(form.contentHash.prefix(12))", day: today())
                console.write("Installed \(file.displayPath), version \(form.contentHash.prefix(12)). The previous file is kept in \(FormCatalog.displayPath(for: history))/.\n")
                return .installed
            }
            let errorCount = checked.diagnostics.errors.count
            console.write("The edited form has \(counted(errorCount, "error")) and was not installed.\n")
            let fix = errorCount == 1 ? "fix it" : "fix them"
            guard Self.wantsToReopen(console, fix: fix) else { return .discarded }
            try FormEditing.withErrorHeader(edited, diagnostics: checked.diagnostics).write(to: working, atomically: true, encoding: .utf8)
        }
    }
}

/// Which files `kiosk forms validate` checks, and the check against stored versions.
public enum FormValidation {
    /// A path to check that does not exist.
    public struct MissingPath: Error, LocalizedError {
        public var path: String
        public var errorDescription: String? { "'\(path)' does not exist; give a form file (.yaml) or a folder of forms" }
    }

    /// The form files named by `paths` (files, or folders of forms); the forms directory when none.
    public static func files(for paths: [String], formsDirectory: URL) throws -> [FormFile] {
        guard !paths.isEmpty else { return try FormCatalog.load(from: formsDirectory).files }
        var files: [FormFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
            let url = URL(fileURLWithPath: path)
            files += isDirectory.boolValue ? try FormCatalog.load(from: url).files : [FormCatalog.read(url)]
        }
        return files
    }

    /// `files` checked, also against the versions stored in `dataDirectory` (when it has a database):
    /// the report, and whether every form is valid.
    public static func validate(_ files: [FormFile], dataDirectory: URL) -> (text: String, allValid: Bool) {
        var files = files
        if let store = try? AnswerStore.open(directory: dataDirectory, create: false) {
            for index in files.indices {
                guard let form = files[index].loaded.questionnaire else { continue }
                let stored = (try? store.formVersions(formID: form.id)) ?? []
                files[index].loaded.diagnostics += FormVersions.check(form, against: stored, file: files[index].displayPath)
            }
        }
        return FormReports.validation(files)
    }

    /// The language files beside the forms (`languages/*.yaml`) checked, and every language a form offers
    /// that the kiosk has no words for (it is then not offered to participants): the report, and whether
    /// every language file is valid.
    public static func validateLanguages(formsDirectory: URL, forms: [FormFile]) -> (text: String, allValid: Bool) {
        let languages = LanguageFiles.load(formsDirectory: formsDirectory)
        var out = ""
        var valid = true
        for file in languages.files where !file.isShipped || !file.loaded.errors.isEmpty {
            for diagnostic in file.loaded.diagnostics { out += "\(diagnostic)\n" }
            if file.loaded.errors.isEmpty, let pack = file.loaded.pack {
                let draft = pack.status == .draft ? " — a DRAFT: staff are told so when it is used, until a native speaker has reviewed it" : ""
                out += "\(file.displayPath): OK, \(pack.name) (\(pack.language)), \(pack.phrases.count) phrases\(draft)\n"
            } else {
                valid = false
                out += "\(file.displayPath): NOT USABLE, \(file.loaded.errors.count) error\(file.loaded.errors.count == 1 ? "" : "s")\n"
            }
        }
        let packs = languages.packs
        for file in forms {
            guard let form = file.loaded.questionnaire else { continue }
            // Where each language's wording comes from: a form is not shipped in a language without it.
            for language in form.languages where (form.source?.values[language] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                out += "\(file.displayPath): warning: the form is offered in '\(language)' but does not say where its wording in that language comes from; add '\(language): …' under 'source:' (a published translation, or who translated it and who reviewed it) before the form is used in that language\n"
            }
            for language in form.languages where packs[language] == nil {
                out += "\(file.displayPath): warning: the form is offered in '\(language)', but the kiosk has no words in that language, so it is not offered to participants; add languages/\(language).yaml (copy en.yaml and translate it)\n"
            }
        }
        return (out, valid)
    }
}
