import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore

/// `kiosk summary FORM-ID`: counts per question and answer, split by gender.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts per question and answer for completed interviews, split by gender.")

    @Argument(help: "The form to summarize.") var formID: String
    @OptionGroup var forms: FormsOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption
    @Flag(help: "Print JSON instead of tables.") var json = false

    func run() throws {
        let store = try openForStaff(data, language: Language(rawValue: language.lang))
        let form: Questionnaire
        if let current = try? FormCatalog.form(formID, in: forms.directory) {
            form = current
        } else if let stored = try store.latestFormVersion(formID: formID) {
            form = stored
        } else {
            _ = try FormCatalog.form(formID, in: forms.directory)
            throw KioskFailure("no interviews with the form '\(formID)' are stored yet")
        }
        let summary = try SummaryReports.summary(of: form, store: store, language: Language(rawValue: language.lang))
        print(json ? SummaryReports.json(summary) : SummaryReports.text(summary), terminator: "")
    }
}
