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
            abstract: "Export a summary: counts and shares per question and answer, split by gender, small counts suppressed.",
            discussion: "CSV is RFC 4180 in UTF-8, one line per table, row and gender; --excel writes the variant Swedish Excel opens directly. JSON follows the documented schema kiosk-summary version 2. HTML is one self-contained file that prints on A4.")
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
                let progress = ProgressLine(label: lang == .english ? "Counting" : "Räknar")
                let (report, store) = try makeSummary(formID, forms: forms, data: data, language: lang, summary: summary)
                progress.done()
                switch format {
                case "csv": try file.write(SummaryReports.csv(report, excel: excel))
                case "json": try file.write(SummaryReports.json(report))
                default: try file.write(SummaryHTML.render(report, day: Day.today()))
                }
                try file.finish()
                try store?.audit(.exportMade, detail: "summary \(formID) \(format)\(excel ? " excel" : "")", day: Day.today())
                if output != "-" {
                    let note = lang == .english ? "Wrote the summary to \(output).\n" : "Skrev sammanställningen till \(output).\n"
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
        @Option(help: ArgumentHelp("Every combination of breakdowns must have at least K interviews (at least 3).", valueName: "K"))
        var minCell: Int = Suppression.defaultMinimum
        @Option(help: ArgumentHelp("First day included (YYYY-MM-DD).", valueName: "day")) var from: String?
        @Option(help: ArgumentHelp("Last day included (YYYY-MM-DD).", valueName: "day")) var to: String?
        @OptionGroup var forms: FormsOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json, not '\(format)'") }
            guard minCell >= Suppression.lowestMinimum else { throw ValidationError("--min-cell must be at least \(Suppression.lowestMinimum)") }
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, Day(value) == nil { throw ValidationError("\(name) must be a day like 2026-01-31, not '\(value)'") }
            }
        }

        func run() throws {
            try speaking(language.language) {
                let english = language.language == .english
                let store = try openForStaff(data, language: language.language)
                let form = try SummarySource.form(formID, formsDirectory: forms.directory, store: store)
                let file = try ExportFile(path: output)
                let progress = ProgressLine(label: english ? "Exporting" : "Exporterar")
                let summary = try ResponseExport.write(
                    form: form, store: store, format: format, minimum: minCell, from: from.flatMap(Day.init), to: to.flatMap(Day.init),
                    to: file, progress: progress.update)
                try file.finish()
                progress.done()
                try store.audit(.exportMade, detail: "responses \(form.id) \(format)", day: Day.today())
                var note = english ? "Wrote \(summary.rows) rows" : "Skrev \(summary.rows) rader"
                if output != "-" { note += english ? " to \(output)" : " till \(output)" }
                note += (english ? "; breakdowns: gender" : "; uppdelning: kön") + summary.breakdowns.map { ", \($0)" }.joined()
                if summary.coarsened {
                    note += english ? " (coarsened so that every combination has at least \(minCell) interviews)"
                                    : " (grövre indelning, så att varje kombination har minst \(minCell) intervjuer)"
                }
                FileHandle.standardError.write(Data((note + ".\n").utf8))
            }
        }
    }
}

extension ExportCommand {
    struct BundleExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Write an aggregate bundle (counts only, no rows) for the coordinator to merge with other kiosks.",
            discussion: "The bundle holds counts by form version, gender, age band, site and month, and each form version's definition. It is not suppressed (that happens after merging with 'kiosk summary FORM-ID --merge'), so it is written readable by you only: move it like any confidential file.")
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "file")) var output: String
        @Option(name: .customLong("form"), help: ArgumentHelp("Only this form (may be repeated); all forms by default.", valueName: "id"))
        var formIDs: [String] = []
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() throws {
            try speaking(language.language) {
                let english = language.language == .english
                let store = try openForStaff(data, language: language.language)
                let bundle = try AggregateBundle.make(store: store, formIDs: formIDs.isEmpty ? nil : formIDs, day: Day.today())
                let file = try ExportFile(path: output)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                try file.write(String(decoding: try encoder.encode(bundle), as: UTF8.self) + "\n")
                try file.finish()
                try store.audit(.exportMade, detail: "bundle " + bundle.forms.map(\.formID).joined(separator: ","), day: Day.today())
                let interviews = bundle.forms.flatMap(\.groups).map { $0.counts.interviews.values.reduce(0, +) }.reduce(0, +)
                let note = english
                    ? "Wrote a bundle of \(counted(bundle.forms.count, "form")) and \(counted(interviews, "completed interview")) to \(output).\n"
                    : "Skrev ett paket med \(bundle.forms.count) formulär och \(interviews) genomförda intervjuer till \(output).\n"
                FileHandle.standardError.write(Data(note.utf8))
            }
        }
    }
}

