import Foundation
import KioskCore
import TextWidth
import KioskStore

/// Builds summaries from the store and writes them for the terminal, as CSV (plain or for Swedish
/// Excel) and as JSON. HTML is in ``SummaryHTML``.
public enum SummaryReports {
    /// The summary of `form` from the store, split and perturbed as `options` says. With `publishing`
    /// (every summary a person sees or takes away), it is first checked against the release log and noted
    /// there: see ``Releases``.
    public static func summary(of form: Questionnaire, store: AnswerStore, language: Language, options: SummaryOptions,
                               publishing: (kind: String, day: Day, audit: String?)? = nil) throws -> SummaryReport {
        var options = options
        options.method = try publicationMethod(store)
        if let publishing {
            let months = try store.monthlyCounts(formID: form.id, from: options.from, to: options.to)
            try Releases.publish(kind: publishing.kind, formID: form.id, split: Releases.split(options.groupBy), months: months,
                                 store: store, minimum: options.minimumCell, language: language, day: publishing.day,
                                 auditDetail: publishing.audit)
        }
        let former = try store.formVersions(formID: form.id)
        let counts = try store.groupedCounts(formID: form.id, options: options, multipleChoice: multipleChoiceIDs(form, former))
        return SummaryReport(form: form, language: language, options: options, counts: counts, formerVersions: former)
    }

    /// The Cell Key Method as this kiosk is configured.
    public static func publicationMethod(_ store: AnswerStore) throws -> CellKeyMethod {
        try PublicationSettings.method(store)
    }

    /// The questions of any version that take several answers.
    static func multipleChoiceIDs(_ form: Questionnaire, _ former: [Questionnaire]) -> Set<String> {
        var ids = Set<String>()
        for version in [form] + former {
            for question in version.questions {
                if case .multipleChoice = question.kind { ids.insert(question.id) }
            }
        }
        return ids
    }

    // MARK: Terminal

    /// Tables with a bar for each row's share of all interviews, fitted to `width` columns.
    public static func text(_ report: SummaryReport, width: Int = 100) -> String {
        let language = report.language
        let k = report.options.minimumCell
        var out = "\(report.title) (\(report.formID))\n"
        out += TextLayout.wrap(methodLine(minimum: k, language: language), width: width) + "\n"
        out += periodLine(report.options, language: language) + "\n"
        if !report.hasGenderBreakdown {
            out += (Phrasebook(language).text("summary.no_gender_question") + "\n")
        }
        var genderHeaders = report.columns.map { column -> String in
            switch column.key {
            case Answer.declinedCode: return Phrasebook(language).text("summary.declined")
            case GroupCounts.notStated: return Phrasebook(language).text("summary.not_stated")
            default: return shortLabel(column.label)
            }
        }
        // Shortened headings that would read the same are written out in full.
        if Set(genderHeaders).count < genderHeaders.count {
            genderHeaders = zip(genderHeaders, report.columns).map { header, column in
                genderHeaders.filter { $0 == header }.count > 1 ? column.label : header
            }
        }
        let headers = genderHeaders + [Phrasebook(language).text("summary.total"), "%"]
        if report.groups.allSatisfy({ $0.interviews.table.grandTotal == .count(0) }) {
            return out + "\n" + ((Phrasebook(language).text("summary.no_interviews") + "\n"))
        }
        for group in report.groups {
            if report.groups.count > 1 || !group.key.isEmpty { out += "\n== \(group.label) ==\n" }
            if group.interviews.table.grandTotal == .belowMinimum {
                out += "\n" + TextLayout.wrap(tooFewLine(minimum: k, language: language), width: width) + "\n"
                continue
            }
            out += "\n" + render(group.interviews, headers: headers, minimum: k, width: width, bars: false)
            for table in group.questions { out += "\n\(table.title) (\(table.id))\n" + render(table, headers: headers, minimum: k, width: width, bars: true) }
            for table in group.scores { out += "\n\(table.title) (\(table.id))\n" + render(table, headers: headers, minimum: k, width: width, bars: true) }
            if let referrals = group.referrals { out += "\n\(referrals.title)\n" + render(referrals, headers: headers, minimum: k, width: width, bars: true) }
            if let declined = group.declined { out += "\n\(declined.title)\n" + render(declined, headers: headers, minimum: k, width: width, bars: true) }
            if let coverage = group.coverage { out += "\n\(coverage.title)\n" + render(coverage, headers: headers, minimum: k, width: width, bars: false) }
        }
        return out
    }

    /// What the numbers are: said above every summary.
    static func methodLine(minimum k: Int, language: Language) -> String {
        Phrasebook(language).text("summary.method_line", ["k": "\(k)"])
    }

    /// Said instead of the tables of a section with fewer than `minimum` interviews, where every count is hidden.
    static func tooFewLine(minimum: Int, language: Language) -> String {
        Phrasebook(language).text("summary.too_few_line", ["minimum": "\(minimum)"])
    }

    static func periodLine(_ options: SummaryOptions, language: Language) -> String {
        switch (options.from, options.to) {
        case (nil, nil): return Phrasebook(language).text("summary.period_all")
        case (let from?, nil): return Phrasebook(language).text("summary.period_from", ["from": "\(from)"])
        case (nil, let to?): return Phrasebook(language).text("summary.period_to", ["to": "\(to)"])
        case (let from?, let to?): return Phrasebook(language).text("summary.period_between", ["from": "\(from)", "to": "\(to)"])
        }
    }

    static func shortLabel(_ label: String) -> String {
        label.count <= 10 ? label : String(label.prefix(9)) + "…"
    }

    /// One table: a label column (labels wrap onto more lines rather than being cut, so two rows never
    /// read the same), a column per gender, the total, and a share with a bar.
    static func render(_ item: SummaryReport.Table, headers: [String], minimum: Int, width: Int, bars: Bool) -> String {
        let table = item.table
        let longest = table.rows.map { DisplayWidth.of($0.label) }.max() ?? 12
        let labelWidth = min(30, max(12, longest))
        var lines: [[String]] = [[""] + (bars ? headers : headers.dropLast())]
        var continuations: [[String]] = [[]]
        for (r, row) in table.rows.enumerated() {
            let parts = TextLayout.wrap(row.label, width: labelWidth - 2, minimum: 4).split(separator: "\n").map(String.init)
            let share = bars ? (table.totalShare(row: r).map { percent($0) } ?? "") : ""
            lines.append(["  " + (parts.first ?? "")] + table.cells[r].map { $0.text(minimum: minimum) }
                         + [table.rowTotals[r].text(minimum: minimum)] + (bars ? [share] : []))
            continuations.append(parts.dropFirst().map { "  " + $0 })
        }
        var widths = Array(repeating: 0, count: lines[0].count)
        // By display width: a label in a wide or combining script lines its numbers up like any other.
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        for more in continuations { for part in more { widths[0] = max(widths[0], DisplayWidth.of(part)) } }
        let used = widths.reduce(0, +) + 2 * (widths.count - 1)
        let barWidth = bars ? max(0, min(30, width - used - 2)) : 0
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            var text = line.enumerated().map { i, cell in
                i == 0 ? cell + String(repeating: " ", count: max(0, widths[0] - DisplayWidth.of(cell))) : cell.leftPadded(to: widths[i])
            }.joined(separator: "  ")
            if barWidth > 0, index > 0, let share = table.totalShare(row: index - 1) {
                text += "  " + bar(share, width: barWidth)
            }
            out.append(text)
            out += continuations[index]
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A horizontal bar of Unicode blocks, in eighths of a character.
    static func bar(_ share: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(width * 8)).rounded())
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    // MARK: CSV

    /// CSV (RFC 4180, UTF-8, CRLF) in long form: one line per table, row and gender column (and the total).
    /// With `excel`, the variant Swedish Excel opens directly: a byte-order mark, `;` between fields and a
    /// decimal comma.
    public static func csv(_ report: SummaryReport, excel: Bool = false) -> String {
        let separator = excel ? ";" : ","
        func field(_ value: String) -> String {
            csvField(value, separator: excel ? ";" : ",")
        }
        func share(_ value: Double?) -> String {
            guard let value else { return "" }
            let text = String(format: "%.4f", value)
            return excel ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        let k = report.options.minimumCell
        let dimensions = report.options.groupBy.map(\.description)
        var lines: [[String]] = [["form_id"] + dimensions + ["table", "table_title", "row", "row_label", "gender", "count", "share"]]
        for group in report.groups {
            let groupValues = dimensions.map { group.key[$0] ?? "" }
            let tables = [group.interviews] + group.questions + group.scores + [group.referrals, group.declined, group.coverage].compactMap { $0 }
            for item in tables {
                let table = item.table
                for (r, row) in table.rows.enumerated() {
                    for (c, column) in table.columns.enumerated() {
                        lines.append([report.formID] + groupValues + [item.id, item.title, row.key, row.label, column.key,
                                      table.cells[r][c].text(minimum: k), share(table.share(row: r, column: c))])
                    }
                    lines.append([report.formID] + groupValues + [item.id, item.title, row.key, row.label, "total",
                                  table.rowTotals[r].text(minimum: k), share(table.totalShare(row: r))])
                }
            }
        }
        let body = lines.map { $0.map(field).joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
        return excel ? "\u{FEFF}" + body : body
    }

    // MARK: JSON

    /// The summary as JSON (schema `kiosk-summary`, version 2).
    public static func json(_ report: SummaryReport) -> String {
        JSONOutput.encode(report)
    }
}
