import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTerminal

/// What every summary and export command shares: the form, the whole months covered, splits and K.
struct SummaryOptionsGroup: ParsableArguments {
    @Option(name: .customLong("by"), parsing: .upToNextOption,
            help: ArgumentHelp("Also split by one of age-band, site and organisation, and one of month, quarter and year (gender is always split).", valueName: "dimension"))
    var groupBy: [String] = []
    @Option(help: ArgumentHelp("First month included (YYYY-MM).", valueName: "month")) var from: String?
    @Option(help: ArgumentHelp("Last month included (YYYY-MM).", valueName: "month")) var to: String?
    @Option(help: ArgumentHelp("A whole period instead of --from/--to: a year (2026), a quarter (2026-Q3) or a month (2026-11).", valueName: "period"))
    var period: String?
    @Option(help: ArgumentHelp("Sections with fewer interviews show nothing, and two publications must differ by at least this many (at least 3).", valueName: "K"))
    var minCell: Int = Publication.defaultMinimum
    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Summarize these sealed bundles (from 'kiosk export bundle') merged, instead of this kiosk's data.", valueName: "file"))
    var merge: [String] = []
    @Option(help: ArgumentHelp("Count on the central server instead (a report user's address: postgres://user@host/db).", valueName: "url"))
    var server: String?
    @Option(help: ArgumentHelp("With --server: the file holding the report user's password (readable by you only).", valueName: "file"))
    var passwordFile: String?

    func validate() throws {
        let dimensions = groupBy.compactMap(SummaryDimension.init)
        for name in groupBy where SummaryDimension(name) == nil {
            throw ValidationError("--by \(name): split by age-band, site, organisation or language, and by month, quarter or year")
        }
        guard SummaryDimension.isInCatalogue(dimensions) else {
            throw ValidationError("--by takes at most one of age-band, site, organisation and language, and at most one of month, quarter and year (a fixed set of splits, so that figures cannot be cut ever finer)")
        }
        if dimensions.contains(.language) && (server != nil || !merge.isEmpty) {
            throw ValidationError("--by language works on this kiosk's own interviews only: bundles and the central server do not keep the language an interview was answered in")
        }
        if server != nil && !merge.isEmpty {
            throw ValidationError("--server and --merge cannot be used together: import bundles into the server with 'kiosk server import'")
        }
        guard minCell >= Publication.lowestMinimum else {
            throw ValidationError("--min-cell must be at least \(Publication.lowestMinimum): smaller groups could point out a person")
        }
        _ = try months()
    }

    /// The first and last month covered.
    func months() throws -> (from: Month?, to: Month?) {
        if let period {
            guard from == nil && to == nil else { throw ValidationError("--period replaces --from and --to: give one or the other") }
            guard let range = PeriodName.months(period) else {
                throw ValidationError("--period must be a year (2026), a quarter (2026-Q3) or a month (2026-11), not '\(period)'")
            }
            return (range.first, range.last)
        }
        func month(_ name: String, _ value: String?) throws -> Month? {
            guard let value else { return nil }
            if let month = Month(value) { return month }
            if Day(value) != nil {
                throw ValidationError("\(name) takes a whole month, like \(value.prefix(7)): summaries cover whole months, so that two of them never differ by a few days' interviews")
            }
            throw ValidationError("\(name) must be a month like 2026-01, not '\(value)'")
        }
        let first = try month("--from", from), last = try month("--to", to)
        if let first, let last, last < first { throw ValidationError("--to (\(last)) is before --from (\(first))") }
        return (first, last)
    }

    var options: SummaryOptions {
        let range: (from: Month?, to: Month?) = (try? months()) ?? (nil, nil)
        return SummaryOptions(groupBy: groupBy.compactMap(SummaryDimension.init), from: range.from, to: range.to, minimumCell: minCell)
    }
}

/// Builds the summary, checked against the release log and noted there: from the store, or from merged
/// bundles with `--merge`. Also returns the store it used.
func makeSummary(_ formID: String, forms: FormsOptions, data: DataOptions, language: Language,
                 summary: SummaryOptionsGroup, kind: String = "summary", audit: String? = nil) throws -> (report: SummaryReport, store: AnswerStore?) {
    let publishing = (kind: kind, day: Day.today(), audit: audit)
    if let url = summary.server {
        // Counted on the server (its release log applies); the kiosk's own perturbation settings, if any.
        let central = try CentralServerLink.required()
        let local = try? data.openExistingStore()
        let method = try local.map(PublicationSettings.method) ?? .standard
        let report = try central.summary(formID: formID, formsDirectory: forms.directory, url: url, passwordFile: summary.passwordFile,
                                         language: language, options: summary.options, method: method,
                                         publishing: (kind: kind, day: publishing.day))
        return (report, local)
    }
    if !summary.merge.isEmpty {
        let store = try data.openStore()
        let console = TerminalConsole(environment: processEnvironment)
        try StaffGate(store: store, console: console).require(language: language)
        let passphrase = try BundlePassphrase.read(console: console, language: language, twice: false)
        return (try SummarySource.merged(formID, bundles: summary.merge, passphrase: passphrase, formsDirectory: forms.directory,
                                         language: language, options: summary.options, store: store, publishing: publishing), store)
    }
    let store = try openForStaff(data, language: language)
    let form = try SummarySource.form(formID, formsDirectory: forms.directory, store: store)
    return (try SummaryReports.summary(of: form, store: store, language: language, options: summary.options, publishing: publishing), store)
}

/// `kiosk summary FORM-ID`: counts per question and answer, split by gender, small counts suppressed.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts and shares per question and answer for completed interviews, split by gender, every count perturbed so that no one can be picked out.")

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

