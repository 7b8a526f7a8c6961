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
