import Foundation
import KioskCore
import KioskStore

/// Text and JSON for `kiosk referrals`.
public enum ReferralReports {
    /// A table of referrals: code, form, rule, level, day (and status when mixed).
    public static func table(_ referrals: [ReferralRecord], showStatus: Bool = false) -> String {
        guard !referrals.isEmpty else { return "No open referrals.\n" }
        var rows = [["CODE", "FORM", "RULE", "LEVEL", "DAY"] + (showStatus ? ["STATUS"] : [])]
        for r in referrals {
            rows.append([r.displayCode, r.formID, r.ruleID, r.level, r.day] + (showStatus ? [r.status] : []))
        }
        return FormReports.table(rows)
    }

    /// One JSON object per referral in an array, keys in a fixed order.
    public static func json(_ referrals: [ReferralRecord]) -> String {
        struct Item: Encodable {
            var code: String
            var form: String
            var rule: String
            var level: String
            var day: String
            var status: String
            var outcome: String?
            var closedDay: String?

            enum CodingKeys: String, CodingKey {
                case code, form, rule, level, day, status, outcome
                case closedDay = "closed_day"
            }
        }
        let items = referrals.map {
            Item(code: $0.displayCode, form: $0.formID, rule: $0.ruleID, level: $0.level, day: $0.day,
                 status: $0.status, outcome: $0.outcome, closedDay: $0.closedDay)
        }
        return JSONOutput.encode(items)
    }
}

/// Pretty, stable JSON for command output.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "null\n" }
        return text + "\n"
    }
}

extension ReferralReports {
    /// One referral in full: what was raised and its follow-up. Never the interview's answers.
    public static func detail(_ record: ReferralRecord, form: Questionnaire?, language requested: Language) -> String {
        let language = form?.language(closestTo: requested) ?? requested
        let english = language == .english
        let rule = form?.referrals.first { $0.id == record.ruleID }
        var rows: [[String]] = [
            [english ? "Code" : "Kod", record.displayCode],
            [english ? "Form" : "Formulär", form.map { "\($0.title.text(in: language)) (\(record.formID))" } ?? record.formID],
            [english ? "Rule" : "Regel", record.ruleID],
            [english ? "Level" : "Nivå", rule.map { Phrasebook(language).level($0.level) } ?? record.level],
            [english ? "Raised" : "Skapad", record.day],
            [english ? "Status" : "Status", record.status == "open" ? (english ? "open" : "öppen") : (english ? "closed" : "avslutad")],
        ]
        if let outcome = record.outcome.flatMap(ReferralOutcome.init) {
            rows.append([english ? "Outcome" : "Utfall", "\(outcome.label(language)) (\(outcome.rawValue))"])
        }
        if let closed = record.closedDay { rows.append([english ? "Closed" : "Avslutad", closed]) }
        var text = FormReports.table(rows)
        if let rule {
            text += "\n" + TextLayout.wrap(rule.message.text(in: language), width: 80) + "\n"
            for id in rule.support {
                if let entry = form?.supportEntry(id) { text += TextLayout.wrap("· " + entry.text.text(in: language), width: 80, hanging: 2) + "\n" }
            }
        }
        return text
    }
}
