import ArgumentParser
import Foundation
import KioskApp
import KioskCore

/// `kiosk forms import redcap DICTIONARY.csv`: a REDCap data dictionary as a kiosk form.
struct RedcapImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redcap",
        abstract: "Convert a REDCap data dictionary (CSV) into a form file.",
        discussion: """
            radio/dropdown → single choice, checkbox → multiple choice, yesno/truefalse → yes/no, \
            text with integer/number validation → number, slider → scale, descriptive → info, \
            calc sums → scores, branching logic → show_if. Identifier fields, the record id, dates, \
            e-mail and phone fields are dropped; free text only with --allow-free-text. Everything \
            that cannot be converted is listed with its line. The result is validated before it is written.
            """)
    @Argument(help: "The data dictionary (CSV exported from REDCap).") var dictionary: String
    @Option(help: ArgumentHelp("The REDCap form (instrument) to convert, when the dictionary has several.", valueName: "name"))
    var form: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the form ('-' for standard output); default: the forms folder, named by the form id.", valueName: "file"))
    var output: String?
    @Flag(help: "Keep text and notes fields as free-text questions (never exported).") var allowFreeText = false
    @OptionGroup var forms: FormsOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: dictionary)) } catch {
            throw KioskFailure("'\(dictionary)' cannot be read: \(error.localizedDescription)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let importer = RedcapImporter(language: language.language, allowFreeText: allowFreeText)
        let result = try importer.convert(text, formName: form, source: URL(fileURLWithPath: dictionary).lastPathComponent)
        for note in result.notes { FileHandle.standardError.write(Data("\(dictionary): \(note)\n".utf8)) }
        try FormFileOutput.write(result.yaml, form: result.form, notes: result.notes.count, to: output, forms: forms.directory)
    }
}
