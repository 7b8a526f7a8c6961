import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore

/// `kiosk not-asked FORM-ID --reason R --gender G`: record that the questions were not asked.
struct NotAskedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "not-asked",
        abstract: "Record that a form's questions were not asked, why, and the participant's gender (no answers).",
        discussion: "Reasons: companion (a partner, relative or other companion was in the room), no-interpreter, declined-to-start (the participant did not want to), other. Gender: kvinna, man, annan or declined. Summaries show asked and not asked by gender. The same can be done at the start screen of an interview with #.")
    @Argument(help: "The form whose questions were not asked.") var formID: String
    @Option(help: ArgumentHelp("Why: companion, no-interpreter, declined-to-start or other.", valueName: "reason")) var reason: String
    @Option(help: ArgumentHelp("The participant's gender: kvinna, man, annan or declined.", valueName: "gender")) var gender: String
    @Option(help: ArgumentHelp("A label for where it happened (not a person).", valueName: "name")) var site: String?
    @OptionGroup var forms: FormsOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    var coverage: Coverage? { Coverage(rawValue: reason.replacingOccurrences(of: "-", with: "_")) }

    func validate() throws {
        guard let coverage, Coverage.reasons.contains(coverage) else {
            throw ValidationError("--reason must be companion, no-interpreter, declined-to-start or other, not '\(reason)'")
        }
        guard (Breakdown.genderCodes + [Answer.declinedCode]).contains(gender) else {
            throw ValidationError("--gender must be kvinna, man, annan or declined, not '\(gender)'")
        }
    }

    func run() throws {
        try speaking(language.language) {
            let form = try FormCatalog.form(formID, in: forms.directory)
            let store = try data.openStore()
            try store.recordNotAsked(formID: form.id, reason: coverage!, gender: gender, site: site, day: Day.today())
            print(Phrasebook(language.language).notAskedRecorded)
        }
    }
}
