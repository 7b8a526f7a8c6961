import Foundation
import KioskCore
import KioskStore

/// Text and JSON for `kiosk referrals`.
public enum ReferralReports {
    /// A table of referrals: code, form, rule, level, day, where it comes from (and status when `status` is
    /// nil, that is all; outcome and day closed for closed ones), in `language`.
    public static func table(_ referrals: [ReferralRecord], status: ReferralStatus?, language: Language = .swedish) -> String {
        let phrases = Phrasebook(language)
        guard !referrals.isEmpty else {
            switch status {
            case .open?: return phrases.text("referrals.none_open") + "\n"
            case .closed?: return phrases.text("referrals.none_closed") + "\n"
            case nil: return phrases.text("referrals.none") + "\n"
            }
        }
        func columns(_ key: String) -> [String] { phrases.text(key).components(separatedBy: ", ") }
        // All: a status column. Closed: how and when each was closed.
        let extra: [String] = switch status {
        case nil: columns("referrals.columns_all")
        case .closed?: columns("referrals.columns_closed")
        case .open?: []
        }
        var rows = [columns("referrals.columns") + extra]
        for r in referrals {
            var row = [r.displayCode, r.formID, r.ruleID, phrases.level(r.level).lowercased(), r.day, originLabel(r.origin, language: language)]
            let outcome = r.outcome.flatMap(ReferralOutcome.init).map { $0.label(language) } ?? r.outcome ?? ""
            switch status {
            case nil: row += [statusLabel(r, language: language), outcome]
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
    static func statusLabel(_ record: ReferralRecord, language: Language) -> String {
        Phrasebook(language).text(record.status == .open ? "referrals.status_open" : "referrals.status_closed")
    }

    /// Why a referral cannot be closed: it is closed already, how and when (reopen it first).
    public static func alreadyClosed(_ record: ReferralRecord, language: Language) -> String {
        let outcome = record.outcome.flatMap(ReferralOutcome.init).map { $0.label(language) } ?? record.outcome ?? "?"
        let day = record.closedDay ?? "?"
        return Phrasebook(language).text("referrals.already_closed", ["code": record.displayCode, "outcome": outcome, "day": day])
    }

    /// Why a referral cannot be reopened: it is open.
    public static func alreadyOpen(_ record: ReferralRecord, language: Language) -> String {
        Phrasebook(language).text("referrals.already_open", ["code": record.displayCode])
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
        let phrases = Phrasebook(requested)
        let rule = form?.referrals.first { $0.id == record.ruleID }
        var rows: [[String]] = [
            [phrases.text("referrals.label_code"), record.displayCode],
            [phrases.text("referrals.label_form"), form.map { "\($0.title.text(in: language)) (\(record.formID))" } ?? record.formID],
            [phrases.text("referrals.label_rule"), record.ruleID],
            [phrases.text("referrals.label_level"), phrases.level(record.level)],
            [phrases.text("referrals.label_raised"), record.day],
            [phrases.text("referrals.label_from"), originLabel(record.origin, language: requested)],
            [phrases.text("referrals.label_status"), statusLabel(record, language: requested)],
        ]
        if let outcome = record.outcome.flatMap(ReferralOutcome.init) {
            rows.append([phrases.text("referrals.label_outcome"), "\(outcome.label(requested)) (\(outcome.rawValue))"])
        }
        if let closed = record.closedDay { rows.append([phrases.text("referrals.label_closed"), closed]) }
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
