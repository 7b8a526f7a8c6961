import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore

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
    let options = summary.options
    if !summary.merge.isEmpty {
        let bundles = try summary.merge.map { (name: $0, bundle: try AggregateBundle.read(URL(fileURLWithPath: $0))) }
        let form: Questionnaire
        if let current = try? FormCatalog.form(formID, in: forms.directory) {
            form = current
        } else if let newest = bundles.flatMap({ $0.bundle.forms.filter { $0.formID == formID } }).flatMap(\.versions).last,
                  let definition = try? Questionnaire.fromCanonicalDefinition(Data(newest.definition.utf8)) {
            form = definition
        } else {
            throw KioskFailure("none of the bundles has the form '\(formID)'")
        }
        let (counts, versions) = try AggregateBundle.mergeWithVersions(bundles, form: form, options: options)
        return (SummaryReport(form: form, language: language, options: options, counts: counts, formerVersions: versions), nil)
    }
    let store = try openForStaff(data, language: language)
    let form = try formToSummarize(formID, forms: forms, store: store)
    return (try SummaryReports.summary(of: form, store: store, language: language, options: options), store)
}

/// The form to summarize: the current file, else the newest version stored.
func formToSummarize(_ formID: String, forms: FormsOptions, store: AnswerStore) throws -> Questionnaire {
    if let current = try? FormCatalog.form(formID, in: forms.directory) { return current }
    if let stored = try store.latestFormVersion(formID: formID) { return stored }
    _ = try FormCatalog.form(formID, in: forms.directory)
    throw KioskFailure("no interviews with the form '\(formID)' are stored yet")
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
        let (report, _) = try makeSummary(formID, forms: forms, data: data, language: language.language, summary: summary)
        let width = TerminalWidth.current
        print(json ? SummaryReports.json(report) : SummaryReports.text(report, width: width), terminator: "")
    }
}

/// The width of the terminal on standard output (100 when it is not one).
enum TerminalWidth {
    static var current: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return 100 }
        return Int(size.ws_col)
    }
}
