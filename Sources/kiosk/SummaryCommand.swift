import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// What every summary and export command shares: the form, filters, splits and the minimum cell count.
struct SummaryOptionsGroup: ParsableArguments {
    @Option(name: .customLong("by"), parsing: .upToNextOption,
            help: ArgumentHelp("Also split by: age-band, site, month, quarter or year (gender is always split).", valueName: "dimension"))
    var groupBy: [String] = []
    @Option(help: ArgumentHelp("First day included (YYYY-MM-DD).", valueName: "day")) var from: String?
    @Option(help: ArgumentHelp("Last day included (YYYY-MM-DD).", valueName: "day")) var to: String?
    @Option(help: ArgumentHelp("Smallest count published; smaller ones show as <K (at least 3).", valueName: "K"))
    var minCell: Int = Suppression.defaultMinimum
    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Summarize these bundles (from 'kiosk export bundle') merged, instead of this kiosk's data.", valueName: "file"))
    var merge: [String] = []

    func validate() throws {
        for name in groupBy where SummaryDimension(name) == nil {
            throw ValidationError("--by \(name): split by age-band, site, month, quarter or year")
        }
        if Set(groupBy.compactMap(SummaryDimension.init)).count != groupBy.count {
            throw ValidationError("--by names a split twice")
        }
        let periods = groupBy.compactMap(SummaryDimension.init).filter { if case .period = $0 { return true } else { return false } }
        if periods.count > 1 { throw ValidationError("--by takes one of month, quarter and year") }
        guard minCell >= Suppression.lowestMinimum else {
            throw ValidationError("--min-cell must be at least \(Suppression.lowestMinimum): smaller counts could point out a person")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Day(value) == nil { throw ValidationError("\(name) must be a day like 2026-01-31, not '\(value)'") }
        }
        if let from = from.flatMap(Day.init), let to = to.flatMap(Day.init), to < from {
            throw ValidationError("--to (\(to)) is before --from (\(from))")
        }
    }

    var options: SummaryOptions {
        SummaryOptions(groupBy: groupBy.compactMap(SummaryDimension.init), from: from.flatMap(Day.init), to: to.flatMap(Day.init),
                       minimumCell: minCell)
    }
}

/// Builds the summary: from the store, or from merged bundles with `--merge`.
/// Also returns the store it read, when it read one (for the audit line of an export).
func makeSummary(_ formID: String, forms: FormsOptions, data: DataOptions, language: Language,
                 summary: SummaryOptionsGroup) throws -> (report: SummaryReport, store: AnswerStore?) {
    if !summary.merge.isEmpty {
        return (try SummarySource.merged(formID, bundles: summary.merge, formsDirectory: forms.directory, language: language,
                                         options: summary.options), nil)
    }
    let store = try openForStaff(data, language: language)
    let form = try SummarySource.form(formID, formsDirectory: forms.directory, store: store)
    return (try SummaryReports.summary(of: form, store: store, language: language, options: summary.options), store)
}

/// `kiosk summary FORM-ID`: counts per question and answer, split by gender, small counts suppressed.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts and shares per question and answer for completed interviews, split by gender, small counts suppressed.")

    @Argument(help: "The form to summarize.") var formID: String
    @OptionGroup var forms: FormsOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption
    @OptionGroup var summary: SummaryOptionsGroup
    @Flag(help: "Print JSON instead of tables.") var json = false

    func run() throws {
        try speaking(language.language) {
            let (report, _) = try makeSummary(formID, forms: forms, data: data, language: language.language, summary: summary)
            let width = Screen.reportWidth
            print(json ? SummaryReports.json(report) : SummaryReports.text(report, width: width), terminator: "")
        }
    }
}

