import ArgumentParser
import Foundation
import KioskApp
import KioskCore

/// `kiosk support FORM`: the form's support lines as a leaflet for every participant.
struct SupportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support",
        abstract: "Print a form's support lines as a leaflet to hand to every participant.",
        discussion: """
            The same lines for everyone, whatever they answered: the support the form offers to all first,
            then every other support line it has. --lang picks the leaflet's language among the form's
            (ar, so, ti … when the form and the kiosk have them); html gives a page to print.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case txt, html }

    @Argument(help: "The form's id (see 'kiosk forms list').") var formID: String
    @OptionGroup var forms: FormsOptions
    @OptionGroup var language: LanguageOption
    @Option(help: "txt (plain text) or html (a page to print).") var format: Format = .txt
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' or none: standard output).", valueName: "file"))
    var output: String = "-"

    func run() throws {
        try speaking(language.language) {
            let form = try FormCatalog.form(formID, in: forms.directory)
            let leaflet = SupportLeaflet(form: form, language: language.language)
            let text = format == .html ? leaflet.html() : leaflet.text()
            let file = try ExportFile(path: output)
            try file.write(text)
            try file.finish()
        }
    }
}
