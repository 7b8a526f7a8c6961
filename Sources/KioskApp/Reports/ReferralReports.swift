import Foundation
import KioskCore
import KioskStore

/// Text and JSON for `kiosk referrals`.
public enum ReferralReports {
    /// A table of referrals: code, form, rule, level, day (and status when `status` is nil, that is all),
    /// in `language`. `status` is the filter the list was made with: "open", "closed", or nil for all.
    public static func table(_ referrals: [ReferralRecord], status: String?, language: Language = .swedish) -> String {
        let english = language == .english
        guard !referrals.isEmpty else {
            switch status {
            case "open": return english ? "No open referrals.\n" : "Inga öppna hänvisningar.\n"
            case "closed": return english ? "No closed referrals.\n" : "Inga avslutade hänvisningar.\n"
            default: return english ? "No referrals.\n" : "Inga hänvisningar.\n"
            }
        }
        // All: a status column. Closed: how and when each was closed.
        let extra: [String] = switch status {
        case nil: ["STATUS"]
        case "closed": english ? ["OUTCOME", "CLOSED"] : ["UTFALL", "AVSLUTAD"]
        default: []
        }
        var rows = [(english ? ["CODE", "FORM", "RULE", "LEVEL", "DAY"] : ["KOD", "FORMULÄR", "REGEL", "NIVÅ", "DAG"]) + extra]
        let phrases = Phrasebook(language)
        for r in referrals {
            let level = ReferralLevel(rawValue: r.level).map { phrases.level($0).lowercased() } ?? r.level
            var row = [r.displayCode, r.formID, r.ruleID, level, r.day]
            switch status {
            case nil: row.append(statusLabel(r, english: english))
            case "closed": row += [r.outcome ?? "", r.closedDay ?? ""]
            default: break
            }
            rows.append(row)
        }
        return FormReports.table(rows)
    }

    /// "open"/"öppen" or "closed"/"avslutad".
    static func statusLabel(_ record: ReferralRecord, english: Bool) -> String {
        record.status == "open" ? (english ? "open" : "öppen") : (english ? "closed" : "avslutad")
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
            [english ? "Status" : "Status", statusLabel(record, english: english)],
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
