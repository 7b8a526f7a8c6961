import Foundation
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk forms edit ID --spreadsheet`: the form as an XLSForm workbook opened in LibreOffice Calc (or
/// `$KIOSK_SPREADSHEET`), read back when the program closes, and installed only when it converts to a
/// valid form — the same checks and the same installation as an edit of the YAML file.
public struct SpreadsheetEditSession {
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

    /// The spreadsheet program: `$KIOSK_SPREADSHEET`, else LibreOffice Calc when it is installed.
    public static func program(environment: [String: String]) -> String? {
        if let chosen = environment["KIOSK_SPREADSHEET"]?.trimmingCharacters(in: .whitespaces), !chosen.isEmpty { return chosen }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["soffice", "libreoffice"] where path.split(separator: ":").contains(where: { access("\($0)/\(name)", X_OK) == 0 }) {
            return "\(name) --calc --nologo"
        }
        return nil
    }

    /// Whether two lists of examples check the same things (where they are written does not count).
    static func sameChecks(_ a: [FormExample], _ b: [FormExample]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.name == y.name && x.answers == y.answers && x.expectedReferrals == y.expectedReferrals && x.expectedScores == y.expectedScores
                && x.expectedBands == y.expectedBands && x.expectedShown == y.expectedShown && x.expectedNotShown == y.expectedNotShown
        }
    }

    public func run() throws -> FormEditSession.Outcome {
        guard let program = Self.program(environment: environment) else {
            throw FormSpreadsheets.Problem("LibreOffice is not installed (Debian: apt-get install libreoffice-calc). Without it: 'kiosk forms export \(id) --format xlsform -o \(id).xlsx', edit that in any spreadsheet program, then 'kiosk forms import xlsform \(id).xlsx -o \(id).yaml' and 'kiosk forms edit \(id)'")
        }
        if let store { try StaffGate(store: store, console: console).require() }
        let catalog = try FormCatalog.load(from: formsDirectory)
        guard let file = catalog.files.first(where: { $0.loaded.questionnaire?.id == id }), let original = file.loaded.questionnaire else {
            _ = try catalog.form(id)
            return .unchanged
        }
        let stored = store.flatMap { try? $0.formVersions(formID: id) } ?? []
        let workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: workingDirectory) }
        let working = workingDirectory.appendingPathComponent("\(id).xlsx")
        try FormSpreadsheets.xlsform(original).write(to: working)
        console.write("Opening \(id) as a spreadsheet. Save it as .xlsx (Keep current format) and close the program when you are done.\n")
        console.write("The comments of \(file.displayPath) are not in the spreadsheet; the file as it is now is kept in history/ if the edit is installed.\n")
        var editor = environment
        editor["VISUAL"] = program
        while true {
            try ExternalEditor.edit(working.path, environment: editor)
            var problems: [String] = []
            var candidate: XLSFormImport.Result?
            do {
                candidate = try FormSpreadsheets.importXLSForm(working, language: original.languages.first ?? .swedish, allowFreeText: original.allowsFreeText)
            } catch {
                problems.append(error.localizedDescription)
            }
            if let candidate {
                if candidate.form.contentHash == original.contentHash && Self.sameChecks(candidate.form.examples, original.examples) {
                    console.write("No changes; the form is as it was.\n")
                    return .unchanged
                }
                for note in candidate.notes { console.write("\(note)\n") }
                let checked = FormEditing.check(candidate.yaml, file: file.displayPath, expectedID: id, stored: stored)
                if checked.isValid, let form = checked.questionnaire {
                    let history = FormEditing.historyDirectory(formsDirectory)
                    try FormEditing.install(candidate.yaml, at: file.url, previous: original, history: history, day: today())
                    try store?.audit(.formChanged, detail: "\(id) \(form.contentHash.prefix(12))", day: today())
                    console.write("Installed \(file.displayPath), version \(form.contentHash.prefix(12)). The previous file is kept in \(FormCatalog.displayPath(for: history))/.\n")
                    return .installed
                }
                problems += checked.diagnostics.errors.map { $0.message + ($0.fix.map { " — \($0)" } ?? "") }
            }
            for problem in problems { console.write("\(problem)\n") }
            console.write("The edited spreadsheet was not installed.\n")
            guard FormEditSession.wantsToReopen(console, fix: "fix it") else { return .discarded }
        }
    }
}
