import ArgumentParser
import Foundation
import KioskApp
import KioskCore

/// `kiosk forms import xlsform FILE`: an XLSForm (.xlsx, or pyxform's .csv / .md text forms) as a kiosk form.
struct XLSFormImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsform",
        abstract: "Convert an XLSForm spreadsheet (.xlsx, .csv or .md) into a form file.",
        discussion: """
            select_one/select_multiple → single/multiple choice (a list of only yes and no → yes/no), \
            integer/decimal → number, range → scale, note → info, calculate sums → scores, relevant → show_if, \
            label::LANG and hint::LANG → the form's languages, groups → the stem of their questions. \
            Questions that could identify a person (names, dates, phone numbers, places, pictures, sound) \
            are dropped; text only with --allow-free-text. Every row that cannot be converted is listed as \
            sheet!row. The result is validated before it is written.
            """)
    @Argument(help: "The XLSForm file.") var file: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the form ('-' for standard output); default: the forms folder, named by the form id.", valueName: "file"))
    var output: String?
    @Flag(help: "Keep text questions as free-text questions (never exported).") var allowFreeText = false
    @OptionGroup var forms: FormsOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let result = try FormSpreadsheets.importXLSForm(url, language: language.language, allowFreeText: allowFreeText)
        for note in result.notes { FileHandle.standardError.write(Data("\(url.lastPathComponent): \(note)\n".utf8)) }
        try FormFileOutput.write(result.yaml, form: result.form, notes: result.notes.count, to: output, forms: forms.directory)
    }
}

/// Writes an imported form where asked, or into the forms folder; never over an existing file.
enum FormFileOutput {
    /// A regular file is there (a device such as /dev/null, or '-', may be written to).
    static func isExistingFile(_ path: String) -> Bool {
        guard path != "-", let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else { return false }
        return type == .typeRegular || type == .typeDirectory
    }

    static func write(_ yaml: String, form: Questionnaire, notes: Int, to output: String?, forms: URL) throws {
        let target = output ?? forms.appendingPathComponent("\(form.id).yaml").path
        if target == "-" {
            print(yaml, terminator: "")
            return
        }
        guard !FormFileOutput.isExistingFile(target) else {
            throw KioskFailure("\(target) already exists; choose another file with -o, or move the old one away")
        }
        let file = try ExportFile(path: target)
        try file.write(yaml)
        try file.finish()
        FileHandle.standardError.write(Data("Wrote \(target): \(counted(form.questions.filter(\.takesAnswer).count, "question")), \(counted(notes, "note")) above. It validates; check the wording, then try it with 'kiosk forms preview \(form.id)'.\n".utf8))
    }
}

/// `kiosk forms export ID --format xlsform|redcap -o FILE`.
struct FormExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a form as a spreadsheet: XLSForm (.xlsx) or a REDCap data dictionary (.csv).",
        discussion: """
            xlsform: every language, condition, score, band, referral rule, support line and example, in sheets \
            that Excel and LibreOffice open; 'kiosk forms import xlsform' reads it back to the same form. \
            redcap: one language (--lang), questions, conditions and scores; REDCap has no place for referral \
            rules, bands or support lines (the command says what is left out).
            """)
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsform, redcap
    }

    @Argument(help: "The form's id (see 'kiosk forms list').") var id: String
    @Option(help: "xlsform or redcap.") var format: Format
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' for standard output).", valueName: "file")) var output: String
    @OptionGroup var forms: FormsOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let form = try FormCatalog.form(id, in: forms.directory)
        if FormFileOutput.isExistingFile(output) {
            throw KioskFailure("\(output) already exists; choose another file with -o, or move the old one away")
        }
        let file = try ExportFile(path: output)
        switch format {
        case .xlsform:
            if output != "-" && !output.lowercased().hasSuffix(".xlsx") {
                file.abandon()
                throw KioskFailure("an XLSForm is written as .xlsx; name the file like \(id).xlsx")
            }
            try file.write(try FormSpreadsheets.xlsform(form))
        case .redcap:
            try file.write(FormSpreadsheets.redcapDictionary(form, language: language.language))
            for line in RedcapExport.omissions(for: form) { FileHandle.standardError.write(Data("Note: \(line).\n".utf8)) }
        }
        try file.finish()
        if output != "-" {
            FileHandle.standardError.write(Data("Wrote \(output) (\(format.rawValue), version \(form.contentHash.prefix(12))).\n".utf8))
        }
    }
}

/// The commands that read or write an `.xlsx` file, which kiosk-spreadsheets runs (see ``XLSXWorkbooks``).
enum SpreadsheetHandOver {
    /// `forms import xlsform FILE.xlsx`, `forms export ID --format xlsform` and `forms edit ID --spreadsheet`.
    /// Generous on purpose: a command handed over that did not need it runs the same in kiosk-spreadsheets,
    /// while one kept that needed it would stop with a message. CSV and markdown forms stay in the kiosk.
    static func needsSpreadsheets(_ arguments: [String]) -> Bool {
        guard arguments.count > 1, arguments[0] == "forms" else { return false }
        switch arguments[1] {
        case "import": return arguments.contains { $0.lowercased().hasSuffix(".xlsx") }
        case "export": return arguments.contains { $0 == "xlsform" || $0 == "--format=xlsform" }
        case "edit": return arguments.contains("--spreadsheet")
        default: return false
        }
    }

    /// In a program without the `.xlsx` implementation, a command that needs it replaces this process with
    /// kiosk-spreadsheets and the same arguments. Returns only when there is nothing to hand over.
    static func handOverIfNeeded(_ arguments: [String], language: Language) {
        guard XLSXSupport.current == nil, needsSpreadsheets(arguments) else { return }
        HelperProgram.spreadsheets.handOver(language: language)
    }
}
