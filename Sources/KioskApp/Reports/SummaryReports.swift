import Foundation
import KioskCore
import KioskStore

/// Text and JSON for `kiosk summary`.
public enum SummaryReports {
    /// Builds the summary of a form from the store.
    public static func summary(of form: Questionnaire, store: AnswerStore, language: Language) throws -> Summary {
        let counts = try store.counts(formID: form.id)
        return Summary(form: form, language: language, interviews: counts.interviews, asked: counts.asked,
                       answers: counts.answers, referrals: counts.referrals)
    }

    /// A table per question: one row per answer, one column per gender and a total.
    public static func text(_ summary: Summary) -> String {
        let english = summary.language == .english
        var out = "\(summary.title) (\(summary.formID))\n"
        out += english ? "Completed interviews: \(summary.totalInterviews)\n" : "Genomförda intervjuer: \(summary.totalInterviews)\n"
        if !summary.hasGenderBreakdown {
            out += english
                ? "Note: this form has no gender question, so the counts cannot be split by gender.\n"
                : "Obs: formuläret saknar fråga om kön, så siffrorna kan inte delas upp på kön.\n"
        }
        let header = [""] + summary.columns.map(\.label) + [english ? "Total" : "Totalt"]
        func cells(_ counts: [String: Int], total: Int) -> [String] {
            summary.columns.map { String(counts[$0.key] ?? 0) } + [String(total)]
        }
        out += "\n" + rightAligned([header, [english ? "Interviews" : "Intervjuer"] + cells(summary.interviews, total: summary.totalInterviews)])
        for question in summary.questions {
            out += "\n\(question.id)  \(question.text)\n"
            var rows = [header]
            for row in question.rows { rows.append(["  " + row.label] + cells(row.counts, total: row.total)) }
            out += rightAligned(rows)
        }
        if !summary.referrals.isEmpty {
            out += "\n" + (english ? "Referral rules (interviews where the rule fired)" : "Hänvisningsregler (intervjuer där regeln uppfylldes)") + "\n"
            var rows = [header]
            for row in summary.referrals { rows.append(["  " + row.label] + cells(row.counts, total: row.total)) }
            out += rightAligned(rows)
        }
        return out
    }

    /// The summary as JSON.
    public static func json(_ summary: Summary) -> String {
        JSONOutput.encode(summary)
    }

    /// First column left-aligned, the number columns right-aligned.
    static func rightAligned(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0) : cell.leftPadded(to: widths[i])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
