import Foundation
import KioskCore
import KioskStore

/// Text and JSON for `kiosk referrals`.
public enum ReferralReports {
    /// A table of referrals: code, form, rule, level, day, where it comes from (and status when `status` is
    /// nil, that is all; outcome and day closed for closed ones), in `language`.
    public static func table(_ referrals: [ReferralRecord], status: ReferralStatus?, language: Language = .swedish) -> String {
        let english = language == .english
        guard !referrals.isEmpty else {
            switch status {
            case .open?: return english ? "No open referrals.\n" : "Inga öppna hänvisningar.\n"
            case .closed?: return english ? "No closed referrals.\n" : "Inga avslutade hänvisningar.\n"
            case nil: return english ? "No referrals.\n" : "Inga hänvisningar.\n"
            }
        }
        // All: a status column. Closed: how and when each was closed.
        let extra: [String] = switch status {
        case nil: english ? ["STATUS", "OUTCOME"] : ["STATUS", "UTFALL"]
        case .closed?: english ? ["OUTCOME", "CLOSED"] : ["UTFALL", "AVSLUTAD"]
        case .open?: []
        }
        var rows = [(english ? ["CODE", "FORM", "RULE", "LEVEL", "DAY", "FROM"] : ["KOD", "FORMULÄR", "REGEL", "NIVÅ", "DAG", "FRÅN"]) + extra]
        let phrases = Phrasebook(language)
        for r in referrals {
            var row = [r.displayCode, r.formID, r.ruleID, phrases.level(r.level).lowercased(), r.day, originLabel(r.origin, language: language)]
            let outcome = r.outcome.flatMap(ReferralOutcome.init).map { $0.label(language) } ?? r.outcome ?? ""
            switch status {
            case nil: row += [statusLabel(r, english: english), outcome]
            case .closed?: row += [outcome, r.closedDay ?? ""]
            case .open?: break
            }
            rows.append(row)
        }
        return FormReports.table(rows)
    }

    /// "genomförd intervju" / "oavslutad intervju".
    static func originLabel(_ origin: ReferralOrigin, language: Language) -> String {
        let phrases = Phrasebook(language)
        return origin == .completed ? phrases.fromCompleted : phrases.fromUnfinished
    }

    /// "open"/"öppen" or "closed"/"avslutad".
    static func statusLabel(_ record: ReferralRecord, english: Bool) -> String {
        record.status == .open ? (english ? "open" : "öppen") : (english ? "closed" : "avslutad")
    }

    /// Why a referral cannot be closed: it is closed already, how and when (reopen it first).
    public static func alreadyClosed(_ record: ReferralRecord, language: Language) -> String {
        let outcome = record.outcome.flatMap(ReferralOutcome.init).map { $0.label(language) } ?? record.outcome ?? "?"
        let day = record.closedDay ?? "?"
        return language == .english
            ? "referral \(record.displayCode) is already closed (\(outcome), on \(day)); to close it another way, first run 'kiosk referrals reopen \(record.displayCode)'"
            : "hänvisning \(record.displayCode) är redan avslutad (\(outcome), \(day)); för att avsluta den på ett annat sätt, kör först 'kiosk referrals reopen \(record.displayCode)'"
    }

    /// Why a referral cannot be reopened: it is open.
    public static func alreadyOpen(_ record: ReferralRecord, language: Language) -> String {
        language == .english
            ? "referral \(record.displayCode) is open already; nothing was changed"
            : "hänvisning \(record.displayCode) är redan öppen; inget ändrades"
    }

    /// One JSON object per referral in an array, keys in a fixed order.
    public static func json(_ referrals: [ReferralRecord]) -> String {
        struct Item: Encodable {
            var code: String
            var form: String
            var rule: String
            var level: String
            var origin: String
            var day: String
            var status: String
            var outcome: String?
            var closedDay: String?

            enum CodingKeys: String, CodingKey {
                case code, form, rule, level, origin, day, status, outcome
                case closedDay = "closed_day"
            }
        }
        let items = referrals.map {
            Item(code: $0.displayCode, form: $0.formID, rule: $0.ruleID, level: $0.level.rawValue, origin: $0.origin.rawValue,
                 day: $0.day, status: $0.status.rawValue, outcome: $0.outcome, closedDay: $0.closedDay)
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
            [english ? "Level" : "Nivå", Phrasebook(language).level(record.level)],
            [english ? "Raised" : "Skapad", record.day],
            [english ? "From" : "Från", originLabel(record.origin, language: language)],
            [english ? "Status" : "Status", statusLabel(record, english: english)],
        ]
        if let outcome = record.outcome.flatMap(ReferralOutcome.init) {
            rows.append([english ? "Outcome" : "Utfall", "\(outcome.label(language)) (\(outcome.rawValue))"])
        }
        if let closed = record.closedDay { rows.append([english ? "Closed" : "Avslutad", closed]) }
        var text = FormReports.table(rows)
        if let rule {
            text += "\n" + TextLayout.wrap(rule.message.text(in: language), width: 80) + "\n"
            // The participant's gender is not kept with a referral: every line of the rule is shown.
            for id in rule.support {
                if let entry = form?.supportEntry(id) { text += TextLayout.wrap("· " + entry.text.text(in: language), width: 80, hanging: 2) + "\n" }
            }
        }
        return text
    }
}
