import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// `kiosk export …`: summaries, anonymized rows and aggregate bundles, to files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export anonymized summaries (CSV, JSON, HTML) for reports and boards.",
        subcommands: [Summary.self, Responses.self, BundleExport.self])

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Export a summary: counts and shares per question and answer, split by gender, every count perturbed.",
            discussion: "Every count is perturbed by the cell key method (parts need not add up). CSV is RFC 4180 in UTF-8, one line per table, row and gender; --excel writes the variant Swedish Excel opens directly. JSON follows the documented schema kiosk-summary version 3. HTML is one self-contained file that prints on A4. Each export is noted in the release log.")
        @Argument(help: "The form to summarize.") var formID: String
        @Option(help: ArgumentHelp("csv, json or html.", valueName: "format")) var format: String
        @Flag(help: "CSV for Swedish Excel: byte-order mark, ';' between fields, decimal comma.") var excel = false
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' for standard output).", valueName: "file")) var output: String
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption
        @OptionGroup var summary: SummaryOptionsGroup

        func validate() throws {
            guard ["csv", "json", "html"].contains(format) else { throw ValidationError("--format must be csv, json or html, not '\(format)'") }
            if excel && format != "csv" { throw ValidationError("--excel only applies to --format csv") }
        }

        func run() throws {
            try speaking(language.language) {
                let lang = language.language
                let file = try ExportFile(path: output)
                let progress = ProgressLine(label: Phrasebook(language.language).text("export_cmd.counting"))
                let (report, _) = try makeSummary(formID, forms: forms, data: data, language: lang, summary: summary,
                                                  audit: "summary \(formID) \(format)\(excel ? " excel" : "")")
                progress.done()
                switch format {
                case "csv": try file.write(SummaryReports.csv(report, excel: excel))
                case "json": try file.write(SummaryReports.json(report))
                default: try file.write(SummaryHTML.render(report, day: Day.today()))
                }
                try file.finish()
                if output != "-" {
                    let note = (Phrasebook(language.language).text("export_cmd.wrote_summary", ["output": "\(output)"]) + "\n")
                    FileHandle.standardError.write(Data(note.utf8))
                }
            }
        }
    }
}

extension ExportCommand {
    struct Responses: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "responses",
            abstract: "Export one anonymized row per completed interview: coarse breakdowns and answer codes.",
            discussion: "Row ids and the order of rows are new random ones in every export, so two exports cannot be linked. If some combination of gender, age band, site and quarter has fewer than K interviews, the breakdowns are coarsened (site dropped, then quarter to year, then period, then age band); if even gender alone is too fine, the export is refused. Free text is never exported.")
        @Argument(help: "The form to export.") var formID: String
        @Option(help: ArgumentHelp("csv or json.", valueName: "format")) var format: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' for standard output).", valueName: "file")) var output: String
        @OptionGroup var summary: SummaryOptionsGroup
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json, not '\(format)'") }
            guard summary.groupBy.isEmpty, summary.merge.isEmpty else {
                throw ValidationError("a row export has its own breakdowns (gender, age band, site, quarter); --by and --merge are for summaries")
            }
        }

        func run() throws {
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                let form = try SummarySource.form(formID, formsDirectory: forms.directory, store: store)
                let file = try ExportFile(path: output)
                let progress = ProgressLine(label: Phrasebook(language.language).text("export_cmd.exporting"))
                let options = summary.options
                let written = try ResponseExport.write(
                    form: form, store: store, format: format, minimum: options.minimumCell, from: options.from, to: options.to,
                    to: file, language: language.language, day: Day.today(), progress: progress.update)
                try file.finish()
                progress.done()
                FileHandle.standardError.write(Data((ResponseExport.note(written, output: output, minimum: options.minimumCell,
                                                                         language: language.language) + "\n").utf8))
            }
        }
    }
}

extension ExportCommand {
    struct BundleExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Write an aggregate bundle (counts only, no rows) for the coordinator to merge with other kiosks.",
            discussion: "The bundle holds counts by form version, gender, age band, site and month, with their cell keys, and each form version's definition. They are not perturbed yet (that happens after merging with 'kiosk summary FORM-ID --merge'), so the bundle is sealed with a bundle passphrase the kiosks and the coordinator share, and written readable by you only. From a pipe, the passphrase is the next two lines.")
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "file")) var output: String
        @Option(name: .customLong("form"), help: ArgumentHelp("Only this form (may be repeated); all forms by default.", valueName: "id"))
        var formIDs: [String] = []
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let store = try openForStaff(data, language: language.language)
                let console = TerminalConsole(environment: processEnvironment)
                let written = try BundleWriting.write(store: store, formIDs: formIDs.isEmpty ? nil : formIDs, to: output,
                                                      console: console, language: language.language, day: Day.today())
                let bundle = written.bundle
                let interviews = written.interviews
                let note = Phrasebook(language.language).text("export_cmd.wrote_bundle", [
                    "forms": String(bundle.forms.count), "interviews": String(interviews), "output": output]) + "\n"
                FileHandle.standardError.write(Data(note.utf8))
            }
        }
    }
}

